/**
 * "Not yet members from your Microsoft tenant" (SPEC §3.3): accounts from the organization's
 * tenant that exist but are not members (they used ThingLink before the integration, or are in
 * another organization), each with Add, and many at once. Adding someone who is in another
 * organization moves them, so the list says where each one is now ("Now in") before anything
 * is added, and the outcome says "moved here from …".
 */
import { html } from "lit";
import type { Organization, TenantAccount } from "../admin-api";
import { PagedList } from "../list/paged-list";

/**
 * @tagname thinglink-sso-admin-tenant-accounts
 * @summary The Users tab's list of tenant accounts that are not members yet (internal).
 * @event members-added - After an add: the member list loads again.
 */
export class TenantAccounts extends PagedList<TenantAccount> {
  static properties = { org: { attribute: false }, noTenant: { state: true } };

  org!: Organization;
  /** The list is empty because no tenant is connected (the API answers an empty list either way). */
  private noTenant = false;

  protected async fetchPage(cursor: string | null) {
    const page = await this.admin.tenantAccounts(cursor);
    if (!cursor && !page.items.length) this.noTenant = !this.org.integration.available || !(await this.admin.integration()).tenantId;
    return page;
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
        (r) => [r.accountId, r.outcome === "moved" ? t.movedFrom(from(r.accountId) ?? "") : (t.added[r.outcome] ?? r.outcome)],
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
          a.organization?.name ?? t.noOrg,
          this.button(t.add, () => this.add([a.accountId]), "secondary", a.name),
        ],
        empty: this.noTenant ? t.noTenant : t.tenantEmpty,
        bulk: [[t.addSelected, (ids) => this.add(ids)]],
      })}
    </section>`;
  }
}
