/** The v2 admin consent endpoint, as the integration set-up meets it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, ROLES, TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, Jar, claimsOf, emulatorClient, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => hook("/_emulator/reset"));
const { adminConsent, authorize, submit, answer, redeem, tokensFor, hook } = emulatorClient(() => emu);

const DEFAULT = "https://graph.microsoft.com/.default";
const ROSTER = "openid profile email User.Read EduRoster.ReadBasic";

async function consentAs(upn: string, tenant: string, jar?: Jar) {
  const page = await (await adminConsent({ login_hint: upn }, tenant, jar)).text();
  return { page, accept: async () => answer(await submit(page, { accept: "1" }, jar)) };
}

describe("an administrator who can consent", () => {
  it("sees which app asks for which permissions, and grants them for the whole tenant", async () => {
    const { page } = await consentAs("gwen@westbrook.edu", "westbrook.edu");
    expect(page).toContain("ThingLink (local)</strong> would like to:");
    for (const text of [
      "Sign in and read user profile",
      "Read a limited subset of users&#39; view of the roster",
      "View users&#39; email address",
    ])
      expect(page).toContain(text);
    expect(page).toContain("Accepting grants these permissions for everyone in your organization.");
    const res = await submit(page, { accept: "1" });
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://127.0.0.1:9999/auth/microsoft/admin-consent/callback");
    expect([...location.searchParams.keys()]).toEqual(["admin_consent", "tenant", "scope", "state"]);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: "True",
      tenant: TENANTS.westbrook,
      scope: DEFAULT,
      state: "cs",
    });
  });

  it("leaves nobody in that tenant to be asked for consent afterwards, EduRoster included", async () => {
    expect(await (await authorize({ login_hint: "wes@westbrook.edu", scope: ROSTER }, TENANTS.westbrook)).text()).toContain(
      "Need admin approval",
    );
    await (await consentAs("gwen@westbrook.edu", TENANTS.westbrook)).accept();
    for (const upn of ["leo@westbrook.edu", "wes@westbrook.edu", "tara@westbrook.edu"]) {
      const { access } = await tokensFor({ login_hint: upn, scope: ROSTER }, TENANTS.westbrook);
      expect(access.scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
    }
    expect(await (await authorize({ login_hint: "saara@northwood.edu" }, TENANTS.northwood)).text()).toContain("Permissions requested");
  });

  it("may be a Cloud Application Administrator, and at organizations the tenant is the admin's own", async () => {
    const back = await (await consentAs("cleo@riverside-academy.org", "organizations")).accept();
    expect(back).toMatchObject({ admin_consent: "True", tenant: TENANTS.riverside });
  });

  it("leaves an emulator session behind, so the proof sign-in can be silent and carries the role", async () => {
    const jar = new Jar();
    await (await consentAs("gwen@westbrook.edu", TENANTS.westbrook, jar)).accept();
    expect(jar.cookie).toMatch(/^ESTSAUTH=/);
    const { code } = answer(await authorize({ prompt: "none", scope: "openid profile email" }, TENANTS.westbrook, jar));
    const id = claimsOf((await (await redeem(code)).json()).id_token);
    expect(id).toMatchObject({ tid: TENANTS.westbrook, preferred_username: "gwen@westbrook.edu" });
    expect(id.wids).toContain(ROLES.globalAdministrator);
  });
});

describe("refusals", () => {
  it.each([
    ["a teacher with no role", "leo@westbrook.edu", TENANTS.westbrook],
    ["a User Administrator", "uma@northwood.edu", TENANTS.northwood],
    ["a guest", "chris@contoso.com", TENANTS.northwood],
  ])("turns away %s with Microsoft's 'Need admin approval', returning AADSTS90094 and no tenant", async (_who, upn, tenant) => {
    const { page } = await consentAs(upn, tenant);
    expect(page).toContain("Need admin approval");
    expect(page).not.toContain("Accept");
    const back = answer(await submit(page, { cancel: "1" }));
    expect(back).toMatchObject({ error: "access_denied", admin_consent: "True", state: "cs" });
    expect(back.error_description).toMatch(/^AADSTS90094: The grant requires admin permission\.\r\n/);
    expect(back.tenant).toBeUndefined();
    // Nothing was granted: Westbrook's students are still asked.
    expect(await (await authorize({ login_hint: "wes@westbrook.edu" }, TENANTS.westbrook)).text()).toContain("Permissions requested");
  });

  it("refuses an Accept posted for someone who may not consent", async () => {
    const { page } = await consentAs("gwen@westbrook.edu", TENANTS.westbrook);
    const forged = await submit(page, { accept: "1", oid: "0a1b2c3d-0005-4000-8000-000000000002" });
    expect(forged.status).toBe(403);
    expect(await (await authorize({ login_hint: "wes@westbrook.edu" }, TENANTS.westbrook)).text()).toContain("Permissions requested");
  });

  it("answers a cancel as v2-admin-consent documents it: consent_required, AADSTS65004, admin_consent=True", async () => {
    const { page } = await consentAs("gwen@westbrook.edu", TENANTS.westbrook);
    const back = answer(await submit(page, { cancel: "1" }));
    expect(back).toMatchObject({
      error: "consent_required",
      admin_consent: "True",
      state: "cs",
      error_uri: "https://login.microsoftonline.com/error?code=65004",
    });
    expect(back.error_description).toMatch(/^AADSTS65004: The resource owner or authorization server denied the request\.\r\nTrace ID: /);
    expect(back.tenant).toBeUndefined();
  });

  it("keeps an account picked from another tenant on its AADSTS50020 page", async () => {
    const picker = await (await adminConsent({}, TENANTS.westbrook)).text();
    const res = await submit(picker, { oid: "0a1b2c3d-0001-4000-8000-000000000001" });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain(
      `AADSTS50020: User account &#39;{EmailHidden}&#39; from identity provider &#39;https://sts.windows.net/${TENANTS.northwood}/&#39; does not exist in tenant &#39;Westbrook High School&#39; and cannot access the application &#39;${DEFAULT_CLIENT.clientId}&#39;(ThingLink (local)) in that tenant.`,
    );
  });

  it("cannot be used at common, as Microsoft's docs warn, and an unknown tenant gets AADSTS90002's page", async () => {
    const back = answer(await adminConsent({}, "common"));
    expect(back).toEqual({
      error: "invalid_request",
      error_description: "The provided request must include a 'response_type' input parameter.",
      state: "cs",
    });
    const unknown = await adminConsent({}, "nosuch.example");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("AADSTS90002");
  });

  it("lists only work and school accounts at organizations", async () => {
    const picker = await (await adminConsent({}, "organizations")).text();
    expect(picker).toContain("Gwen Global");
    expect(picker).not.toContain("Pat Personal");
  });
});
