/**
 * The panel's tabs, as the WAI-ARIA tabs pattern has them: one tab stop for the tablist,
 * arrow keys (and Home/End) move between tabs and select them at once (automatic
 * activation: panels render from data already at hand, so selecting is cheap).
 * Later tabs ("Requests" with its pending count, "Users") are one more entry each.
 */
import { html, nothing, type TemplateResult } from "lit";

export interface Tab {
  id: string;
  label: string;
  /** A count shown next to the label (e.g. pending requests); hidden when 0. */
  badge?: { count: number; label: string };
  render: () => TemplateResult;
}

const KEYS: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** `select(id, byKeyboard)`: the owner re-renders and, when byKeyboard, moves focus to the tab `#tab-<id>`. */
export function renderTabs(tabs: Tab[], selected: string, label: string, select: (id: string, byKeyboard: boolean) => void) {
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  const onKeydown = (event: KeyboardEvent) => {
    const move = KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    select(tabs[move(tabs.indexOf(current), tabs.length)].id, true);
  };
  return html`<div role="tablist" aria-label=${label} class="tablist" part="tablist" @keydown=${onKeydown}>
      ${tabs.map(
        (tab) =>
          html`<button type="button" role="tab" id="tab-${tab.id}" aria-controls="panel-${tab.id}" aria-selected=${tab === current ? "true" : "false"}
            tabindex=${tab === current ? "0" : "-1"} part="tab" @click=${() => select(tab.id, false)}>
            ${tab.label}${
              tab.badge?.count
                ? html` <span class="badge" part="tab-badge">${tab.badge.count}<span class="vh"> ${tab.badge.label}</span></span>`
                : nothing
            }
          </button>`,
      )}
    </div>
    <div role="tabpanel" id="panel-${current.id}" aria-labelledby="tab-${current.id}" tabindex="0" class="tabpanel" part="tabpanel">${current.render()}</div>`;
}
