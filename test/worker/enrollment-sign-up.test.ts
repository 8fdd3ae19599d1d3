/**
 * Enrollment and account types: a new account from a tenant whose integration is active is
 * created inside the organization, with its account type; Graph is read once per
 * school sign-up and never otherwise; nobody is enrolled who should not be.
 */
import { forgetGraphRests } from "../../worker/flows/enroll/graph-backoff";
import { beforeEach, describe, expect, it } from "vitest";
import { TestBrowser, emulator } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, createOrg, db, forgetIntegrations, signUp, support } from "../support/orgs";

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
  await db().prepare("DELETE FROM accounts").run();
});

async function activeOrg(tenantId: string, kind: "education" | "business" = "education") {
  const org = await createOrg({ kind, license: kind === "business" ? "enterprise" : "school" });
  expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId })).status).toBe(200);
  return org;
}

const graphCalls = async () => ((await emulator("/_emulator/stats")).graphByPath ?? {}) as Record<string, number>;
const membershipOf = (accountId: string) =>
  db()
    .prepare("SELECT organization_id, role, account_type, account_type_source, account_type_reason FROM memberships WHERE account_id = ?")
    .bind(accountId)
    .first<any>();

describe("new people join their organization with their account type", () => {
  it("a School Data Sync teacher lands as a teacher, with exactly one Graph call", async () => {
    const org = await activeOrg(TENANT.northwood);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    await emulator("/_emulator/stats/reset", {});
    const body = await signUp("tomas@northwood.edu");
    expect(body).toMatchObject({
      status: "signed_in",
      organization: { id: org.id },
      membership: { role: "member", accountType: "teacher", accountTypeSource: "graph" },
    });
    expect(await membershipOf(body.account.id)).toMatchObject({ account_type_reason: "sds_role:teacher" });
    expect(await graphCalls()).toEqual({ "/v1.0/education/me": 1 });
    const audit = await db()
      .prepare("SELECT action, actor_type, detail FROM audit_events WHERE target = ?")
      .bind(body.account.id)
      .first<any>();
    expect(audit).toMatchObject({ action: "member.joined", actor_type: "system" });

    // Returning: no Graph at all.
    await emulator("/_emulator/stats/reset", {});
    const again = await signUp("tomas@northwood.edu");
    expect(again.account.id).toBe(body.account.id);
    expect(await graphCalls()).toEqual({});
  });

  it("students and faculty: student and teacher, both from Graph", async () => {
    await activeOrg(TENANT.northwood);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    expect((await signUp("sam@northwood.edu")).membership).toMatchObject({ accountType: "student", accountTypeSource: "graph" });
    const frank = await signUp("frank@northwood.edu");
    expect(frank.membership).toMatchObject({ accountType: "teacher", accountTypeSource: "graph" });
    expect(await membershipOf(frank.account.id)).toMatchObject({ account_type_reason: "sds_role:faculty" });
  });

  it("a school without School Data Sync: a student, with the reason kept", async () => {
    await activeOrg(TENANT.riverside);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.riverside });
    const ray = await signUp("ray@riverside-academy.org");
    expect(ray.membership).toMatchObject({ role: "member", accountType: "student", accountTypeSource: "default" });
    expect(await membershipOf(ray.account.id)).toMatchObject({ account_type_reason: "no_sds_role:none" });
  });

  it("without tenant-wide consent for the roster scope, the silent read is refused: a student, and the integration notes the missing grant once", async () => {
    const org = await activeOrg(TENANT.northwood); // linked by support, but nobody granted EduRoster.ReadBasic at Microsoft
    await emulator("/_emulator/stats/reset", {});
    const sam = await signUp("sam@northwood.edu");
    expect(sam.membership).toMatchObject({ accountType: "student", accountTypeSource: "default" });
    expect((await membershipOf(sam.account.id)).account_type_reason).toBe("roster_not_silent:consent_required");
    expect(await graphCalls()).toEqual({});
    expect(await signUp("tomas@northwood.edu")).toMatchObject({ membership: { accountType: "student" } });
    expect(expectLogged("tenant_consent_missing", { organizationId: org.id })).toHaveLength(2);
    const integration = await db()
      .prepare("SELECT status, last_error_code FROM integrations WHERE organization_id = ?")
      .bind(org.id)
      .first();
    expect(integration).toEqual({ status: "active", last_error_code: "tenant_consent_missing" });
    const noted = await db()
      .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE organization_id = ? AND action = 'integration.consent_missing'")
      .bind(org.id)
      .first();
    expect(noted).toEqual({ n: 1 });
  });

  it.each([
    ["down", {}, "graph_status:503", "graph_refused"],
    ["throttle", { graphRetryAfter: 1 }, "graph_busy", "graph_refused"],
    ["slow", { graphDelayMs: 4000 }, "graph_timeout:2.5", "graph_unavailable"],
  ])("Graph %s at sign-up: the account is still created, a student with the reason", async (fault, extra, reason, event) => {
    await activeOrg(TENANT.northwood);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    await emulator("/_emulator/faults", { graph: fault, ...extra });
    try {
      const tomas = await signUp("tomas@northwood.edu");
      expect(tomas).toMatchObject({ status: "signed_in", membership: { accountType: "student", accountTypeSource: "default" } });
      expect((await membershipOf(tomas.account.id)).account_type_reason).toBe(reason);
      expectLogged(event);
    } finally {
      await emulator("/_emulator/faults", {});
      // Graph asked this tenant to wait; the next story's readings must not.
      forgetGraphRests();
    }
  });

  it("a business member is `member`, without any Graph call", async () => {
    const org = await activeOrg(TENANT.contoso, "business");
    await emulator("/_emulator/stats/reset", {});
    const chris = await signUp("chris@contoso.com");
    expect(chris).toMatchObject({
      organization: { id: org.id },
      membership: { role: "member", accountType: "member", accountTypeSource: "default" },
    });
    expect(await graphCalls()).toEqual({});
  });

  it("nobody is enrolled by a tenant without an active integration, nor a personal account, nor a guest", async () => {
    const org = await activeOrg(TENANT.northwood);
    await support("PATCH", `/api/support/organizations/${org.id}`, { name: "Northwood" });
    // Riverside has no integration at all.
    expect((await signUp("ray@riverside-academy.org")).organization).toBeNull();
    expect((await signUp("pat@outlook.com")).organization).toBeNull();
    // Chris is a guest in Northwood: a token from Northwood's authority with Contoso as his identity provider.
    const guest = await signUp("chris@contoso.com", new TestBrowser({ ENTRA_TENANT: TENANT.northwood }));
    expect(guest).toMatchObject({ status: "signed_in", organization: null });
    expect(await db().prepare("SELECT guest FROM identities WHERE account_id = ?").bind(guest.account.id).first()).toEqual({ guest: 1 });
  });

  it("a disabled integration, or a business on a lower license, enrolls nobody", async () => {
    const business = await activeOrg(TENANT.contoso, "business");
    await support("PATCH", `/api/support/organizations/${business.id}`, { license: "team" });
    expect((await signUp("chris@contoso.com")).organization).toBeNull();
  });

  it("racing first sign-ins of one person give one account and one membership", async () => {
    const org = await activeOrg(TENANT.northwood);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    const results = await Promise.all([signUp("tomas@northwood.edu"), signUp("tomas@northwood.edu"), signUp("tomas@northwood.edu")]);
    expect(new Set(results.map((r) => r.account.id)).size).toBe(1);
    const counts = await db()
      .prepare(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE display_name = 'Tomás Teacher') AS accounts, (SELECT COUNT(*) FROM memberships WHERE organization_id = ?) AS members",
      )
      .bind(org.id)
      .first();
    expect(counts).toEqual({ accounts: 1, members: 1 });
  });
});
