/**
 * "Not yet members from your Microsoft tenant": accounts from the organization's
 * tenant that exist but are not members (they used ThingLink before the integration, or are in
 * another organization), each with Add, and many at once. Adding someone who is in another
 * organization moves them, so the list says where each one is now ("Now in") before anything
 * is added, and the outcome says "moved here from …".
 */
import { html } from "lit";
import type { TenantAccount } from "../admin-api";
import { PagedList } from "../list/paged-list";

/**
 * @tagname thinglink-sso-admin-tenant-accounts
 * @summary The Users tab's list of tenant accounts that are not members yet (internal).
 * @event members-added - After an add: the member list loads again.
 */
export class TenantAccounts extends PagedList<TenantAccount> {
  static properties = { noTenant: { state: true } };

  /** No proven tenant yet (409 no_tenant): the list says so rather than failing. */
  private noTenant = false;

  protected async fetchPage(cursor: string | null) {
    try {
      return await this.admin.tenantAccounts(cursor);
    } catch (err) {
      if ((err as { code?: string }).code !== "no_tenant") throw err;
      this.noTenant = true;
      return { items: [], nextCursor: null };
    }
  }
  protected key(a: TenantAccount) {
    return a.accountId;
  }
  protected label(a: TenantAccount) {
    return a.name;
  }

  private async add(ids: string[]) {
    const t = this.t;
    const from = (id: string) => this.items!.find((a) => a.accountId === id)?.organization?.name;
    await this.run(() =>
      this.batches(
        ids,
        async (ids) => (await this.admin.addMembers(ids)).results,
        (r) => [
          r.accountId,
          r.outcome === "moved" ? t.movedFrom(from(r.accountId) ?? "") : (t.added[r.outcome] ?? r.message ?? r.outcome),
          r.outcome === "last_admin",
        ],
      ),
    );
    this.dispatchEvent(new Event("members-added"));
  }

  render() {
    const t = this.t;
    return html`<section part="section" aria-labelledby="tenant-accounts-heading">
      <h3 id="tenant-accounts-heading">${t.tenantHeading}</h3>
      ${this.renderList({
        heading: "tenant-accounts-heading",
        head: [t.name, t.now, t.rowActions],
        cells: (a) => [
          html`${a.name} <span class="hint">${a.upn ?? a.email}</span>`,
          // Adding approves a waiting request too (the Requests tab lists it as well).
          html`${a.organization?.name ?? t.noOrg}${a.pendingRequest ? html` <span class="hint">${t.askedToJoin}</span>` : ""}`,
          this.button(t.add, () => this.add([a.accountId]), "secondary", a.name),
        ],
        empty: this.noTenant ? t.noTenant : t.tenantEmpty,
        bulk: [[t.addSelected, (ids) => this.add(ids)]],
      })}
    </section>`;
  }
}
