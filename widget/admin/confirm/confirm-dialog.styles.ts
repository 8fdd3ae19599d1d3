import { css } from "lit";

/** The confirmation dialog (confirm-dialog.ts), in the panel's shadow root. */
export const confirmDialogStyles = css`
  .confirm-dialog {
    max-width: min(32em, calc(100vw - 2em));
    padding: 1em 1.25em;
    color: inherit;
    background: var(--thinglink-sso-field-background, #ffffff);
    border: 1px solid var(--thinglink-sso-border, #8a8886);
    border-left: 4px solid var(--thinglink-sso-accent, #005fb8);
    border-radius: 2px;
  }
  .confirm-dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  .confirm-dialog p {
    margin: 0 0 1em;
  }
`;
