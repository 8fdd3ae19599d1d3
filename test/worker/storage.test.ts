/** The schema's guarantees, checked in the real D1 through the storage modules. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { insertAccount } from "../../worker/storage/accounts";
import { insertAuditEvent } from "../../worker/storage/audit-events";
import { insertIdentityIfAbsent } from "../../worker/storage/identities";
import {
  activateIntegration,
  clearIntegration,
  selectTenantHolder,
  setIntegrationEnabled,
  setTenantAwaitingConsent,
  upsertActiveIntegration,
} from "../../worker/storage/integrations";
import { integrationAvailability } from "../../worker/integration/availability";
import { insertPendingJoinRequest, selectPendingJoinRequest } from "../../worker/storage/join-requests";
import { insertMembershipIfAbsent, upsertMembership } from "../../worker/storage/memberships";
import { insertOrganization, isValidSlug, selectOrganizationByRef, selectOrganizationBySlug } from "../../worker/storage/organizations";

const db = () => (env as unknown as { DB: D1Database }).DB;
const now = 1_800_000_000_000;
const TENANT = "11111111-2222-4333-8444-555555555555";

async function org(id: string, kind: "education" | "business" = "education", license = "school") {
  await insertOrganization(db(), { id, slug: id, name: `Org ${id}`, kind, license, now }).run();
}
async function account(id: string) {
  await insertAccount(db(), { id, displayName: id, email: null, emailVerified: false, now }).run();
}

describe("storage", () => {
  it("links a tenant to at most one organization, and only a proven integration holds it", async () => {
    await org("s-a");
    await org("s-b");
    await org("s-x");
    const by = { name: "support", upn: null, oid: null };
    const activate = (organizationId: string) =>
      activateIntegration(db(), { organizationId, tenantId: TENANT, method: "admin_consent", by, actorId: null, now }).run();
    // Two organizations claim the same tenant: neither holds it until one is proven.
    await setTenantAwaitingConsent(db(), { organizationId: "s-b", tenantId: TENANT, tenantDomain: null, accountId: "x", now }).run();
    await setTenantAwaitingConsent(db(), { organizationId: "s-x", tenantId: TENANT, tenantDomain: null, accountId: "y", now }).run();
    // Disabled before it was ever proven: holds nothing either (the squatting a review found).
    await setIntegrationEnabled(db(), { organizationId: "s-b", enabled: false, now }).run();
    expect(await selectTenantHolder(db(), TENANT).first()).toBeNull();
    await upsertActiveIntegration(db(), { organizationId: "s-a", tenantId: TENANT, method: "support", by, now }).run();
    await expect(
      upsertActiveIntegration(db(), { organizationId: "s-b", tenantId: TENANT, method: "support", by, now }).run(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(activate("s-x")).rejects.toThrow(/UNIQUE/);
    expect((await selectTenantHolder(db(), TENANT).first<{ id: string }>())!.id).toBe("s-a");
    // A link disabled after it was proven still holds its tenant.
    await setIntegrationEnabled(db(), { organizationId: "s-a", enabled: false, now }).run();
    await expect(activate("s-x")).rejects.toThrow(/UNIQUE/);
    expect((await selectTenantHolder(db(), TENANT).first<{ id: string }>())!.id).toBe("s-a");
    // Cleared by support: the first proof of another organization wins.
    await clearIntegration(db(), { organizationId: "s-a", now }).run();
    await activate("s-x");
    expect((await selectTenantHolder(db(), TENANT).first<{ id: string }>())!.id).toBe("s-x");
    expect((await selectOrganizationBySlug(db(), "s-a").first<{ slug: string }>())!.slug).toBe("s-a");
  });

  it("resolves an organization reference by id or by slug, never by either at once", async () => {
    const a = "0a0a0a0a-0000-4000-8000-00000000000a";
    const b = "0b0b0b0b-0000-4000-8000-00000000000b";
    await insertOrganization(db(), { id: a, slug: "alpha", name: "Alpha", kind: "education", license: "school", now }).run();
    // A slug that looks like another organization's id (never accepted by the API, forced here).
    await insertOrganization(db(), { id: b, slug: a, name: "Impostor", kind: "education", license: "school", now }).run();
    expect((await selectOrganizationByRef(db(), a).first<{ name: string }>())!.name).toBe("Alpha");
    expect((await selectOrganizationByRef(db(), a.toUpperCase()).first<{ name: string }>())!.name).toBe("Alpha");
    expect((await selectOrganizationByRef(db(), "ALPHA").first<{ name: string }>())!.name).toBe("Alpha");
    expect(await selectOrganizationByRef(db(), "beta").first()).toBeNull();
    expect([
      isValidSlug("alpha"),
      isValidSlug("north-wood-2"),
      isValidSlug(a),
      isValidSlug("-x"),
      isValidSlug("A"),
      isValidSlug("a".repeat(64)),
    ]).toEqual([true, true, false, false, false, false]);
  });

  it("keeps one identity per (tid, oid)", async () => {
    await account("s-acc-1");
    await account("s-acc-2");
    const first = await insertIdentityIfAbsent(db(), {
      tid: TENANT,
      oid: "oid-1",
      accountId: "s-acc-1",
      upn: null,
      guest: false,
      now,
    }).run();
    const second = await insertIdentityIfAbsent(db(), {
      tid: TENANT,
      oid: "oid-1",
      accountId: "s-acc-2",
      upn: null,
      guest: false,
      now,
    }).run();
    expect([first.meta.changes, second.meta.changes]).toEqual([1, 0]);
  });

  it("gives an account at most one organization; moving replaces it", async () => {
    await org("s-c");
    await org("s-d", "business", "enterprise");
    await account("s-acc-3");
    const m = { accountId: "s-acc-3", role: "member" as const, accountTypeSource: "default" as const, accountTypeReason: null, now };
    await insertMembershipIfAbsent(db(), { ...m, organizationId: "s-c", accountType: "student" }).run();
    const again = await insertMembershipIfAbsent(db(), { ...m, organizationId: "s-d", accountType: "member" }).run();
    expect(again.meta.changes).toBe(0);
    await upsertMembership(db(), { ...m, organizationId: "s-d", accountType: "member", via: "support" }).run();
    const rows = await db()
      .prepare("SELECT organization_id FROM memberships WHERE account_id = 's-acc-3'")
      .all<{ organization_id: string }>();
    expect(rows.results).toEqual([{ organization_id: "s-d" }]);
  });

  it("refuses account types and roles it does not know", async () => {
    await account("s-acc-4");
    await expect(
      upsertMembership(db(), {
        accountId: "s-acc-4",
        organizationId: "s-c",
        role: "owner" as never,
        accountType: "student",
        accountTypeSource: "default",
        accountTypeReason: null,
        via: "support",
        now,
      }).run(),
    ).rejects.toThrow(/CHECK/);
  });

  it("allows one pending join request per account", async () => {
    await account("s-acc-5");
    await insertPendingJoinRequest(db(), { id: "jr-1", accountId: "s-acc-5", organizationId: "s-a", accountType: "teacher", now }).run();
    const dup = await insertPendingJoinRequest(db(), {
      id: "jr-2",
      accountId: "s-acc-5",
      organizationId: "s-c",
      accountType: null,
      now,
    }).run();
    expect(dup.meta.changes).toBe(0);
    expect((await selectPendingJoinRequest(db(), "s-acc-5").first<{ id: string }>())!.id).toBe("jr-1");
  });

  it("records audit events with actor and time", async () => {
    await insertAuditEvent(db(), {
      organizationId: "s-a",
      actorType: "support",
      actorId: null,
      action: "integration.linked",
      detail: { tenantId: TENANT },
      now,
    }).run();
    const row = await db()
      .prepare("SELECT actor_type, action, detail, created_at FROM audit_events WHERE action = 'integration.linked'")
      .first();
    expect(row).toEqual({
      actor_type: "support",
      action: "integration.linked",
      detail: JSON.stringify({ tenantId: TENANT }),
      created_at: now,
    });
  });

  it("knows where the Microsoft integration is available", () => {
    const of = (kind: "education" | "business", license: string) => integrationAvailability({ kind, license, name: "Org" });
    expect(of("education", "school").available).toBe(true);
    expect(of("education", "basic").available).toBe(true);
    expect(of("business", "Enterprise").available).toBe(true);
    expect(of("business", "team")).toEqual({
      available: false,
      unavailableReason: {
        code: "enterprise_required",
        message:
          "Sign in with Microsoft for a business organization needs the Enterprise license; Org is on the Team license. Contact ThingLink to upgrade.",
      },
    });
  });

  it("turns account-type reasons kept as English sentences into their codes (migration 0006)", async () => {
    await org("s-legacy");
    const legacy = [
      ["School Data Sync primaryRole: faculty", "sds_role:faculty"],
      ["No School Data Sync role (primaryRole: none)", "no_sds_role:none"],
      ["Microsoft Graph did not answer within 2.5 s", "graph_timeout:2.5"],
      ["No School Data Sync data (Graph 404)", "no_sds_data:404"],
      ["Microsoft Graph answered 503", "graph_status:503"],
      ["Microsoft did not grant the roster read silently (consent_required)", "roster_not_silent:consent_required"],
      ["Joined by request; School Data Sync is read at their next sign-in", "joined_by_request"],
      ["Set by an organization admin", "set_by_admin"],
      ["Business organization", "business"],
      ["sds_role:teacher", "sds_role:teacher"],
      ["Something nobody wrote as a code", "Something nobody wrote as a code"],
    ];
    for (const [i, [reason]] of legacy.entries()) {
      await account(`legacy-${i}`);
      await db()
        .prepare(
          `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, account_type_reason, created_at, updated_at)
           VALUES (?1, 's-legacy', 'member', 'student', 'default', ?2, ?3, ?3)`,
        )
        .bind(`legacy-${i}`, reason, now)
        .run();
    }
    const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: { name: string; queries: string[] }[] };
    const migration = TEST_MIGRATIONS.find((m) => m.name.startsWith("0006_"))!;
    for (const query of migration.queries) await db().prepare(query).run();
    for (const [i, [, code]] of legacy.entries()) {
      const row = await db().prepare("SELECT account_type_reason FROM memberships WHERE account_id = ?").bind(`legacy-${i}`).first();
      expect(row).toEqual({ account_type_reason: code });
    }
  });
});
