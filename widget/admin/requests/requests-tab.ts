/**
 * The Requests tab: people who asked to join, oldest first, approved or rejected
 * one by one or in bulk (checked rows, up to 500 per call). Each outcome is said per person;
 * a request someone else decided first (another admin, or the person cancelling) says so in
 * the API's words, and is not decided again. Decided rows leave the list, and the tab's badge
 * follows (the panel reads the organization's counts again).
 */
import { html } from "lit";
import type { Decision, JoinRequest } from "../admin-api";
import { formatDate } from "../i18n";
import { PagedList } from "../list/paged-list";

/**
 * @tagname thinglink-sso-admin-requests
 * @summary The admin panel's Requests tab (internal).
 */
export class RequestsTab extends PagedList<JoinRequest> {
  protected fetchPage(cursor: string | null) {
    return this.admin.requests(cursor);
  }
  protected key(r: JoinRequest) {
    return r.id;
  }
  protected label(r: JoinRequest) {
    return r.account.name;
  }

  private decide(ids: string[], decision: Decision) {
    const t = this.t;
    return this.run(() =>
      this.batches(
        ids,
        async (ids) => (await this.admin.decide(ids.map((id) => ({ id, decision })))).results,
        // Someone decided first (another admin, or the person cancelling): the API's message names who.
        (r) => [r.id, t.decided[r.outcome] || r.message || r.outcome, r.outcome === "last_admin"],
      ),
    );
  }

  render() {
    const t = this.t;
    return html`<section part="section" aria-labelledby="requests-heading">
      <h3 id="requests-heading">${t.requestsHeading}</h3>
      ${this.renderList({
        heading: "requests-heading",
        head: [t.name, t.asked, t.rowActions],
        cells: (r) => [
          // The email and the Microsoft account (UPN) under the name: the UPN only when it differs.
          html`${r.account.name} <span class="hint">${r.account.email}</span> <span class="hint">${r.account.upn !== r.account.email ? r.account.upn : ""}</span>`,
          html`<time datetime=${r.createdAt}>${formatDate(t, r.createdAt)}</time>`,
          html`<div class="actions">
            ${this.button(t.approve, () => this.decide([r.id], "approve"), "primary", r.account.name)}
            ${this.button(t.reject, () => this.decide([r.id], "reject"), "secondary", r.account.name)}
          </div>`,
        ],
        empty: t.requestsEmpty,
        bulk: [
          [t.approveSelected, (ids) => this.decide(ids, "approve")],
          [t.rejectSelected, (ids) => this.decide(ids, "reject")],
        ],
      })}
    </section>`;
  }
}
