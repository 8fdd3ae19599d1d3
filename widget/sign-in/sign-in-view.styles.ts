import { css } from "lit";

export const signInStyles = css`
  .ms {
    display: inline-flex;
    align-items: center;
    gap: 12px;
    height: 41px;
    padding: 0 12px;
    font:
      600 15px/1 "Segoe UI",
      "Segoe UI Web",
      system-ui,
      sans-serif;
    color: var(--thinglink-sso-button-color, #5e5e5e);
    background: var(--thinglink-sso-button-background, #ffffff);
    border: 1px solid var(--thinglink-sso-button-border, #8c8c8c);
    border-radius: var(--thinglink-sso-radius, 0);
    cursor: pointer;
  }
  :host([theme="dark"]) .ms {
    color: var(--thinglink-sso-button-color, #ffffff);
    background: var(--thinglink-sso-button-background, #2f2f2f);
    border-color: var(--thinglink-sso-button-border, #2f2f2f);
  }
  /* aria-disabled: the join prompt's action while its call runs (it keeps focus, unlike disabled). */
  .ms:disabled,
  [aria-disabled="true"] {
    cursor: progress;
    opacity: 0.7;
  }
  button:focus-visible {
    outline: 2px solid var(--thinglink-sso-focus, #005fb8);
    outline-offset: 2px;
  }
  /* Text and actions share a baseline, also when a long name wraps onto more lines. */
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  /* Next to the 41px button a text action sits on its middle (the button's own baseline is its logo's). */
  .row:has(> .ms) {
    align-items: center;
  }
  /* The name takes the room and wraps inside it; the action stays beside its first line. */
  .who {
    flex: 1 1 8em;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .row > .link {
    flex: none;
  }
  .link {
    font: inherit;
    color: var(--thinglink-sso-link-color, #005fb8);
    background: none;
    border: 0;
    padding: 0.25em 0;
    text-decoration: underline;
    cursor: pointer;
  }
  .primary {
    font: inherit;
    padding: 0.4em 1em;
    color: var(--thinglink-sso-accent-color, #ffffff);
    background: var(--thinglink-sso-accent, #005fb8);
    border: 1px solid var(--thinglink-sso-accent, #005fb8);
    border-radius: 2px;
    cursor: pointer;
  }
  /* The join prompt's "I am a student / a teacher" (schools only). */
  .account-type {
    margin: 0.5em 0;
    padding: 0;
    border: 0;
  }
  .account-type label {
    margin-right: 1em;
    white-space: nowrap;
  }
  input:focus-visible {
    outline: 2px solid var(--thinglink-sso-focus, #005fb8);
    outline-offset: 2px;
  }
  .message {
    margin: 0.5em 0 0;
    min-height: 1.2em;
    font-size: 0.9em;
    color: var(--thinglink-sso-message-color, inherit);
  }
  .message:empty {
    display: none;
  }
  [role="alert"] {
    color: var(--thinglink-sso-error-color, #a4262c);
  }
`;
