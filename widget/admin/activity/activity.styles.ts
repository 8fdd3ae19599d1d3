import { css } from "lit";

export const activityStyles = css`
  .activity {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }
  .activity th,
  .activity td {
    padding: 0.35em 0.75em 0.35em 0;
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid var(--thinglink-sso-border, #c8c6c4);
  }
  .activity td:first-child {
    white-space: nowrap;
  }
  .activity + [role="alert"] + button {
    margin-top: 0.75em;
  }
`;
