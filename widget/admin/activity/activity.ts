/**
 * Recent activity: the organization's audit events, newest first, twenty at a time with
 * "Show more" (cursor paging). Each row says when, who and what, in words; an action this
 * version has no words for shows its raw name rather than nothing.
 */
import { html } from "lit";
import type { AuditEvent } from "../admin-api";
import { formatDate } from "../i18n";
import { PagedList } from "../list/paged-list";

/**
 * @tagname thinglink-sso-admin-activity
 * @summary The admin panel's recent activity list (internal).
 */
export class Activity extends PagedList<AuditEvent> {
  static properties = { revision: { attribute: false } };

  /** Bumped by the tab on every change it made: the first page is loaded again. */
  revision = 0;

  protected async fetchPage(cursor: string | null) {
    const page = await this.admin.audit(cursor);
    return { items: page.events, nextCursor: page.nextCursor };
  }
  protected key(e: AuditEvent) {
    return e.id;
  }
  protected label(e: AuditEvent) {
    return e.action;
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin") || changed.has("revision")) void this.load(false);
  }

  private who(e: AuditEvent) {
    return e.actor.name ?? this.t.actors[e.actor.type] ?? e.actor.type;
  }

  private what(e: AuditEvent) {
    const say = this.t.actions[e.action];
    return typeof say === "function" ? say(e) : (say ?? html`<code>${e.action}</code>`);
  }

  render() {
    const t = this.t;
    return html`<section part="section" aria-labelledby="activity-heading">
      <h3 id="activity-heading">${t.activity}</h3>
      ${this.renderList({
        heading: "activity-heading",
        head: [t.when, t.who, t.what],
        cells: (e) => [html`<time datetime=${e.at}>${formatDate(t, e.at)}</time>`, this.who(e), this.what(e)],
        empty: t.noActivity,
        rowHeader: false,
      })}
    </section>`;
  }
}
