/**
 * The Users tab: the members, searchable by name (a prefix), with their role and
 * account type (and where the type came from: School Data Sync, the default, or an admin), which
 * an admin can change, and Remove (their sessions end at once) after the browser's confirmation.
 * Below them, the people from the organization's Microsoft tenant who are not members yet.
 */
import { html } from "lit";
import type { Member, Organization } from "../admin-api";
import { formatDate } from "../i18n";
import { confirmDialog } from "../confirm/confirm-dialog";
import { PagedList } from "../list/paged-list";
import type { TenantAccounts } from "./tenant-accounts";

/** How long typing may pause before the list is searched. */
const SEARCH_MS = 300;

type Field = "role" | "accountType";

/**
 * @tagname thinglink-sso-admin-users
 * @summary The admin panel's Users tab (internal).
 */
export class UsersTab extends PagedList<Member> {
  static properties = { org: { attribute: false } };

  org!: Organization;
  private q = "";
  private timer?: ReturnType<typeof setTimeout>;

  protected fetchPage(cursor: string | null) {
    return this.admin.members(cursor, this.q);
  }
  protected key(m: Member) {
    return m.accountId;
  }
  protected label(m: Member) {
    return m.name;
  }

  private search = (event: Event) => {
    clearTimeout(this.timer);
    const q = (event.target as HTMLInputElement).value.trim();
    this.timer = setTimeout(() => {
      this.q = q;
      void this.load(false);
    }, SEARCH_MS);
  };

  /** A new role or account type. Refused (the last admin), the choice goes back and the reason shows beside it; focus stays. */
  private async change(m: Member, field: Field, select: HTMLSelectElement) {
    const done = await this.run(
      async () => {
        const next = await this.admin.updateMember(m.accountId, { [field]: select.value });
        this.items = this.items!.map((i) => (i === m ? { ...i, ...next } : i));
        this.dispatchEvent(new Event("org-changed", { bubbles: true }));
        return [`${m.name}: ${this.t.updated}`];
      },
      m.accountId + field,
      true,
    );
    if (!done) select.value = m[field];
  }

  private async removeMember(m: Member) {
    const t = this.t;
    // The last admin cannot be removed: asking first would only lead to the refusal, which is shown at once.
    const lastAdmin = m.role === "admin" && this.org.counts.admins <= 1;
    if (!lastAdmin && !(await confirmDialog(this, { message: t.confirmRemove(m.name), confirm: t.remove, cancel: t.cancel }))) return;
    return this.run(async () => {
      await this.admin.removeMember(m.accountId);
      this.drop([m.accountId]);
      // They are now one of the tenant's people who are not members.
      void this.querySelector<TenantAccounts>("thinglink-sso-admin-tenant-accounts")?.load(false);
      return [`${m.name}: ${this.t.removed}`];
    }, m.accountId);
  }

  private choice(m: Member, field: Field, options: Record<string, string>, label: string) {
    // Keyboard users step through the options with the arrow keys, which fire change on each
    // step: after a key, the choice is saved on Enter or on leaving the field. A pick with the
    // mouse is saved at once.
    const save = (e: Event) => {
      const select = e.target as HTMLSelectElement;
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Enter") {
          // Arrow keys step through the options: remember that the choice came from the keyboard.
          select.dataset.stepping = "true";
          return;
        }
      } else if (e.type === "change" && select.dataset.stepping) {
        return; // a keyboard step, not a pick: wait for Enter or leaving the field
      }
      delete select.dataset.stepping;
      if (select.value !== m[field]) void this.change(m, field, select);
    };
    return html`<select part="input" aria-label="${label}: ${m.name}" aria-describedby=${this.describedBy(m.accountId + field)} @change=${save} @blur=${save} @keydown=${save}>
        ${Object.entries(options).map(([value, text]) => html`<option value=${value} ?selected=${m[field] === value}>${text}</option>`)}
      </select>${this.alertAt(m.accountId + field)}`;
  }

  private cells(m: Member) {
    const t = this.t;
    const { student, teacher } = t.types;
    const source = t.sources[m.accountTypeSource] ?? m.accountTypeSource;
    // Why someone is a student by default is worth saying; School Data Sync and an admin say themselves.
    const why = m.accountTypeReason && m.accountTypeSource === "default" ? `: ${m.accountTypeReason}` : "";
    return [
      html`${m.name} <span class="hint">${m.email ?? m.upn}</span>`,
      this.choice(m, "role", t.roles, t.role),
      html`${this.org.kind === "education" ? this.choice(m, "accountType", { student, teacher }, t.type) : t.types[m.accountType]}
        <span class="hint">${source}${why}</span>`,
      html`<time datetime=${m.joinedAt}>${formatDate(t, m.joinedAt, false)}</time>`,
      html`${this.button(t.remove, () => this.removeMember(m), "secondary", m.name)}${this.alertAt(m.accountId)}`,
    ];
  }

  render() {
    const t = this.t;
    return html`<section part="section" aria-labelledby="members-heading">
        <h3 id="members-heading">${t.members}</h3>
        <label for="member-search">${t.search}</label>
        <input id="member-search" part="input" type="search" autocomplete="off" @input=${this.search} />
        ${this.renderList({ heading: "members-heading", head: [t.name, t.role, t.type, t.joined, t.rowActions], cells: (m) => this.cells(m), empty: t.membersEmpty })}
      </section>
      <thinglink-sso-admin-tenant-accounts .admin=${this.admin} .t=${t} @members-added=${() => this.load(false)}></thinglink-sso-admin-tenant-accounts>`;
  }
}
