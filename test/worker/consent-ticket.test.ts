/**
 * Nobody can take another organization's tenant (docs/security.md), written as the attacks
 * a review reproduced: "Grant consent now" forwarded as a bearer link, squatting on a tenant
 * with an unproven (or disabled) integration, and the admin who asked losing their role.
 */
import { beforeEach, describe, expect, inject, it } from "vitest";
import { TestBrowser, emulator } from "../support/browser";
import { expectLogged } from "../support/logs";
import {
  TENANT,
  adminOf,
  createOrg,
  db,
  forgetIntegrations,
  grantConsentNow,
  orgApi,
  signUp,
  support,
  widgetSignIn,
  type Org,
} from "../support/orgs";

const RITA_OID = "0a1b2c3d-0002-4000-8000-000000000001"; // Riverside's Global Administrator

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  // Westbrook's people have used ThingLink before (no consent page of their own at sign-in).
  await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
  await forgetIntegrations();
});

const integrationOf = async (token: string, org: Org, site?: string) =>
  (await (await orgApi(token, "GET", `/api/orgs/${org.id}/integration`, undefined, site)).json()) as any;

/** Westbrook's admin (not a Microsoft admin of Riverside) types Riverside's tenant. */
async function westbrookClaimsRiverside() {
  const westbrook = await createOrg({ name: "Westbrook (attacker)" });
  const leo = await adminOf(westbrook, "leo@westbrook.edu");
  const put = await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: "riverside-academy.org" });
  expect(put.status).toBe(200);
  return { westbrook, leo, consentUrl: ((await put.json()) as any).consentUrl as string };
}

const sites = () => inject("sitesUrl");

describe("the Grant consent now URL is not a bearer link", () => {
  it("forwarded to Riverside's Global Administrator, it names Westbrook and who asked, and goes nowhere", async () => {
    const { westbrook, leo, consentUrl } = await westbrookClaimsRiverside();
    const rita = new TestBrowser(); // her own browser
    for (const url of [consentUrl, (await grantConsentNow(leo, westbrook, rita)).consentUrl]) {
      const opened = await rita.open(url);
      expect(opened.response.status).toBe(403);
      expect(opened.url.origin).toBe("http://127.0.0.1:8787"); // never redirected to Microsoft
      expect(rita.flowCookies()).toEqual([]);
      const html = await opened.response.text();
      expect(html).toContain("Westbrook (attacker) asks to connect the Microsoft tenant riverside-academy.org to ThingLink");
      expect(html).toContain("Leo Librarian (leo@westbrook.edu), an administrator of Westbrook (attacker) in ThingLink");
      expect(html).toContain("EduRoster.ReadBasic");
      expect(html).toContain("It goes on to Microsoft only in the browser of Leo Librarian");
    }
    expectLogged("consent_ticket_refused", { reason: "other_browser" });
    expect(await integrationOf(leo.token, westbrook)).toMatchObject({ status: "awaiting_consent", consent: null });
  });

  it("cannot be played from the attacker's own proven site in the Global Administrator's browser (the token is not the browser)", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    // Westbrook proves a site of its own, and its admin signs in there (a token bound to that site).
    const evil = "https://evil-westbrook.example";
    const { token } = await (
      await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/embed-origins`, { origins: [evil] })
    ).json<{ token: string }>();
    await fetch(`${sites()}/_sites`, {
      method: "PUT",
      body: JSON.stringify({ host: "evil-westbrook.example", path: "/.well-known/thinglink-sso.txt", body: token }),
    });
    expect((await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/embed-origins/check`, { origin: evil })).status).toBe(200);
    const atEvil = await widgetSignIn("leo@westbrook.edu", undefined, evil);
    const started = await orgApi(atEvil.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-start`, undefined, evil);
    const { consentUrl } = await started.json<{ consentUrl: string }>();
    // Rita visits the attacker's page, which sends her window to the ticket (any way it likes).
    const rita = new TestBrowser();
    const url = new URL(consentUrl);
    for (const init of [{}, { headers: { origin: evil, referer: `${evil}/` } }]) {
      const res = await rita.worker(url.pathname + url.search, init);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("It goes on to Microsoft only in the browser of Leo Librarian");
    }
    expectLogged("consent_ticket_refused", { reason: "other_browser" });
    expect(await integrationOf(atEvil.token, westbrook, evil)).toMatchObject({ status: "awaiting_consent", consent: null });
  });

  it("works once, in the browser the admin signed in with, and only while they are its admin", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const { response, consentUrl } = await grantConsentNow(leo, westbrook);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).pathname).toBe(`/${TENANT.riverside}/v2.0/adminconsent`);
    // Once.
    const again = await leo.browser.worker(new URL(consentUrl).pathname + new URL(consentUrl).search);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This consent page has expired (it works for 10 minutes) or was already used.");
    expectLogged("consent_ticket_refused", { reason: "replayed" });

    // Demoted after asking: the ticket dies with the role.
    const next = new URL(
      (await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-start`)).json<{ consentUrl: string }>())
        .consentUrl,
    );
    await db().prepare("UPDATE memberships SET role = 'member' WHERE account_id = ?").bind(leo.accountId).run();
    const demoted = await leo.browser.worker(next.pathname + next.search);
    expect(demoted.status).toBe(403);
    expect(await demoted.text()).toContain(
      "Only a signed-in administrator of Westbrook (attacker) can grant consent from its admin panel.",
    );
    expectLogged("consent_ticket_refused", { reason: "not_admin_any_more" });
  });

  it("does not activate when the admin who asked lost their role while Microsoft was asked", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const browser = leo.browser;
    const toMicrosoft = await browser.follow((await grantConsentNow(leo, westbrook)).response);
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

  it("ends with the session that asked: after logout its tickets go nowhere", async () => {
    const { westbrook, leo } = await westbrookClaimsRiverside();
    const next = new URL(
      (await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-start`)).json<{ consentUrl: string }>())
        .consentUrl,
    );
    await orgApi(leo.token, "POST", "/auth/logout");
    const res = await leo.browser.worker(next.pathname + next.search);
    expect(res.status).toBe(403);
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
    const browser = rita.browser;
    const consent = await browser.follow((await grantConsentNow(rita, riverside)).response);
    const picked = await browser.submitEmulatorPage(await consent.response.text(), consent.url, { oid: RITA_OID });
    const done = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    expect(await done.response.text()).toContain("Sign in with Microsoft is now active for Riverside (owner)");

    // Westbrook can neither re-enable into it nor type it again: the proven owner holds it.
    const enable = await orgApi(leo.token, "PATCH", `/api/orgs/${westbrook.id}/integration`, { enabled: true });
    expect((await enable.json()) as any).toMatchObject({ status: "awaiting_consent" });
    // Its panel says so, and offers no consent that could never work.
    expect(await integrationOf(leo.token, westbrook)).toMatchObject({ status: "awaiting_consent", lastError: { code: "tenant_taken" } });
    for (const path of ["consent-link", "consent-start"]) {
      const refused = await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/${path}`);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as any).error.code).toBe("tenant_taken");
    }
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

describe("way (c) and the Global Administrator's link name who asks, and from where", () => {
  it("does not ask Fabrikam's Global Administrator at sign-in to connect Westbrook, whose admin typed Fabrikam's tenant", async () => {
    const westbrook = await createOrg({ name: "Westbrook (typed Fabrikam)" });
    const leo = await adminOf(westbrook, "leo@westbrook.edu");
    expect((await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: "fabrikam.com" })).status).toBe(200);
    // Fiona signs in: no question, just signed in (Leo does not sign in with a Fabrikam account).
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.fabrikam, scopes: ["openid", "profile", "email", "User.Read"] });
    const fiona = await widgetSignIn("fiona@fabrikam.com");
    expect(fiona.token).toBeTruthy();
    expect(await integrationOf(leo.token, westbrook)).toMatchObject({ status: "awaiting_consent", consent: null });

    // The link Leo sends her says he is not one of her tenant's people.
    const link = (await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-link`)).json()) as any;
    const page = await (await new TestBrowser().open(link.url)).response.text();
    expect(page).toContain("Westbrook (typed Fabrikam) asks to connect the Microsoft tenant fabrikam.com to ThingLink");
    expect(page).toContain("Check who is asking.");
    expect(page).toContain("Leo Librarian does not sign in with an account of this tenant.");
  });

  it("never brings a revoked link back to life after support cleared the integration", async () => {
    const westbrook = await createOrg({ name: "Westbrook (versions)" });
    const leo = await adminOf(westbrook, "leo@westbrook.edu");
    const put = () => orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: TENANT.westbrook });
    const link = async () =>
      ((await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-link`)).json()) as any).url as string;
    expect((await put()).status).toBe(200);
    const first = await link();
    await support("DELETE", `/api/support/organizations/${westbrook.id}/integration`);
    expect((await put()).status).toBe(200);
    await link();
    const revived = await new TestBrowser().open(first);
    expect(revived.response.status).toBe(400);
    expectLogged("consent_link_refused", { reason: "revoked" });
  });
});

describe("a request lasts as long as its maker is an admin", () => {
  it("stops a Global Administrator link, and way (c)'s question, once the admin who asked is no longer one", async () => {
    const westbrook = await createOrg({ name: "Westbrook (demoted)" });
    const leo = await adminOf(westbrook, "leo@westbrook.edu");
    expect((await orgApi(leo.token, "PUT", `/api/orgs/${westbrook.id}/integration`, { tenantId: TENANT.westbrook })).status).toBe(200);
    const link = ((await (await orgApi(leo.token, "POST", `/api/orgs/${westbrook.id}/integration/consent-link`)).json()) as any)
      .url as string;
    await db().prepare("UPDATE memberships SET role = 'member' WHERE account_id = ?").bind(leo.accountId).run();
    const opened = await new TestBrowser().open(link);
    expect(opened.response.status).toBe(400);
    expectLogged("consent_link_refused", { reason: "maker_not_admin" });
    // Gwen signs in: no question about an organization whose asker left its admins.
    const gwen = await widgetSignIn("gwen@westbrook.edu");
    expect(gwen.token).toBeTruthy();
    const row = await db().prepare("SELECT status FROM integrations WHERE organization_id = ?").bind(westbrook.id).first();
    expect(row).toEqual({ status: "awaiting_consent" });
  });
});
