/**
 * The Requests tab: people who asked to join, oldest first, approved or rejected
 * one by one or in bulk (checked rows, up to 500 per call). Each outcome is said per person;
 * a request someone else decided first (another admin, or the person cancelling) says so in
 * the API's words, and is not decided again. Decided rows leave the list, and the tab's badge
 * follows (the panel reads the organization's counts again). A school's requests say whether the
 * person is a student or a teacher: the admin confirms it, or changes it, as they approve (one
 * row at a time, or the checked rows at once); nothing is read from Microsoft for it.
 */
import { html, type PropertyDeclarations } from "lit";
import type { Decision, JoinRequest, Organization } from "../admin-api";
import { formatDate } from "../i18n";
import { PagedList } from "../list/paged-list";

/**
 * @tagname thinglink-sso-admin-requests
 * @summary The admin panel's Requests tab (internal).
 */
type AccountType = "student" | "teacher";

export class RequestsTab extends PagedList<JoinRequest> {
  static properties: PropertyDeclarations = { ...PagedList.properties, org: { attribute: false }, joinsAs: { state: true } };
  org!: Organization;
  /** The type each school request will be approved with, where the admin changed it (by request id). */
  private joinsAs = new Map<string, AccountType>();

  /** What an approval of `r` makes the person: the admin's choice, or what they asked for, or a student. */
  private typeOf(r: JoinRequest): AccountType {
    return this.joinsAs.get(r.id) ?? r.accountType ?? "student";
  }

  private setType(ids: string[], type: AccountType) {
    const next = new Map(this.joinsAs);
    for (const id of ids) next.set(id, type);
    this.joinsAs = next;
  }

  protected fetchPage(cursor: string | null) {
    // Reading the list from its start reads the badge's count again too: requests may have come in since the panel loaded.
    if (cursor === null) this.dispatchEvent(new Event("org-changed", { bubbles: true }));
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
        async (ids) => (await this.admin.decide(ids.map((id) => this.decision(id, decision)))).results,
        // Someone decided first (another admin, or the person cancelling): the API's message names who.
        (r) => [r.id, t.decided[r.outcome] || r.message || r.outcome, r.outcome === "last_admin"],
      ),
    );
  }

  /** A school's approval carries the account type when it is not the one the request asked for. */
  private decision(id: string, decision: Decision) {
    const r = this.items?.find((x) => x.id === id);
    if (decision !== "approve" || this.org.kind !== "education" || !r) return { id, decision };
    const type = this.typeOf(r);
    return type === r.accountType ? { id, decision } : { id, decision, accountType: type };
  }

  private typeChoice(r: JoinRequest) {
    const t = this.t;
    const asked = r.accountType ? t.askedAs(t.types[r.accountType].toLowerCase()) : t.askedNothing;
    const pick = (e: Event) => this.setType([r.id], (e.target as HTMLSelectElement).value as AccountType);
    return html`<select part="input" aria-label="${t.typeOnApproval}: ${r.account.name}" @change=${pick}>
        ${(["student", "teacher"] as const).map((type) => html`<option value=${type} .selected=${this.typeOf(r) === type}>${t.types[type]}</option>`)}
      </select>
      <span class="hint">${asked}</span>`;
  }

  private personCells(r: JoinRequest, school: boolean) {
    const t = this.t;
    return [
      // The email and the Microsoft account (UPN) under the name: the UPN only when it differs.
      html`${r.account.name} <span class="hint">${r.account.email}</span> <span class="hint">${r.account.upn !== r.account.email ? r.account.upn : ""}</span>`,
      html`<time datetime=${r.createdAt}>${formatDate(t, r.createdAt)}</time>`,
      ...(school ? [this.typeChoice(r)] : []),
    ];
  }

  render() {
    const t = this.t;
    const school = this.org?.kind === "education";
    return html`<section part="section" aria-labelledby="requests-heading">
      <h3 id="requests-heading">${t.requestsHeading}</h3>
      ${this.renderList({
        heading: "requests-heading",
        head: school ? [t.name, t.asked, t.typeOnApproval, t.rowActions] : [t.name, t.asked, t.rowActions],
        cells: (r) => [
          ...this.personCells(r, school),
          html`<div class="actions">
            ${this.button(t.approve, () => this.decide([r.id], "approve"), "primary", r.account.name)}
            ${this.button(t.reject, () => this.decide([r.id], "reject"), "secondary", r.account.name)}
          </div>`,
        ],
        empty: t.requestsEmpty,
        bulk: [
          [t.approveSelected, (ids) => this.decide(ids, "approve")],
          [t.rejectSelected, (ids) => this.decide(ids, "reject")],
          ...(school
            ? ([
                [t.markStudents, (ids) => this.setType(ids, "student")],
                [t.markTeachers, (ids) => this.setType(ids, "teacher")],
              ] as [string, (ids: string[]) => void][])
            : []),
        ],
      })}
    </section>`;
  }
}
