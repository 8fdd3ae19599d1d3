/**
 * Nobody can take another organization's tenant (docs/security.md), written as the attacks
 * a review reproduced: "Grant consent now" forwarded as a bearer link, squatting on a tenant
 * with an unproven (or disabled) integration, and the admin who asked losing their role.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TestBrowser, emulator, newHandoff } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, grantConsentNow, orgApi, signUp, support, type Org } from "../support/orgs";

const RITA_OID = "0a1b2c3d-0002-4000-8000-000000000001"; // Riverside's Global Administrator

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  // Westbrook's people have used ThingLink before (no consent page of their own at sign-in).
  await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
  await forgetIntegrations();
});

const integrationOf = async (token: string, org: Org) =>
  (await (await orgApi(token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;

/** Westbrook's admin (not a Microsoft admin of Riverside) types Riverside's tenant. */
async function westbrookClaimsRiverside() {
  const westbrook = await createOrg({ name: "Westbrook (attacker)" });
  const leo = await adminOf(westbrook, "leo@westbrook.edu");
  const put = await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: "riverside-academy.org" });
  expect(put.status).toBe(200);
  return { westbrook, leo, consentUrl: ((await put.json()) as any).consentUrl as string };
}

describe("the Grant consent now URL is not a bearer link", () => {
  it("forwarded to Riverside's Global Administrator, it names Westbrook and who asked, and goes nowhere", async () => {
    const { westbrook, leo, consentUrl } = await westbrookClaimsRiverside();
    const rita = new TestBrowser(); // her own browser
    const opened = await rita.open(consentUrl);
    expect(opened.response.status).toBe(403);
    expect(opened.url.origin).toBe("http://127.0.0.1:8787"); // never redirected to Microsoft
    expect(rita.flowCookies()).toEqual([]);
    const html = await opened.response.text();
    expect(html).toContain("Westbrook (attacker) asks to connect its Microsoft tenant to ThingLink");
    expect(html).toContain("riverside-academy.org");
    expect(html).toContain("Leo Librarian, an administrator of Westbrook (attacker) in ThingLink");
    expect(html).toContain("EduRoster.ReadBasic");
    expect(html).toContain("It goes on to Microsoft only in the browser of Leo Librarian");
    expectLogged("consent_ticket_refused", { reason: "opened_as_link" });

    // A fresh ticket from consent-start, forwarded too: without the panel's secret, the same page.
    const { consentUrl: fresh, post } = await grantConsentNow(new TestBrowser(), leo, westbrook);
    const ticket = new URL(fresh).searchParams.get("ticket")!;
    const forwarded: Record<string, string>[] = [{ ticket }, { ticket, secret: (await newHandoff()).secret }];
    for (const fields of forwarded) {
      const res = await post(fields);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("It goes on to Microsoft only in the browser of Leo Librarian");
    }
    expectLogged("consent_ticket_refused", { reason: "no_secret" });
    expectLogged("consent_ticket_refused", { reason: "secret_mismatch" });
    expect(await integrationOf(leo.token, westbrook)).toMatchObject({ status: "awaiting_consent", consent: null });
  });

  it("works once, from the site the admin's session belongs to, and only while they are its admin", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const browser = new TestBrowser();
    const { response, consentUrl, secret, post } = await grantConsentNow(browser, leo, westbrook);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).pathname).toBe(`/${TENANT.riverside}/v2.0/adminconsent`);
    const ticket = new URL(consentUrl).searchParams.get("ticket")!;
    // Once.
    const again = await post({ ticket, secret });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This consent page has expired (it works for 10 minutes) or was already used.");
    expectLogged("consent_ticket_refused", { reason: "replayed" });

    // From another site than the one the session belongs to (even an allowed one): refused.
    const other = await grantConsentNow(new TestBrowser(), leo, westbrook);
    const fromElsewhere = await other.post(
      { ticket: new URL(other.consentUrl).searchParams.get("ticket")!, secret: other.secret },
      "https://lms.example",
    );
    expect(fromElsewhere.status).toBe(403);
    expectLogged("consent_ticket_refused", { reason: "origin_mismatch" });

    // Demoted after asking: the ticket dies with the role.
    const next = await grantConsentNow(new TestBrowser(), leo, westbrook);
    await db().prepare("UPDATE memberships SET role = 'member' WHERE account_id = ?").bind(leo.accountId).run();
    const demoted = await next.post({ ticket: new URL(next.consentUrl).searchParams.get("ticket")!, secret: next.secret });
    expect(demoted.status).toBe(403);
    expect(await demoted.text()).toContain(
      "Only a signed-in administrator of Westbrook (attacker) can grant consent from its admin panel.",
    );
    expectLogged("consent_ticket_refused", { reason: "not_admin_any_more" });
  });

  it("does not activate when the admin who asked lost their role while Microsoft was asked", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const browser = new TestBrowser();
    const toMicrosoft = await browser.follow((await grantConsentNow(browser, leo, westbrook)).response);
    const picked = await browser.submitEmulatorPage(await toMicrosoft.response.text(), toMicrosoft.url, { oid: RITA_OID });
    const atCallback = await browser.submitEmulatorPage(
      await picked.response.text(),
      picked.url,
      { accept: "1" },
      (u) => u.pathname === "/auth/microsoft/admin-consent/callback",
    );
    await db().prepare("UPDATE memberships SET role = 'member' WHERE account_id = ?").bind(leo.accountId).run();
    const final = await browser.follow(await browser.worker(atCallback.url.pathname + atCallback.url.search));
    expect(final.response.status).toBe(400);
    expect(await final.response.text()).toContain("no longer an administrator of the organization");
    const row = await db().prepare("SELECT status, last_error_code FROM integrations WHERE organization_id = ?").bind(westbrook.id).first();
    expect(row).toEqual({ status: "awaiting_consent", last_error_code: "not_org_admin" });
    expectLogged("consent_failed", { reason: "not_org_admin", step: "activation" });
  });

  it("ends a session that logged out with its tickets", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const ticketed = await grantConsentNow(new TestBrowser(), leo, westbrook);
    const next = await grantConsentNow(new TestBrowser(), leo, westbrook);
    await orgApi(leo.token, "POST", "/auth/logout");
    const res = await next.post({ ticket: new URL(next.consentUrl).searchParams.get("ticket")!, secret: next.secret });
    expect(res.status).toBe(403);
    expect(ticketed.response.status).toBe(302);
    expectLogged("consent_ticket_refused", { reason: "session_ended" });
  });
});

describe("only a proven integration holds a tenant", () => {
  it("lets the real owner prove a tenant another organization typed in and disabled (squatting), and the first proof wins", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    expect((await orgApi(leo.token, "PATCH", `/api/orgs/${westbrook.id}/integration`, { enabled: false })).status).toBe(200);
    expect((await integrationOf(leo.token, westbrook)).status).toBe("disabled");

    // Riverside's own admin (also its Global Administrator) connects it, way (a).
    const riverside = await createOrg({ name: "Riverside (owner)" });
    const rita = await adminOf(riverside, "rita@riverside-academy.org");
    expect((await orgApi(rita.token, "PUT", `/api/orgs/${riverside.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    const browser = new TestBrowser();
    const consent = await browser.follow((await grantConsentNow(browser, rita, riverside)).response);
    const picked = await browser.submitEmulatorPage(await consent.response.text(), consent.url, { oid: RITA_OID });
    const done = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    expect(await done.response.text()).toContain("Sign in with Microsoft is now active for Riverside (owner)");

    // Westbrook can neither re-enable into it nor type it again: the proven owner holds it.
    const enable = await orgApi(leo.token, "PATCH", `/api/orgs/${westbrook.id}/integration`, { enabled: true });
    expect((await enable.json()) as any).toMatchObject({ status: "awaiting_consent" });
    const link = (await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-link`)).json()) as any;
    const page = await new TestBrowser().open(link.url);
    expect(page.response.status).toBe(400);
    expect(await page.response.text()).toContain("already connected to another ThingLink organization");
    expectLogged("consent_link_refused", { reason: "tenant_taken" });
    expect((await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: TENANT.fabrikam })).status).toBe(200);
    expect((await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(409);
    // Riverside's next new student lands in Riverside.
    expect((await signUp("ray@riverside-academy.org")).organization).toMatchObject({ id: riverside.id });
  });

  it("lets support link the real owner despite an unproven claim, and clear an integration (audited)", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    await orgApi(leo.token, "PATCH", `/api/orgs/${westbrook.id}/integration`, { enabled: false });
    const riverside = await createOrg();
    expect((await support("PUT", `/api/support/organizations/${riverside.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(
      200,
    );
    // Cleared: back to not configured, and the tenant is free for whoever proves it next.
    const cleared = await support("DELETE", `/api/support/organizations/${riverside.slug}/integration`);
    expect(await cleared.json()).toMatchObject({ status: "not_configured", tenantId: null });
    const audited = await db()
      .prepare("SELECT actor_type, target, detail FROM audit_events WHERE organization_id = ? AND action = 'integration.cleared'")
      .bind(riverside.id)
      .first();
    expect(audited).toEqual({ actor_type: "support", target: TENANT.riverside, detail: JSON.stringify({ previousStatus: "active" }) });
    expect((await support("PUT", `/api/support/organizations/${westbrook.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(
      200,
    );
    expect((await support("DELETE", `/api/support/organizations/no-such-org/integration`)).status).toBe(404);
  });
});
