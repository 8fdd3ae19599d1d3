import { css } from "lit";

/** What every part of the panel shares: headings, sections, fields, buttons, messages. */
export const adminStyles = css`
  :host {
    display: block;
    margin-top: 1em;
    line-height: 1.4;
  }
  h2 {
    margin: 0 0 0.75em;
    font-size: 1.4em;
  }
  h3 {
    margin: 0 0 0.5em;
    font-size: 1.15em;
  }
  h4 {
    margin: 1.25em 0 0.25em;
    font-size: 1em;
  }
  p {
    margin: 0.5em 0;
  }
  section {
    margin: 0 0 1em;
    padding: 1em 1.25em;
    background: var(--thinglink-sso-surface, transparent);
    border: 1px solid var(--thinglink-sso-border, #c8c6c4);
    border-radius: 4px;
  }
  .hint {
    font-size: 0.9em;
    color: var(--thinglink-sso-muted-color, #605e5c);
  }
  label {
    display: block;
    margin-bottom: 0.25em;
    font-weight: 600;
  }
  input,
  textarea,
  select {
    box-sizing: border-box;
    width: 100%;
    max-width: 38em;
    padding: 0.4em 0.5em;
    font: inherit;
    color: inherit;
    background: var(--thinglink-sso-field-background, #ffffff);
    border: 1px solid var(--thinglink-sso-border, #8a8886);
    border-radius: 2px;
  }
  input[type="checkbox"] {
    width: auto;
  }
  input[readonly] {
    background: var(--thinglink-sso-surface, transparent);
  }
  /* Invalid fields get a thicker border as well as the color, and the alert names the problem. */
  [aria-invalid="true"] {
    border: 2px solid var(--thinglink-sso-error-color, #a4262c);
  }
  button {
    padding: 0.4em 1em;
    font: inherit;
    border-radius: 2px;
    cursor: pointer;
  }
  .primary {
    color: var(--thinglink-sso-accent-color, #ffffff);
    background: var(--thinglink-sso-accent, #005fb8);
    border: 1px solid var(--thinglink-sso-accent, #005fb8);
  }
  .secondary {
    color: inherit;
    background: transparent;
    border: 1px solid var(--thinglink-sso-border, #8a8886);
  }
  /* aria-disabled: disabled while a call runs, yet focusable, so focus stays where it was. */
  button:disabled,
  [aria-disabled="true"] {
    cursor: progress;
    opacity: 0.7;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--thinglink-sso-focus, #005fb8);
    outline-offset: 2px;
  }
  a {
    color: var(--thinglink-sso-link-color, #005fb8);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0.5em 0;
  }
  [role="alert"] {
    color: var(--thinglink-sso-error-color, #a4262c);
  }
  /* Empty live regions stay in the tree (so what is put in them later is announced) but take no room. */
  [role="alert"]:empty,
  [role="status"]:empty {
    margin: 0;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
