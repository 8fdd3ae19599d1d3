/**
 * SPEC §3.4 way (a): the ThingLink admin is also a Microsoft administrator. Save the
 * tenant → Microsoft's admin consent → the proof sign-in → active; and every way it
 * must not become active.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TestBrowser, emulator } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, type Org } from "../support/orgs";

const RITA = "rita@riverside-academy.org"; // Global Administrator of Riverside
const RITA_OID = "0a1b2c3d-0002-4000-8000-000000000001";

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
});

async function configure(org: Org, loginHint: string, tenantId: string) {
  const admin = await adminOf(org, loginHint);
  const res = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId });
  expect(res.status).toBe(200);
  const body = (await res.json()) as any;
  return { admin, body };
}

/** Opens the consent URL in a browser, and returns the emulator page it lands on. */
async function toMicrosoft(browser: TestBrowser, consentUrl: string) {
  const { response, url } = await browser.open(consentUrl);
  expect(url.pathname).toMatch(/\/v2\.0\/adminconsent$/);
  return { html: await response.text(), url };
}

describe("way (a): Save → admin consent → proof → active", () => {
  it("activates on the proof of a Global Administrator of that tenant, resolving a verified domain", async () => {
    const org = await createOrg();
    const { admin, body } = await configure(org, RITA, "riverside-academy.org");
    expect(body).toMatchObject({ status: "awaiting_consent", tenantId: TENANT.riverside, consent: null, lastError: null });
    expect(body.consentUrl).toMatch(/\/auth\/microsoft\/admin-consent\/start\?ticket=/);

    const browser = new TestBrowser();
    const consent = await toMicrosoft(browser, body.consentUrl);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    const accepted = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    // The consent redirect led to the proof sign-in, answered silently from the emulator session.
    expect(accepted.url.pathname).toBe("/auth/microsoft/callback");
    expect(accepted.response.status).toBe(200);
    expect(await accepted.response.text()).toContain(`Sign in with Microsoft is now active for ${org.name}`);

    const after = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;
    expect(after).toMatchObject({ status: "active", tenantId: TENANT.riverside, consent: { by: { name: "Rita Rector", upn: RITA }, method: "admin_consent" }, lastError: null });
    const audit = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any;
    expect(audit.events.map((e: any) => e.action)).toEqual(["integration.activated", "integration.tenant_set", "organization.admin_added", "organization.created"]);
    expect(audit.events[0]).toMatchObject({ actor: { type: "account", id: admin.accountId, name: "Rita Rector" }, detail: { method: "admin_consent", role: "Global Administrator" } });
    // The Global Administrator's ThingLink session was not touched, and no account was created for the proof.
    expect(await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind(RITA_OID).first()).toEqual({ n: 1 });
  });
});
