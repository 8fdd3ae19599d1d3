/**
 * SPEC §3.4 way (c): a Microsoft administrator signs in to ThingLink while an
 * organization awaits consent for their tenant.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TestBrowser, collect, emulator, newHandoff, popupUntilCallback } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, signUp, type Org } from "../support/orgs";

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
    const accepted = await browser.submitEmulatorPage(await page.text(), callback, { accept: "1" }, (u) => u.pathname === "/auth/microsoft/callback");
    callback = accepted.url;
  }
  const answer = await browser.worker(callback.pathname + callback.search);
  return { browser, handoff, answer };
}

const integrationOf = async (token: string, org: Org) => (await (await orgApi(token, "GET", `/api/orgs/${org.id}/integration`)).json()) as any;

describe("way (c): an administrator signing in is asked, and their consent is proven", () => {
  it("names the organization first; Connect asks Microsoft once more, activates, and signs them in", async () => {
    const org = await createOrg({ name: "Westbrook (sign-in test)" });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const admin = await awaiting(org, "leo@westbrook.edu", TENANT.westbrook);
    const { browser, handoff, answer } = await signInPopup("gwen@westbrook.edu");
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain(`You are an administrator of the Microsoft tenant ${TENANT.westbrook}, and the ThingLink organization Westbrook (sign-in test) asks to connect to it.`);
    expect(html).toContain("Connect Westbrook (sign-in test)");
    expect(html).toContain("Not now, just sign me in");
    // Nothing was handed to the widget yet.
    expect((await collect(handoff.secret)).status).toBe(202);

    const pending = /name="pending" value="([^"]+)"/.exec(html)![1];
    const connect = await browser.worker("/auth/microsoft/sign-in-consent", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" },
      body: new URLSearchParams({ pending, choice: org.id }),
    });
    const askAgain = new URL(connect.headers.get("location")!);
    expect(askAgain.pathname).toBe(`/${TENANT.westbrook}/oauth2/v2.0/authorize`);
    expect(askAgain.searchParams.get("prompt")).toBe("consent");
    expect(askAgain.searchParams.get("scope")).toContain("EduRoster.ReadBasic");
    const consentPage = await browser.follow(connect);
    const consentHtml = await consentPage.response.text();
    expect(consentHtml).toContain("Consent on behalf of your organization");
    const done = await browser.submitEmulatorPage(consentHtml, consentPage.url, { accept: "1", consent_for_org: "1" });
    expect(await done.response.text()).toContain("Signed in as Gwen Global");

    expect(await integrationOf(admin.token, org)).toMatchObject({ status: "active", consent: { by: { name: "Gwen Global" }, method: "sign_in_consent" } });
    const collected = (await (await collect(handoff.secret)).json()) as any;
    expect(collected).toMatchObject({ status: "signed_in", account: { displayName: "Gwen Global" } });
  });

  it("without “Consent on behalf of your organization” it is active, the first school sign-up finds the grant missing, and the panel asks for it again", async () => {
    const org = await createOrg({ name: "Westbrook (unticked)" });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const leo = await awaiting(org, "leo@westbrook.edu", TENANT.westbrook);
    const { browser, answer } = await signInPopup("gwen@westbrook.edu");
    const pending = /name="pending" value="([^"]+)"/.exec(await answer.text())![1];
    const connect = await browser.worker("/auth/microsoft/sign-in-consent", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" },
      body: new URLSearchParams({ pending, choice: org.id }),
    });
    const consentPage = await browser.follow(connect);
    // Accept, for herself only: Microsoft cannot tell ThingLink, and the proof holds.
    await browser.submitEmulatorPage(await consentPage.response.text(), consentPage.url, { accept: "1" });
    expect(await integrationOf(leo.token, org)).toMatchObject({ status: "active", consent: { method: "sign_in_consent" }, lastError: null });

    // Tara, a School Data Sync teacher, signs up: the silent roster read meets consent_required.
    const tara = await signUp("tara@westbrook.edu");
    expect(tara.membership).toMatchObject({ accountType: "student", accountTypeSource: "default" });
    expectLogged("tenant_consent_missing", { organizationId: org.id });
    const noted = await integrationOf(leo.token, org);
    expect(noted).toMatchObject({ status: "active", lastError: { code: "tenant_consent_missing", message: expect.stringMatching(/^Microsoft asks each new person to consent/) } });
    const events = ((await (await orgApi(leo.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events;
    expect(events.map((e: any) => e.action).slice(0, 3)).toEqual(["integration.consent_missing", "member.joined", "integration.activated"]);

    // Grant consent now (way (a)) with Gwen: tenant-wide this time, proven, and the note is gone.
    const start = await orgApi(leo.token, "POST", `/api/orgs/${org.id}/integration/consent-start`);
    expect(start.status).toBe(200);
    const grant = new TestBrowser();
    const { response, url } = await grant.open(((await start.json()) as any).consentUrl);
    expect(url.pathname).toMatch(/\/v2\.0\/adminconsent$/);
    const picked = await grant.submitEmulatorPage(await response.text(), url, { oid: "0a1b2c3d-0005-4000-8000-000000000001" });
    const accepted = await grant.submitEmulatorPage(await picked.response.text(), picked.url, { accept: "1" });
    expect(await accepted.response.text()).toContain(`Sign in with Microsoft is now active for ${org.name}`);
    expect(await integrationOf(leo.token, org)).toMatchObject({ status: "active", consent: { by: { name: "Gwen Global" }, method: "admin_consent" }, lastError: null });
    // Once it is whole, consent is not asked for again.
    expect((await orgApi(leo.token, "POST", `/api/orgs/${org.id}/integration/consent-start`)).status).toBe(409);

    // Tara stays what she was (the type is read at sign-up only); a new teacher now lands as a teacher.
    await db().prepare("DELETE FROM accounts WHERE id = ?").bind(tara.account.id).run();
    expect((await signUp("tara@westbrook.edu")).membership).toMatchObject({ accountType: "teacher", accountTypeSource: "graph" });
  });

  it("'Not now' signs them in, leaves the integration awaiting consent and does not ask again for a day", async () => {
    const org = await createOrg();
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.westbrook, scopes: ["openid", "profile", "email", "User.Read"] });
    const admin = await awaiting(org, "leo@westbrook.edu", TENANT.westbrook);
    const { browser, handoff, answer } = await signInPopup("gwen@westbrook.edu");
    const page = await answer.text();
    expect(page).toContain("Tick “Consent on behalf of your organization” and choose Accept");
    expect(page).toContain("Not now signs you in and does not ask again for a day.");
    const pending = /name="pending" value="([^"]+)"/.exec(page)![1];
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" }, body: new URLSearchParams({ pending, choice: "skip" }) };
    const skipped = await browser.worker("/auth/microsoft/sign-in-consent", form);
    expect(await skipped.text()).toContain("Signed in as Gwen Global");
    expect(((await (await collect(handoff.secret)).json()) as any).status).toBe("signed_in");
    // The panel says why it still waits; the activity names who chose it.
    expect(await integrationOf(admin.token, org)).toMatchObject({ status: "awaiting_consent", consent: null, lastError: { code: "consent_postponed" } });
    const events = ((await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events;
    expect(events[0]).toMatchObject({ action: "integration.consent_postponed", actor: { type: "tenant_admin", name: "Gwen Global" } });
    // The answer is single-use.
    const again = await browser.worker("/auth/microsoft/sign-in-consent", { ...form, body: new URLSearchParams({ pending, choice: "skip" }) });
    expect(again.status).toBe(400);
    // Her next sign-in, the same day, is not interrupted.
    const next = await signInPopup("gwen@westbrook.edu");
    expect(await next.answer.text()).toContain("Signed in as Gwen Global");
  });

  it("goes straight to Microsoft for the organization's own admin, and a decline still signs them in", async () => {
    const org = await createOrg();
    const admin = await awaiting(org, "rita@riverside-academy.org", TENANT.riverside);
    const { handoff, answer, browser } = await signInPopup("rita@riverside-academy.org");
    expect(answer.status).toBe(302);
    const consentPage = await browser.follow(answer);
    expect(consentPage.url.searchParams.get("prompt")).toBe("consent");
    const declined = await browser.submitEmulatorPage(await consentPage.response.text(), consentPage.url, { cancel: "1" });
    expect(await declined.response.text()).toContain("Signed in as Rita Rector");
    expect(await integrationOf(admin.token, org)).toMatchObject({ status: "awaiting_consent", lastError: { code: "consent_declined" } });
    expectLogged("consent_failed", { reason: "consent_declined", method: "sign_in_consent" });
    expectLogged("proof_failed", { code: "consent_declined" });
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
});
