/**
 * Recent activity: the organization's audit events, newest first, twenty at a time with
 * "Show more" (cursor paging). Each row says when, who and what, in words; an action this
 * version has no words for shows its raw name rather than nothing.
 */
import { html, nothing } from "lit";
import type { AuditEvent } from "../admin-api";
import { errorText, formatDate } from "../i18n";
import { LightElement } from "../light-element";

/**
 * @tagname thinglink-sso-admin-activity
 * @summary The admin panel's recent activity list (internal).
 */
export class Activity extends LightElement {
  static properties = {
    revision: { attribute: false },
    events: { state: true },
    cursor: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  /** Bumped by the tab on every change it made: the first page is loaded again. */
  revision = 0;
  private events: AuditEvent[] | null = null;
  private cursor: string | null = null;
  private loading = false;
  private error = "";
  private loads = 0;

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin") || changed.has("revision")) void this.load(false);
  }

  private async load(more: boolean) {
    const load = ++this.loads;
    this.loading = true;
    this.error = "";
    try {
      const page = await this.admin.audit(more ? this.cursor : null);
      if (load !== this.loads) return; // a newer load (after another change) wins
      const first = more ? (this.events?.length ?? 0) : -1;
      this.events = more ? [...(this.events ?? []), ...page.events] : page.events;
      this.cursor = page.nextCursor;
      // "Show more" may vanish with the last page: focus goes to the first new row instead.
      if (more && !page.nextCursor) void this.focusLater(`tr[data-index="${first}"] td`);
    } catch (err) {
      this.error = errorText(this.t, err);
    } finally {
      if (load === this.loads) this.loading = false;
    }
  }

  private who(e: AuditEvent) {
    return e.actor.name ?? this.t.actors[e.actor.type] ?? e.actor.type;
  }

  private what(e: AuditEvent) {
    const say = this.t.actions[e.action];
    return say ? say(e) : html`<code>${e.action}</code>`;
  }

  render() {
    const t = this.t;
    const events = this.events;
    return html`<section part="section" aria-labelledby="activity-heading">
      <h3 id="activity-heading">${t.activity}</h3>
      ${events?.length
        ? html`<table class="activity" aria-labelledby="activity-heading">
            <thead>
              <tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.what}</th></tr>
            </thead>
            <tbody>
              ${events.map(
                (e, i) => html`<tr data-index=${i}>
                  <td tabindex="-1"><time datetime=${e.at}>${formatDate(t, e.at)}</time></td>
                  <td>${this.who(e)}</td>
                  <td>${this.what(e)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : events
          ? html`<p>${t.noActivity}</p>`
          : html`<p role="status" part="status">${t.loading}</p>`}
      <p role="alert" part="alert">${this.error}</p>
      ${this.cursor
        ? html`<button type="button" class="secondary" part="secondary-button" ?disabled=${this.loading} @click=${() => this.load(true)}>${t.showMore}</button>`
        : nothing}
    </section>`;
  }
}
