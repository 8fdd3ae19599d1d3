/**
 * Admin consent, way (b): the ThingLink admin is not a Microsoft administrator and sends
 * a link to their Global Administrator, who needs no ThingLink account.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { signConsentLink } from "../../worker/integration/consent-link";
import { TestBrowser, emulator } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, type Org } from "../support/orgs";
import { TEST_SIGNING_KEY } from "../support/test-keys.mjs";

const LEO = "leo@westbrook.edu"; // teacher, no Microsoft role
const GWEN_OID = "0a1b2c3d-0005-4000-8000-000000000001"; // Westbrook's Global Administrator

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
});

async function awaitingWithLink(org: Org) {
  // Leo has never used the app: his first sign-in shows Microsoft's consent page, which he accepts.
  await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
  const admin = await adminOf(org, LEO);
  const put = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: "westbrook.edu" });
  expect(put.status).toBe(200);
  const link = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/integration/consent-link`);
  expect(link.status).toBe(200);
  return { admin, link: await link.json<{ url: string; expiresAt: string }>() };
}

/** The Global Administrator opens the link in their own browser and follows it to Microsoft. */
async function openLink(url: string, browser = new TestBrowser()) {
  const u = new URL(url);
  const page = await browser.worker(u.pathname + u.search, { headers: { accept: "text/html" } });
  return { browser, page, html: await page.text() };
}

async function consentAsGwen(browser: TestBrowser, html: string) {
  const token = /name="token" value="([^"]+)"/.exec(html)![1].replace(/&amp;/g, "&");
  const posted = await browser.worker("/auth/microsoft/admin-consent/link", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787", accept: "text/html" },
    body: new URLSearchParams({ token }),
  });
  const consent = await browser.follow(posted);
  const picked = await browser.submitEmulatorPage(await consent.response.text(), consent.url, { oid: GWEN_OID });
  return browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
}

describe("way (b): the Global Administrator's link", () => {
  it("shows which ThingLink organization asks, then activates on Gwen's proof, creating no account", async () => {
    const org = await createOrg({ name: "Westbrook High (link test)" });
    const { admin, link } = await awaitingWithLink(org);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const { browser, page, html } = await openLink(link.url);
    expect(page.status).toBe(200);
    expect(html).toContain("Westbrook High (link test) asks to connect the Microsoft tenant westbrook.edu to ThingLink");
    expect(html).toContain(TENANT.westbrook);
    expect(browser.flowCookies()).toEqual([]); // opening the link sends nobody anywhere

    const done = await consentAsGwen(browser, html);
    expect(await done.response.text()).toContain("Sign in with Microsoft is now active for Westbrook High (link test)");
    const after = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;
    expect(after).toMatchObject({
      status: "active",
      tenantId: TENANT.westbrook,
      consent: { by: { name: "Gwen Global", upn: "gwen@westbrook.edu" }, method: "admin_link" },
    });
    expect(await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind(GWEN_OID).first()).toEqual({ n: 0 });
    // The same email opened again (by Gwen, or a colleague) says it is done, not that it failed.
    const again = await openLink(link.url);
    expect(again.page.status).toBe(200);
    expect(again.html).toContain("Sign in with Microsoft is already active for Westbrook High (link test)");
    expect(again.html).not.toContain('name="token"');
    expectLogged("consent_link_refused", { reason: "already_active" });
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);
    const events = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events;
    expect(events.slice(0, 4).map((e: any) => [e.action, e.actor.type, e.actor.name])).toEqual([
      ["integration.activated", "tenant_admin", "Gwen Global"],
      ["integration.consent_started", "tenant_admin", null],
      ["integration.consent_link_created", "account", "Leo Librarian"],
      ["integration.tenant_set", "account", "Leo Librarian"],
    ]);
  });

  it("revokes older links when a new one is made", async () => {
    const org = await createOrg();
    const { admin, link: first } = await awaitingWithLink(org);
    await orgApi(admin.token, "POST", `/api/orgs/${org.id}/integration/consent-link`);
    const { page, html } = await openLink(first.url);
    expect(page.status).toBe(400);
    expect(html).toContain("<h1>This link no longer works</h1>");
    expect(html).toContain("Ask the administrator who sent it for a new link.");
    expectLogged("consent_link_refused", { reason: "revoked" });
  });

  it("refuses a tampered link, an expired one, one for another tenant, and one after the tenant changed", async () => {
    const org = await createOrg();
    const { admin, link } = await awaitingWithLink(org);
    const url = new URL(link.url);
    const token = url.searchParams.get("token")!;
    const [payload, mac] = token.split(".");
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    const tryToken = async (t: string) => (await openLink(`${url.origin}${url.pathname}?token=${encodeURIComponent(t)}`)).page.status;

    const forgedClaims = btoa(JSON.stringify({ ...claims, o: "someone-else" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(await tryToken(`${forgedClaims}.${mac}`)).toBe(400);
    expectLogged("consent_link_refused", { reason: "bad_signature" });
    const expired = await signConsentLink({ ...claims, e: Math.floor(Date.now() / 1000) - 1 }, TEST_SIGNING_KEY.d);
    expect(await tryToken(expired)).toBe(400);
    expectLogged("consent_link_refused", { reason: "expired" });
    const otherTenant = await signConsentLink({ ...claims, t: TENANT.riverside }, TEST_SIGNING_KEY.d);
    expect(await tryToken(otherTenant)).toBe(400);
    expectLogged("consent_link_refused", { reason: "not_awaiting" });
    expect(await tryToken("garbage")).toBe(400);
    expectLogged("consent_link_refused", { reason: "malformed" });

    // Saving the same tenant again changes nothing: the link still works.
    await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: "westbrook.edu" });
    expect(await tryToken(token)).toBe(200);
    // Another tenant ends it.
    await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.riverside });
    expect(await tryToken(token)).toBe(400);
    expectLogged("consent_link_refused", { reason: "not_awaiting" });
    expect((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any).toMatchObject({
      status: "awaiting_consent",
      tenantId: TENANT.riverside,
    });
  });

  it("leaves the status unchanged when someone without the role follows the link", async () => {
    const org = await createOrg();
    const { admin, link } = await awaitingWithLink(org);
    const { browser, html } = await openLink(link.url);
    const token = /name="token" value="([^"]+)"/.exec(html)![1];
    const posted = await browser.worker("/auth/microsoft/admin-consent/link", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" },
      body: new URLSearchParams({ token }),
    });
    const picker = await browser.follow(posted);
    // Leo himself opens it: Microsoft will not let him consent for the tenant.
    const refused = await browser.submitEmulatorPage(await picker.response.text(), picker.url, {
      oid: "0a1b2c3d-0005-4000-8000-000000000002",
    });
    const refusal = await refused.response.text();
    expect(refusal).toContain("Need admin approval");
    const back = await browser.submitEmulatorPage(refusal, refused.url, { cancel: "1" });
    expect(back.response.status).toBe(400);
    expect((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any).toMatchObject({
      status: "awaiting_consent",
      lastError: { code: "not_admin" },
    });
    expectLogged("consent_failed", { reason: "not_admin" });
  });

  it("refuses a link before a tenant is saved", async () => {
    const org = await createOrg();
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const admin = await adminOf(org, LEO);
    const res = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/integration/consent-link`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe("consent_not_pending");
    const actions = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events.map(
      (e: any) => e.action,
    );
    expect(actions).not.toContain("integration.consent_link_created");
  });
});
