import { css } from "lit";

export const hostStyles = css`
  :host {
    display: inline-block;
    font-family: var(--thinglink-sso-font, "Segoe UI", system-ui, sans-serif);
    color: var(--thinglink-sso-color, inherit);
  }
  :host([view="admin"]) {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
`;
