import { css } from "lit";

export const integrationsStyles = css`
  /* A label, its value and the row's action share a baseline and wrap on narrow screens. */
  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
    margin: 0.75em 0;
  }
  .item .label {
    flex: 0 0 10em;
    font-weight: 600;
  }
  .item .value {
    flex: 1 1 12em;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .status-active,
  .status-awaiting_consent {
    font-weight: 600;
  }
  .last-error {
    display: block;
    font-weight: normal;
    color: var(--thinglink-sso-error-color, #a4262c);
  }
  .edit-form {
    margin: 0.75em 0;
  }
  .copy-row {
    display: flex;
    gap: 0.5em;
    max-width: 38em;
  }
  .copy-row input {
    flex: 1;
    min-width: 0;
  }
  .permissions {
    margin: 0.5em 0 1em;
    max-width: 42em;
  }
  .permissions summary {
    cursor: pointer;
    color: var(--thinglink-sso-link-color, #005fb8);
  }
  .permissions summary:focus-visible {
    outline: 2px solid var(--thinglink-sso-focus, #005fb8);
    outline-offset: 2px;
  }
  .unavailable {
    margin: 0.75em 0;
    padding: 0.5em 1em;
    border-left: 4px solid var(--thinglink-sso-accent, #005fb8);
  }
  .toggle {
    margin-top: 1em;
  }
  /* Embed origins: each site with its status and, while it is not proven, Check now. */
  .origins {
    list-style: none;
    padding: 0;
  }
  .origins li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
    margin: 0.5em 0;
  }
  .origins .value {
    overflow-wrap: anywhere;
  }
  .origins .last-error {
    flex-basis: 100%;
  }
  .status-verified {
    font-weight: 600;
  }
`;
