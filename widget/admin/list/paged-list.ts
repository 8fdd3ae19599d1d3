/**
 * A list as the panel shows them (the recent activity; people in the Requests and Users tabs):
 * a table (a person's name is the row's header), a page at a time with "Show more" (cursor
 * paging), optional checkboxes with "Select all shown" for bulk actions, a live status line
 * for what an action did (one line per person) and an alert for what failed. One action runs
 * at a time: its buttons are aria-disabled meanwhile (never disabled: focus stays put).
 */
import { html, nothing, type PropertyDeclarations } from "lit";
import type { Page } from "../admin-api";
import { errorText } from "../i18n";
import { LightElement } from "../light-element";

export interface ListView<T> {
  /** The heading's id: the table is labelled by it. */
  heading: string;
  head: string[];
  /** The row's cells; the first is the row header (the person's name). */
  cells: (item: T) => unknown[];
  empty: string;
  /** Bulk actions on the checked rows (with checkboxes only when there are some). */
  bulk?: [string, (keys: string[]) => void][];
  /** false: the first cell is a plain cell, not the row's header (the activity's time). */
  rowHeader?: boolean;
}

export abstract class PagedList<T> extends LightElement {
  static properties: PropertyDeclarations = {
    items: { state: true },
    cursor: { state: true },
    busy: { state: true },
    outcome: { state: true },
    error: { state: true },
    selected: { state: true },
  };

  protected items: T[] | null = null;
  protected cursor: string | null = null;
  protected busy = false;
  /** What the last action did, one line per person. */
  protected outcome: string[] = [];
  protected error = "";
  /** Where the last error belongs: "" for the list's alert, or a row's control (see alertAt). */
  protected errorAt = "";
  protected selected = new Set<string>();
  private loads = 0;

  protected abstract fetchPage(cursor: string | null): Promise<Page<T>>;
  protected abstract key(item: T): string;
  protected abstract label(item: T): string;

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin")) void this.load(false);
  }

  /** The first page again (`more`: the next one, appended; focus then goes to its first row). */
  async load(more: boolean) {
    const load = ++this.loads;
    this.error = "";
    try {
      const page = await this.fetchPage(more ? this.cursor : null);
      if (load !== this.loads) return; // a newer load (a new search) wins
      const first = more ? this.items!.length : 0;
      this.items = more ? [...this.items!, ...page.items] : page.items;
      this.cursor = page.nextCursor;
      if (!more) this.selected = new Set();
      // "Show more" may go with the last page: focus moves to the first row it added.
      if (more && !page.nextCursor) void this.focusLater(`tr[data-index="${first}"] [tabindex]`);
    } catch (err) {
      this.error = errorText(this.t, err);
    }
  }

  /**
   * Runs one action (one at a time): `work` answers the status lines. A failure is said in the
   * list's alert, or beside the row's control `at`. After a success focus moves to the status
   * line (the control used may be gone with its row), unless `stay`; after a failure it stays.
   */
  protected async run(work: () => Promise<string[]>, at = "", stay = false) {
    if (this.busy) return false;
    this.busy = true;
    this.error = this.errorAt = "";
    this.outcome = [];
    try {
      this.outcome = await work();
      if (!stay) void this.focusLater(".list-status");
    } catch (err) {
      this.error = errorText(this.t, err);
      this.errorAt = at;
    }
    this.busy = false;
    return !this.error;
  }

  /** Calls the API for up to 500 rows at a time (its limit); each call's rows leave the list unless they `stay` (nothing changed). */
  protected async batches<R>(
    keys: string[],
    call: (keys: string[]) => Promise<R[]>,
    line: (result: R) => [key: string, said: string, stay?: boolean],
  ) {
    const lines: string[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const done = (await call(keys.slice(i, i + 500))).map(line);
      for (const [key, said] of done) {
        const item = this.items!.find((i) => this.key(i) === key);
        lines.push(`${item ? this.label(item) : key}: ${said}`);
      }
      this.drop(done.filter((d) => !d[2]).map((d) => d[0]));
    }
    return lines;
  }

  /** Rows that are done (decided, added, removed) leave the list; the panel's counts follow. */
  protected drop(keys: string[]) {
    this.items = this.items!.filter((item) => !keys.includes(this.key(item)));
    this.selected = new Set([...this.selected].filter((k) => !keys.includes(k)));
    this.dispatchEvent(new Event("org-changed", { bubbles: true }));
  }

  /** The error beside a row's control, when it belongs there (the control is described by it: see describedBy). */
  protected alertAt(at: string) {
    return this.errorAt === at ? html`<p id="error-${at}" role="alert" part="alert">${this.error}</p>` : nothing;
  }

  protected describedBy(at: string) {
    return this.errorAt === at ? `error-${at}` : nothing;
  }

  private toggle(keys: string[], on: boolean) {
    const next = new Set(this.selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    this.selected = next;
  }

  /** `name` completes the label for screen readers ("Approve" → "Approve Chris Employee"). */
  protected button(label: string, onClick: () => void, cls = "secondary", name = "", disabled = this.busy) {
    return html`<button type="button" class=${cls} part=${cls.startsWith("primary") ? "primary-button" : "secondary-button"} aria-disabled=${disabled ? "true" : "false"}
      @click=${onClick}>${label}${name ? html`<span class="vh"> ${name}</span>` : nothing}</button>`;
  }

  protected renderList(v: ListView<T>) {
    const t = this.t;
    const items = this.items;
    const keys = items?.map((i) => this.key(i)) ?? [];
    const checks = !!v.bulk && keys.length > 0;
    const check = (label: string, on: boolean, keys: string[]) =>
      html`<input type="checkbox" aria-label=${label} .checked=${on} @change=${(e: Event) => this.toggle(keys, (e.target as HTMLInputElement).checked)} />`;
    return html`${
      items?.length
        ? html`<table aria-labelledby=${v.heading}>
            <thead>
              <tr>${
                checks
                  ? html`<th scope="col">${check(
                      t.selectAll,
                      keys.every((k) => this.selected.has(k)),
                      keys,
                    )}</th>`
                  : nothing
              }${v.head.map((h) => html`<th scope="col">${h}</th>`)}</tr>
            </thead>
            <tbody>
              ${items.map((item, i) => {
                const [first, ...rest] = v.cells(item);
                return html`<tr data-index=${i}>
                  ${checks ? html`<td>${check(this.label(item), this.selected.has(keys[i]), [keys[i]])}</td>` : nothing}
                  ${v.rowHeader === false ? html`<td tabindex="-1">${first}</td>` : html`<th scope="row" tabindex="-1">${first}</th>`}${rest.map((c, j) => html`<td data-label=${v.head[j + 1] ?? ""}>${c}</td>`)}
                </tr>`;
              })}
            </tbody>
          </table>`
        : html`<p role="status" part="status">${items ? v.empty : t.loading}</p>`
    }
      ${checks ? html`<div class="actions">${v.bulk!.map(([label, act]) => this.button(label, () => this.selected.size && act([...this.selected]), "secondary", "", this.busy || !this.selected.size))}</div>` : nothing}
      <div class="list-status" role="status" part="status" tabindex="-1">${this.outcome.map((line) => html`<p>${line}</p>`)}</div>
      <p role="alert" part="alert">${this.errorAt ? "" : this.error}</p>
      ${this.cursor ? this.button(t.showMore, () => this.load(true)) : nothing}`;
  }
}
