/** The emulator's browser session (ESTSAUTH) and the prompt values that read it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, Jar, claimsOf, emulatorClient, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => hook("/_emulator/reset"));
const { authorize, submit, answer, redeem, tokensFor, hook } = emulatorClient(() => emu);

const SILENT = { prompt: "none" };
const idOf = async (code: string) => claimsOf((await (await redeem(code)).json()).id_token);

/** A browser that has signed in with these accounts (login_hint, no prompt). */
async function browserSignedInAs(...upns: string[]) {
  const jar = new Jar();
  for (const upn of upns) expect(answer(await authorize({ login_hint: upn }, "common", jar)).code).toBeTruthy();
  return jar;
}

describe("the session cookie", () => {
  it("is set after a sign-in on the emulator's origin: HttpOnly, SameSite=Lax, whole path", async () => {
    const res = await authorize({ login_hint: "sam@northwood.edu" });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^ESTSAUTH=\d+\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it("is set when the person picks their account on the page, too", async () => {
    const jar = new Jar();
    const picker = await (await authorize({}, TENANTS.northwood, jar)).text();
    expect(jar.cookie).toBe("");
    const picked = await submit(picker, { oid: "0a1b2c3d-0001-4000-8000-000000000003" }, jar);
    expect(answer(picked).code).toBeTruthy();
    expect(jar.cookie).toMatch(/^ESTSAUTH=/);
  });

  it("does not replace the account picker when prompt is absent, and select_account shows it despite login_hint", async () => {
    const jar = await browserSignedInAs("sam@northwood.edu");
    const plain = await authorize({}, "common", jar);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain("Pick an account");
    const select = await authorize({ prompt: "select_account", login_hint: "sam@northwood.edu" }, "common", jar);
    expect(await select.text()).toContain("Pick an account");
  });
});

describe("prompt=none", () => {
  it("answers login_required (AADSTS50058) with no session cookie", async () => {
    const back = answer(await authorize(SILENT));
    expect(back.code).toBeUndefined();
    expect(back.error).toBe("login_required");
    expect(back.state).toBe("st");
    expect(back.error_description).toMatch(
      /^AADSTS50058: A silent sign-in request was sent but no user is signed in\. The cookies used to represent the user's session were not sent in the request to Azure AD\./,
    );
    expect(back.error_description).toMatch(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: /);
  });

  it("signs the one session account in silently, with no page", async () => {
    const jar = await browserSignedInAs("sam@northwood.edu");
    const res = await authorize(SILENT, "common", jar);
    expect(res.status).toBe(302);
    expect((await idOf(answer(res).code)).preferred_username).toBe("sam@northwood.edu");
    expect((await idOf(answer(await authorize(SILENT, TENANTS.northwood, jar)).code)).tid).toBe(TENANTS.northwood);
  });

  it("answers interaction_required (AADSTS16000) with several accounts and no hint, and uses login_hint to choose", async () => {
    const jar = await browserSignedInAs("sam@northwood.edu", "rita@riverside-academy.org");
    const back = answer(await authorize(SILENT, "common", jar));
    expect(back.error).toBe("interaction_required");
    expect(back.error_description).toMatch(
      /^AADSTS16000: Either multiple user identities are available for the current request or selected account is not supported for the scenario\.\r\n/,
    );
    const rita = answer(await authorize({ ...SILENT, login_hint: "rita@riverside-academy.org" }, "common", jar));
    expect((await idOf(rita.code)).tid).toBe(TENANTS.riverside);
    // Only one of them belongs to Riverside's authority, so no hint is needed there.
    expect((await idOf(answer(await authorize(SILENT, TENANTS.riverside, jar)).code)).preferred_username).toBe(
      "rita@riverside-academy.org",
    );
  });

  it("answers login_required when login_hint names an account this browser has not signed in with", async () => {
    const jar = await browserSignedInAs("sam@northwood.edu");
    expect(answer(await authorize({ ...SILENT, login_hint: "ada@northwood.edu" }, "common", jar)).error).toBe("login_required");
  });

  it("answers interaction_required (AADSTS16000) when the session's account does not exist in the tenant asked for", async () => {
    const jar = await browserSignedInAs("rita@riverside-academy.org");
    const back = answer(await authorize(SILENT, TENANTS.westbrook, jar));
    expect(back.error).toBe("interaction_required");
    expect(back.error_description).toContain(
      `AADSTS16000: User account '{EmailHidden}' from identity provider 'https://sts.windows.net/${TENANTS.riverside}/' does not exist in tenant 'Westbrook High School' and cannot access the application '${DEFAULT_CLIENT.clientId}'(ThingLink (local)) in that tenant.`,
    );
  });

  it("answers consent_required (AADSTS65001) when consent is missing, then signs in silently after a tenant-wide grant", async () => {
    const jar = new Jar();
    const consent = await (await authorize({ login_hint: "leo@westbrook.edu" }, TENANTS.westbrook, jar)).text();
    expect(consent).toContain("Permissions requested");
    expect(jar.cookie).toMatch(/^ESTSAUTH=/);
    const back = answer(await authorize({ ...SILENT, scope: "openid profile User.Read" }, TENANTS.westbrook, jar));
    expect(back.error).toBe("consent_required");
    expect(back.error_description).toMatch(
      new RegExp(
        `^AADSTS65001: The user or administrator has not consented to use the application with ID '${DEFAULT_CLIENT.clientId}' named 'ThingLink \\(local\\)'\\. Send an interactive authorization request for this user and resource\\.\\r\\n`,
      ),
    );
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.westbrook });
    const { code } = answer(await authorize({ ...SILENT, scope: "openid profile User.Read EduRoster.ReadBasic" }, TENANTS.westbrook, jar));
    const tokens = await (await redeem(code)).json();
    expect(claimsOf(tokens.access_token).scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
  });

  it("answers consent_required for an admin-only scope a non-admin has no tenant-wide grant for", async () => {
    const jar = await browserSignedInAs("tomas@northwood.edu");
    expect(answer(await authorize({ ...SILENT, scope: "openid User.Read EduRoster.ReadBasic" }, "common", jar)).error).toBe(
      "consent_required",
    );
  });

  it("gives a guest their guest token at the inviting tenant's authority from their home session", async () => {
    const jar = await browserSignedInAs("chris@contoso.com");
    const guest = await idOf(answer(await authorize(SILENT, TENANTS.northwood, jar)).code);
    expect(guest).toMatchObject({ tid: TENANTS.northwood, idp: `https://sts.windows.net/${TENANTS.contoso}/`, acct: 1 });
    expect((await idOf(answer(await authorize(SILENT, "common", jar)).code)).tid).toBe(TENANTS.contoso);
  });

  it("forgets every session on /_emulator/sessions/reset: old cookies are ignored", async () => {
    const jar = await browserSignedInAs("sam@northwood.edu");
    expect(answer(await authorize(SILENT, "common", jar)).code).toBeTruthy();
    const reset = await hook("/_emulator/sessions/reset");
    expect(reset.generation).toBeGreaterThan(1);
    expect(answer(await authorize(SILENT, "common", jar)).error).toBe("login_required");
  });
});

describe("prompt=consent", () => {
  it("always shows the consent page, with the organization checkbox for Global Administrators only", async () => {
    const ada = await (await authorize({ login_hint: "ada@northwood.edu", prompt: "consent" }, TENANTS.northwood)).text();
    expect(ada).toContain("Permissions requested");
    expect(ada).toContain("Consent on behalf of your organization");
    const tomas = await (await authorize({ login_hint: "tomas@northwood.edu", prompt: "consent" }, TENANTS.northwood)).text();
    expect(tomas).toContain("Permissions requested");
    expect(tomas).not.toContain("Consent on behalf of your organization");
    const uma = await (await authorize({ login_hint: "uma@northwood.edu", prompt: "consent" }, TENANTS.northwood)).text();
    expect(uma).not.toContain("Consent on behalf of your organization");
    // A Cloud Application Administrator can consent for the tenant at the admin-consent endpoint, but gets no box here.
    const cleo = await (await authorize({ login_hint: "cleo@riverside-academy.org", prompt: "consent" })).text();
    expect(cleo).toContain("Permissions requested");
    expect(cleo).not.toContain("Consent on behalf of your organization");
  });

  it("records a tenant-wide grant when Accept comes with the box ticked, after which nobody there is asked", async () => {
    const jar = new Jar();
    const scope = "openid profile email User.Read EduRoster.ReadBasic";
    const page = await (await authorize({ login_hint: "gwen@westbrook.edu", prompt: "consent", scope }, TENANTS.westbrook, jar)).text();
    const accepted = answer(await submit(page, { accept: "1", consent_for_org: "1" }, jar));
    expect(accepted.code).toBeTruthy();
    const wes = await tokensFor({ login_hint: "wes@westbrook.edu", scope }, TENANTS.westbrook);
    expect(wes.access.scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
    const tara = await authorize({ login_hint: "tara@westbrook.edu", scope }, TENANTS.westbrook);
    expect(answer(tara).code).toBeTruthy();
  });

  it("records only the person's own consent when Accept comes without the box", async () => {
    const page = await (await authorize({ login_hint: "gwen@westbrook.edu", prompt: "consent" }, TENANTS.westbrook)).text();
    expect(answer(await submit(page, { accept: "1" })).code).toBeTruthy();
    expect(await (await authorize({ login_hint: "tara@westbrook.edu" }, TENANTS.westbrook)).text()).toContain("Permissions requested");
    expect(answer(await authorize({ login_hint: "gwen@westbrook.edu" }, TENANTS.westbrook)).code).toBeTruthy();
  });
});
