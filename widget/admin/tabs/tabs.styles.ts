import { css } from "lit";

export const tabsStyles = css`
  /* One row of tabs; on a phone it scrolls sideways rather than wrapping onto a second row. */
  .tablist {
    display: flex;
    gap: 0.25em;
    margin: 0 0 1em;
    overflow-x: auto;
    overflow-y: hidden;
    scrollbar-width: thin;
    border-bottom: 1px solid var(--thinglink-sso-border, #8a8886);
  }
  [role="tab"] {
    flex: none;
    white-space: nowrap;
    padding: 0.5em 0.9em;
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    border-bottom: 3px solid transparent;
    cursor: pointer;
  }
  /* Selected: bold and underlined, so it does not rest on color alone. */
  [role="tab"][aria-selected="true"] {
    font-weight: 600;
    border-bottom-color: var(--thinglink-sso-accent, #005fb8);
  }
  .badge {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.4em;
    font-size: 0.8em;
    line-height: 1.6;
    text-align: center;
    color: var(--thinglink-sso-accent-color, #ffffff);
    background: var(--thinglink-sso-accent, #005fb8);
    border-radius: 1em;
  }
  /* A phone: the three tabs fit one row of 390 px. */
  @media (max-width: 600px) {
    .tablist {
      gap: 0;
    }
    [role="tab"] {
      padding: 0.5em 0.3em;
      font-size: 0.85em;
    }
  }
  .tabpanel:focus-visible {
    outline-offset: 4px;
  }
`;
