import { css } from "lit";

/** The panel's tables: recent activity, join requests, members, tenant accounts. */
export const tableStyles = css`
  table {
    width: 100%;
    margin: 0.5em 0;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.4em 0.75em 0.4em 0;
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid var(--thinglink-sso-border, #c8c6c4);
  }
  time {
    white-space: nowrap;
  }
  /* A name's email and Microsoft account, an account type's source: under the main text. */
  td .hint,
  th .hint {
    display: block;
    font-weight: normal;
  }
  /* A phone: each row becomes a card of its cells, one under the other, nothing off screen. */
  @media (max-width: 600px) {
    thead {
      display: none;
    }
    tr,
    th,
    td {
      display: block;
      border: 0;
    }
    tr {
      padding: 0.5em 0;
      border-bottom: 1px solid var(--thinglink-sso-border, #c8c6c4);
    }
    .hint {
      overflow-wrap: anywhere;
    }
    /* The column's name goes with each cell, since the header row is hidden (the actions need none). */
    td[data-label]:not([data-label=""])::before {
      content: attr(data-label);
      display: block;
      font-size: 0.85em;
      font-weight: 600;
      color: var(--thinglink-sso-muted-color, #605e5c);
    }
  }
  td p,
  td .actions,
  .list-status p {
    margin: 0 0 0.25em;
  }
  td select {
    width: auto;
  }
`;
