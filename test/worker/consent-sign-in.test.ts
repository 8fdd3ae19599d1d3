/**
 * Way (c) of admin consent (docs/security.md): a Microsoft administrator signs in to
 * ThingLink while an organization awaits consent for their tenant. Connect goes to the
 * admin-consent endpoint (consent for the whole tenant, whatever the consent-capable role),
 * then the proof, and the sign-in finishes either way.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TestBrowser, collect, emulator, newHandoff, popupUntilCallback } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, grantConsentNow, orgApi, signUp, type Org } from "../support/orgs";

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
});

async function awaiting(org: Org, adminHint: string, tenantId: string) {
  const admin = await adminOf(org, adminHint);
  expect((await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId })).status).toBe(200);
  return admin;
}

/** A popup sign-in up to whatever page the worker answers the callback with. */
async function signInPopup(loginHint: string) {
  const browser = new TestBrowser();
  const handoff = await newHandoff();
  let callback = await popupUntilCallback(browser, loginHint, handoff);
  if (callback.pathname !== "/auth/microsoft/callback") {
    // First use of the app by this person: Microsoft's consent page, accepted for themselves only.
    const page = await browser.emulator(callback);
    const accepted = await browser.submitEmulatorPage(
      await page.text(),
      callback,
      { accept: "1" },
      (u) => u.pathname === "/auth/microsoft/callback",
    );
    callback = accepted.url;
  }
  const answer = await browser.worker(callback.pathname + callback.search);
  return { browser, handoff, answer };
}

const integrationOf = async (token: string, org: Org) =>
  (await (await orgApi(token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;

const CONNECT_FORM = (pending: string, choice: string) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" },
  body: new URLSearchParams({ pending, choice }),
});

describe("way (c): an administrator signing in is asked, and their consent is proven", () => {
  it("names the organization first; Connect goes to admin consent, activates, and signs them in", async () => {
    const org = await createOrg({ name: "Westbrook (sign-in test)" });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const admin = await awaiting(org, "leo@westbrook.edu", "westbrook.edu");
    const { browser, handoff, answer } = await signInPopup("gwen@westbrook.edu");
    expect(answer.status).toBe(200);
    const html = await answer.text();
    // Before anything goes to Microsoft: the organization, the tenant by its domain, who asked, what is asked for.
    expect(html).toContain(
      "You are an administrator of the Microsoft tenant westbrook.edu, and a ThingLink organization asks to connect to it.",
    );
    expect(html).toContain("Westbrook (sign-in test) asks to connect the Microsoft tenant westbrook.edu to ThingLink");
    expect(html).toContain("Leo Librarian (leo@westbrook.edu), an administrator of Westbrook (sign-in test) in ThingLink");
    expect(html).toContain("EduRoster.ReadBasic");
    expect(html).toContain("Connect Westbrook (sign-in test)");
    expect(html).toContain("Not now, just sign me in");
    // Nothing was handed to the widget yet.
    expect((await collect(handoff.secret)).status).toBe(202);

    const pending = /name="pending" value="([^"]+)"/.exec(html)![1];
    const copy = new TestBrowser();
    copy.cookies = new Map(browser.cookies);
    const connect = await browser.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, org.id));
    const toMicrosoft = new URL(connect.headers.get("location")!);
    expect(toMicrosoft.pathname).toBe(`/${TENANT.westbrook}/v2.0/adminconsent`);
    expect(toMicrosoft.searchParams.get("scope")).toBe("https://graph.microsoft.com/.default");
    // The answer is single-use: a copy of the browser's cookie cannot connect (or skip) again.
    expect((await copy.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, org.id))).status).toBe(400);
    const consentPage = await browser.follow(connect);
    const consentHtml = await consentPage.response.text();
    expect(consentHtml).toContain("Accepting grants these permissions for everyone in your organization.");
    const done = await browser.submitEmulatorPage(consentHtml, consentPage.url, { accept: "1" });
    expect(await done.response.text()).toContain("Signed in as Gwen Global");

    expect(await integrationOf(admin.token, org)).toMatchObject({
      status: "active",
      consent: { by: { name: "Gwen Global" }, method: "sign_in_consent" },
    });
    const collected = (await (await collect(handoff.secret)).json()) as any;
    expect(collected).toMatchObject({ status: "signed_in", account: { displayName: "Gwen Global" } });
    // Consent covered the whole tenant: School Data Sync is read at a student's sign-up.
    expect((await signUp("wes@westbrook.edu")).membership).toMatchObject({ accountType: "student", accountTypeSource: "graph" });
  });

  it("works for a Cloud Application Administrator, whom Microsoft's own consent page offers no box for the organization", async () => {
    const org = await createOrg({ name: "Riverside (Cleo)" });
    const admin = await awaiting(org, "rita@riverside-academy.org", TENANT.riverside);
    const { browser, handoff, answer } = await signInPopup("cleo@riverside-academy.org");
    const pending = /name="pending" value="([^"]+)"/.exec(await answer.text())![1];
    const consentPage = await browser.follow(await browser.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, org.id)));
    const done = await browser.submitEmulatorPage(await consentPage.response.text(), consentPage.url, { accept: "1" });
    expect(await done.response.text()).toContain("Signed in as Cleo Cloudadmin");
    const after = await integrationOf(admin.token, org);
    expect(after).toMatchObject({
      status: "active",
      consent: { by: { name: "Cleo Cloudadmin" }, method: "sign_in_consent" },
      lastError: null,
    });
    // Activated by her proof, and then her own sign-up joined the organization it had just connected.
    const [joined, activated] = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit?limit=2`)).json()) as any).events;
    expect(activated).toMatchObject({ action: "integration.activated", detail: { role: "Cloud Application Administrator" } });
    expect(joined).toMatchObject({ action: "member.joined", targetName: "Cleo Cloudadmin" });
    expect(((await (await collect(handoff.secret)).json()) as any).status).toBe("signed_in");
  });

  it("still notices a tenant-wide grant revoked at Microsoft later: the first school sign-up finds it missing, and the panel asks again", async () => {
    const org = await createOrg({ name: "Westbrook (revoked)" });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const leo = await awaiting(org, "leo@westbrook.edu", TENANT.westbrook);
    const { browser, answer } = await signInPopup("gwen@westbrook.edu");
    const pending = /name="pending" value="([^"]+)"/.exec(await answer.text())![1];
    const consentPage = await browser.follow(await browser.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, org.id)));
    await browser.submitEmulatorPage(await consentPage.response.text(), consentPage.url, { accept: "1" });
    expect(await integrationOf(leo.token, org)).toMatchObject({ status: "active", lastError: null });

    // Revoked in Entra: only the basic sign-in permissions remain granted.
    await emulator("/_emulator/reset", {});
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const tara = await signUp("tara@westbrook.edu");
    expect(tara.membership).toMatchObject({ accountType: "student", accountTypeSource: "default" });
    expectLogged("tenant_consent_missing", { organizationId: org.id });
    expect(await integrationOf(leo.token, org)).toMatchObject({
      status: "active",
      lastError: { code: "tenant_consent_missing", message: expect.stringMatching(/^Microsoft asks each new person to consent/) },
    });
    const events = ((await (await orgApi(leo.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events;
    // Tara's sign-up found it missing, after Gwen's Connect had activated it.
    const actions = events.map((e: any) => [e.action, e.targetName]);
    expect(actions.slice(0, 2)).toEqual([
      ["integration.consent_missing", null],
      ["member.joined", "Tara Teacher"],
    ]);
    expect(actions).toContainEqual(["integration.activated", null]);

    // Grant consent now (way (a)) with Gwen, in Leo's browser: proven, and the note is gone.
    const grant = leo.browser; // Leo's own browser, where Gwen signs in at Microsoft
    const { response, url } = await grant.follow((await grantConsentNow(leo, org)).response);
    expect(url.pathname).toMatch(/\/v2\.0\/adminconsent$/);
    const picked = await grant.submitEmulatorPage(await response.text(), url, { oid: "0a1b2c3d-0005-4000-8000-000000000001" });
    const accepted = await grant.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    expect(await accepted.response.text()).toContain(`Sign in with Microsoft is now active for ${org.name}`);
    expect(await integrationOf(leo.token, org)).toMatchObject({
      status: "active",
      consent: { by: { name: "Gwen Global" }, method: "admin_consent" },
      lastError: null,
    });
    // Once it is whole, consent is not asked for again.
    expect((await orgApi(leo.token, "POST", `/api/orgs/${org.id}/integration/consent-start`, { challenge: "A".repeat(43) })).status).toBe(
      409,
    );
  });

  it("'Not now' signs them in, leaves the integration awaiting consent and does not ask again for a day", async () => {
    const org = await createOrg();
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const admin = await awaiting(org, "leo@westbrook.edu", TENANT.westbrook);
    const { browser, handoff, answer } = await signInPopup("gwen@westbrook.edu");
    const page = await answer.text();
    expect(page).toContain("Not now signs you in and does not ask again for a day.");
    const pending = /name="pending" value="([^"]+)"/.exec(page)![1];
    const skipped = await browser.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, "skip"));
    expect(await skipped.text()).toContain("Signed in as Gwen Global");
    expect(((await (await collect(handoff.secret)).json()) as any).status).toBe("signed_in");
    // The panel says why it still waits; the activity names who chose it.
    expect(await integrationOf(admin.token, org)).toMatchObject({
      status: "awaiting_consent",
      consent: null,
      lastError: { code: "consent_postponed" },
    });
    const events = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events;
    expect(events[0]).toMatchObject({ action: "integration.consent_postponed", actor: { type: "tenant_admin", name: "Gwen Global" } });
    // The answer is single-use.
    const again = await browser.worker("/auth/microsoft/sign-in-consent", CONNECT_FORM(pending, "skip"));
    expect(again.status).toBe(400);
    // Her next sign-in, the same day, is not interrupted.
    const next = await signInPopup("gwen@westbrook.edu");
    expect(await next.answer.text()).toContain("Signed in as Gwen Global");
  });

  it("goes straight to admin consent for the organization's own admin, and a decline still signs them in", async () => {
    const org = await createOrg();
    const admin = await awaiting(org, "rita@riverside-academy.org", TENANT.riverside);
    const { handoff, answer, browser } = await signInPopup("rita@riverside-academy.org");
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get("location")!).pathname).toBe(`/${TENANT.riverside}/v2.0/adminconsent`);
    const consentPage = await browser.follow(answer);
    const declined = await browser.submitEmulatorPage(await consentPage.response.text(), consentPage.url, { cancel: "1" });
    expect(await declined.response.text()).toContain("Signed in as Rita Rector");
    expect(await integrationOf(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: { code: "consent_declined" } });
    expectLogged("consent_failed", { reason: "consent_declined", method: "sign_in_consent", step: "admin_consent" });
    expect(((await (await collect(handoff.secret)).json()) as any).status).toBe("signed_in");
    // Not asked again for a day after a decline.
    const next = await signInPopup("rita@riverside-academy.org");
    expect(await next.answer.text()).toContain("Signed in as Rita Rector");
  });

  it("does not interrupt people without a consent-capable role", async () => {
    const org = await createOrg();
    await awaiting(org, "rita@riverside-academy.org", TENANT.riverside);
    for (const person of ["ray@riverside-academy.org", "cleo@riverside-academy.org"]) {
      const { answer } = await signInPopup(person);
      const text = await answer.text();
      if (person.startsWith("ray")) expect(text).toContain("Signed in as Ray Pupil");
      // Cleo is a Cloud Application Administrator: she can consent, so she is asked.
      else expect(text).toContain("You are an administrator of the Microsoft tenant");
    }
  });

  it("does not offer to connect a tenant another organization has proven", async () => {
    const holder = await createOrg();
    const { support } = await import("../support/orgs");
    expect((await support("PUT", `/api/support/organizations/${holder.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    const squatter = await createOrg();
    const rita = await adminOf(squatter, "rita@riverside-academy.org");
    await forgetIntegrations();
    // Awaiting for the squatter while the holder's proven link is disabled: it still holds the tenant.
    expect((await orgApi(rita.token, "PUT", `/api/orgs/${squatter.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    expect((await support("PUT", `/api/support/organizations/${holder.id}/integration`, { tenantId: TENANT.riverside })).status).toBe(200);
    await db().prepare("UPDATE integrations SET status = 'disabled' WHERE organization_id = ?").bind(holder.id).run();
    const { answer } = await signInPopup("cleo@riverside-academy.org");
    expect(await answer.text()).toContain("Signed in as Cleo Cloudadmin");
  });
});
