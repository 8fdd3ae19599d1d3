/**
 * Admin consent, way (a): the ThingLink admin is also a Microsoft administrator. Save the
 * tenant → Microsoft's admin consent → the proof sign-in → active; and every way it
 * must not become active.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { EMBEDDER, TestBrowser, WORKER, emulator, emulatorUrl, workerFetch } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, grantConsentNow, orgApi, type Org } from "../support/orgs";

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

/** Grant consent now in the admin's browser (the panel's POST), and the emulator page it lands on. */
async function toMicrosoft(browser: TestBrowser, admin: { token: string; browser: TestBrowser }, org: Org) {
  const { response, url } = await browser.follow((await grantConsentNow(admin, org, browser)).response);
  expect(url.pathname).toMatch(/\/v2\.0\/adminconsent$/);
  return { html: await response.text(), url };
}

describe("way (a): Save → admin consent → proof → active", () => {
  it("activates on the proof of a Global Administrator of that tenant, resolving a verified domain", async () => {
    const org = await createOrg();
    const { admin, body } = await configure(org, RITA, "riverside-academy.org");
    expect(body).toMatchObject({ status: "awaiting_consent", tenantId: TENANT.riverside, consent: null, lastError: null });
    expect(body.consentUrl).toMatch(/\/auth\/microsoft\/admin-consent\/start\?ticket=/);

    const browser = admin.browser; // the browser Rita signed in with
    const consent = await toMicrosoft(browser, admin, org);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    const accepted = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    // The consent redirect led to the proof sign-in, answered silently from the emulator session.
    expect(accepted.url.pathname).toBe("/auth/microsoft/callback");
    expect(accepted.response.status).toBe(200);
    expect(await accepted.response.text()).toContain(`Sign in with Microsoft is now active for ${org.name}`);

    const after = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;
    expect(after).toMatchObject({
      status: "active",
      tenantId: TENANT.riverside,
      consent: { by: { name: "Rita Rector", upn: RITA }, method: "admin_consent" },
      lastError: null,
    });
    const audit = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any;
    expect(audit.events.map((e: any) => e.action)).toEqual([
      "integration.activated",
      "integration.consent_started",
      "integration.tenant_set",
      "organization.admin_added",
      "organization.created",
    ]);
    expect(audit.events[1]).toMatchObject({
      actor: { type: "account", id: admin.accountId, name: "Rita Rector" },
      detail: { method: "admin_consent" },
    });
    expect(audit.events[0]).toMatchObject({
      actor: { type: "account", id: admin.accountId, name: "Rita Rector" },
      detail: { method: "admin_consent", role: "Global Administrator" },
    });
    // The Global Administrator's ThingLink session was not touched, and no account was created for the proof.
    expect(await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind(RITA_OID).first()).toEqual({ n: 1 });
  });
});

const RAY_OID = "0a1b2c3d-0002-4000-8000-000000000002"; // Riverside, no role
const CARLA_OID = "0a1b2c3d-0003-4000-8000-000000000001"; // Contoso's Global Administrator
const atProof = (u: URL) => u.pathname.endsWith("/oauth2/v2.0/authorize") && u.searchParams.get("prompt") === "none";

/** Consent is granted by Rita; then the proof sign-in is made by whoever the test picks. */
async function consentThenProve(
  asker: { admin: { token: string; browser: TestBrowser }; org: Org },
  proverOid: string | null,
  setup?: () => Promise<void>,
) {
  const browser = asker.admin.browser;
  const consent = await toMicrosoft(browser, asker.admin, asker.org);
  const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
  const proof = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" }, atProof);
  expect(atProof(proof.url)).toBe(true);
  await setup?.();
  browser.emulatorCookies.clear(); // no silent proof: the account picker decides who proves
  const picker = await browser.follow(await browser.emulator(proof.url), undefined, proof.url);
  if (!proverOid) return { browser, final: picker };
  return { browser, final: await browser.submitEmulatorPage(await picker.response.text(), picker.url, { oid: proverOid }) };
}

async function integration(token: string, org: Org) {
  return (await (await orgApi(token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;
}

describe("way (a): nothing but a valid proof activates", () => {
  it("keeps awaiting consent when the proof is made by someone without an admin role, and says why", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const { final } = await consentThenProve({ admin, org }, RAY_OID);
    expect(final.response.status).toBe(400);
    expect(await final.response.text()).toContain("The person who signed in is not an administrator of that Microsoft tenant");
    expect(await integration(admin.token, org)).toMatchObject({
      status: "awaiting_consent",
      consent: null,
      lastError: { code: "not_admin" },
    });
    expectLogged("consent_failed", { reason: "not_admin", step: "proof" });
    const audit = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit?limit=1`)).json()) as any;
    // The refusal says what to do next: the Global Administrator's link, or activate an eligible role.
    const NOT_ADMIN =
      "The person who signed in is not an administrator of that Microsoft tenant (Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator). Send your Global Administrator the link from the Integrations tab (Link for your Global Administrator). If your administrator role is only eligible in Privileged Identity Management, activate it first and try again: Microsoft reports only active roles.";
    expect(audit.events[0]).toMatchObject({
      action: "integration.consent_failed",
      detail: { reason: "not_admin", step: "proof", message: NOT_ADMIN },
    });
    expect(audit.nextCursor).not.toBeNull();
    // The panel asks in its language (Accept-Language): the reasons come back in it.
    const inFinnish = async (path: string) =>
      (
        await workerFetch(
          new Request(`${WORKER}/api/orgs/${org.id}${path}`, {
            headers: { origin: EMBEDDER, authorization: `Bearer ${admin.token}`, "accept-language": "fi" },
          }),
        )
      ).json<any>();
    const FI =
      "Kirjautunut henkilö ei ole kyseisen Microsoft-vuokraajan ylläpitäjä (yleinen järjestelmänvalvoja, etuoikeutettujen roolien, pilvisovellusten tai sovellusten järjestelmänvalvoja). Lähetä yleiselle järjestelmänvalvojallesi Integraatiot-välilehden linkki (Linkki yleiselle järjestelmänvalvojalle). Jos ylläpitäjän roolisi on Privileged Identity Managementissa vain käyttöoikeutettu (eligible), aktivoi se ensin ja yritä uudelleen: Microsoft ilmoittaa vain aktiiviset roolit.";
    expect((await inFinnish("/integration")).lastError).toMatchObject({ code: "not_admin", message: FI });
    expect((await inFinnish("/audit?limit=1")).events[0].detail).toMatchObject({ reason: "not_admin", message: FI });
    expect((await integration(admin.token, org)).lastError.message).toBe(NOT_ADMIN);
  });

  it("keeps awaiting consent when the proof is tried with another tenant's account (Microsoft's AADSTS50020 page)", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const { final } = await consentThenProve({ admin, org }, CARLA_OID);
    // Microsoft keeps that person on its own error page: nothing comes back to the worker.
    expect(final.url.origin).toBe(new URL(emulatorUrl()).origin);
    expect(await final.response.text()).toContain("AADSTS50020");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: null });
  });

  it("names the app registration setting when Microsoft sends no roles (wids)", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    await emulator("/_emulator/client", { groupMembershipClaims: "None" });
    const { final } = await consentThenProve({ admin, org }, RITA_OID);
    expect(await final.response.text()).toContain("set groupMembershipClaims to include DirectoryRole");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: { code: "roles_not_sent" } });
    expectLogged("consent_failed", { reason: "roles_not_sent" });
  });

  it("records a declined consent and stays awaiting", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const browser = admin.browser; // the browser Rita signed in with
    const consent = await toMicrosoft(browser, admin, org);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    const declined = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { cancel: "1" });
    expect(declined.url.pathname).toBe("/auth/microsoft/admin-consent/callback");
    expect(declined.response.status).toBe(400);
    expect(await declined.response.text()).toContain("Consent was declined at Microsoft");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: { code: "consent_declined" } });
    expectLogged("consent_failed", { reason: "consent_declined", step: "admin_consent" });
  });

  it("ignores a forged consent redirect: no flow in this browser, nothing changes", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const forged = await new TestBrowser().worker(
      `/auth/microsoft/admin-consent/callback?admin_consent=True&tenant=${TENANT.riverside}&state=${"A".repeat(43)}`,
      { headers: { accept: "text/html" } },
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("This consent cannot be finished in this browser");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: null });
    expectLogged("consent_refused", { reason: "flow_cookie_missing" });
  });

  it("does not take admin_consent=True in the redirect as proof, even with the browser's own state", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const browser = admin.browser;
    const { url } = await browser.follow((await grantConsentNow(admin, org)).response, (u) => u.pathname.endsWith("/adminconsent"));
    // Instead of consenting, type Microsoft's success answer by hand.
    const typed = await browser.worker(
      `/auth/microsoft/admin-consent/callback?admin_consent=True&tenant=${TENANT.riverside}&state=${url.searchParams.get("state")}`,
    );
    expect(typed.status).toBe(302);
    const proof = new URL(typed.headers.get("location")!);
    expect(proof.pathname).toBe(`/${TENANT.riverside}/oauth2/v2.0/authorize`);
    expect(proof.searchParams.get("prompt")).toBe("none");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent" });
    // Without anyone signed in at Microsoft, the proof cannot even start silently.
    browser.emulatorCookies.clear();
    const answer = await browser.follow(await browser.emulator(proof), undefined, proof);
    expect(answer.url.searchParams.get("prompt")).toBe("select_account");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent" });
  });

  it("refuses a replayed consent callback and a tampered ticket", async () => {
    const org = await createOrg();
    const { admin, body } = await configure(org, RITA, TENANT.riverside);
    const browser = admin.browser; // the browser Rita signed in with
    const consent = await toMicrosoft(browser, admin, org);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    const back = await browser.submitEmulatorPage(
      await picked.response.text(),
      picked.url,
      { accept: "1" },
      (u) => u.pathname === "/auth/microsoft/admin-consent/callback",
    );
    const copy = new TestBrowser();
    copy.cookies = new Map(browser.cookies);
    await browser.follow(await browser.worker(back.url.pathname + back.url.search));
    expect(await integration(admin.token, org)).toMatchObject({ status: "active" });
    const replay = await copy.worker(back.url.pathname + back.url.search);
    expect(replay.status).toBe(400);
    expectLogged("consent_refused");

    const ticket = new URL(body.consentUrl);
    ticket.searchParams.set("ticket", ticket.searchParams.get("ticket")!.slice(0, -3) + "AAA");
    const tampered = await new TestBrowser().worker(ticket.pathname + ticket.search);
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("This link no longer works");
  });

  it("refuses activation when the tenant became active for another organization meanwhile", async () => {
    const org = await createOrg();
    const rival = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const { support } = await import("../support/orgs");
    const browser = admin.browser; // the browser Rita signed in with
    const consent = await toMicrosoft(browser, admin, org);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    const proof = await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" }, atProof);
    expect((await support("PUT", `/api/support/organizations/${rival.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    const final = await browser.follow(await browser.emulator(proof.url), undefined, proof.url);
    expect(await final.response.text()).toContain("already connected to another ThingLink organization");
    expect(await integration(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: { code: "tenant_taken" } });
    expectLogged("consent_failed", { reason: "tenant_taken" });
  });
});

describe("the integration settings", () => {
  it("validates what is typed as a tenant", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, RITA);
    const put = (tenantId: string) =>
      orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as any,
      }));
    expect(await put("common")).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "invalid_tenant_id",
          message: '"common" is not a tenant: enter your organization\'s own tenant ID (a GUID) or one of its verified domains.',
        },
      },
    });
    expect((await put("organizations")).body.error.code).toBe("invalid_tenant_id");
    expect((await put("consumers")).body.error.code).toBe("invalid_tenant_id");
    expect(await put(TENANT.personal)).toMatchObject({
      status: 422,
      body: { error: { message: "That is the tenant of personal Microsoft accounts, not an organization's tenant." } },
    });
    expect((await put("not a tenant")).status).toBe(422);
    expect(await put("nowhere.example")).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "unknown_tenant",
          message:
            'Microsoft does not know the tenant "nowhere.example" (AADSTS90002). Check the tenant ID or domain in the Microsoft Entra admin center.',
        },
      },
    });
    expect((await put("00000000-1111-4222-8333-444444444444")).body.error.code).toBe("unknown_tenant");
    expect(await put(TENANT.riverside.toUpperCase())).toMatchObject({ status: 200, body: { tenantId: TENANT.riverside } });
    expectLogged("request_refused", { code: "unknown_tenant" });
  });

  it("refuses a tenant that is active for another organization", async () => {
    const { support } = await import("../support/orgs");
    const holder = await createOrg();
    expect((await support("PUT", `/api/support/organizations/${holder.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    const org = await createOrg();
    const admin = await adminOf(org, RITA);
    const res = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: "riverside-academy.org" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe("tenant_taken");
  });

  it("keeps a proven tenant saved again, goes back to awaiting consent for another tenant, and disables and enables", async () => {
    const org = await createOrg();
    const { admin } = await configure(org, RITA, TENANT.riverside);
    const browser = admin.browser; // the browser Rita signed in with
    const consent = await toMicrosoft(browser, admin, org);
    const picked = await browser.submitEmulatorPage(consent.html, consent.url, { oid: RITA_OID });
    await browser.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    expect((await integration(admin.token, org)).status).toBe("active");
    const patch = (enabled: boolean) =>
      orgApi(admin.token, "PATCH", `/api/orgs/${org.id}/integration`, { enabled }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as any,
      }));
    expect((await patch(false)).body.status).toBe("disabled");
    expect((await patch(false)).status).toBe(409);
    expect((await patch(true)).body).toMatchObject({ status: "active", consent: { method: "admin_consent" } });
    const same = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.riverside });
    expect(await same.json()).toMatchObject({ status: "active", consent: { method: "admin_consent" }, consentUrl: null });
    const other = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.fabrikam });
    expect(await other.json()).toMatchObject({ status: "awaiting_consent", tenantId: TENANT.fabrikam, consent: null });
    // Saved again while it waits (a Global Administrator's link may be out): a fresh consent URL, nothing reset or audited.
    const again = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.fabrikam.toUpperCase() });
    expect(await again.json()).toMatchObject({
      status: "awaiting_consent",
      tenantId: TENANT.fabrikam,
      consentUrl: expect.stringMatching(/\/auth\/microsoft\/admin-consent\/start\?ticket=/),
    });
    expect((await patch(false)).body.status).toBe("disabled");
    expect((await patch(true)).body.status).toBe("awaiting_consent");
    const actions = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events.map(
      (e: any) => e.action,
    );
    expect(actions.slice(0, 8)).toEqual([
      "integration.enabled",
      "integration.disabled",
      "integration.tenant_set",
      "integration.enabled",
      "integration.disabled",
      "integration.activated",
      "integration.consent_started",
      "integration.tenant_set",
    ]);
  });

  it("explains that business organizations need Enterprise, and refuses to configure them", async () => {
    const org = await createOrg({ kind: "business", license: "team", name: "Team Tier Ltd" });
    const admin = await adminOf(org, "carla@contoso.com");
    const info = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}`)).json()) as any;
    expect(info).toMatchObject({
      kind: "business",
      license: "team",
      integration: { available: false, unavailableReason: { code: "enterprise_required" } },
      counts: { members: 1, pendingRequests: 0 },
    });
    const put = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.fabrikam });
    expect(put.status).toBe(403);
    expect(await put.json()).toEqual({
      error: {
        code: "integration_unavailable",
        message:
          "Sign in with Microsoft for a business organization needs the Enterprise license; Team Tier Ltd is on the Team license. Contact ThingLink to upgrade.",
      },
    });
    expect((await orgApi(admin.token, "POST", `/api/orgs/${org.id}/integration/consent-link`)).status).toBe(403);
  });
});
