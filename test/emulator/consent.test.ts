/** Scopes and consent at the authorize endpoint, and accounts that do not belong to the tenant asked for. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, emulatorClient, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => hook("/_emulator/reset"));
const { authorize, submit, answer, tokensFor, hook } = emulatorClient(() => emu);

const ROSTER = "openid profile email User.Read EduRoster.ReadBasic";
const DEFAULT = "https://graph.microsoft.com/.default";
const APP = `'${DEFAULT_CLIENT.clientId}'(ThingLink (local))`;

describe("consent pages", () => {
  it("asks a user who has not consented, without the organization checkbox", async () => {
    const html = await (await authorize({ login_hint: "saara@northwood.edu" }, TENANTS.northwood)).text();
    expect(html).toContain("Permissions requested");
    expect(html).toContain("Sign in and read user profile");
    expect(html).not.toContain("Consent on behalf of your organization");
  });

  it("tells users of a tenant that allows no user consent that they need admin approval", async () => {
    const html = await (await authorize({ login_hint: "felix@fabrikam.com" })).text();
    expect(html).toContain("Need admin approval");
    expect(html).toContain("ThingLink (local) needs permission to access resources in your organization that only an admin can grant.");
  });

  it("returns AADSTS65004 (access_denied) when the user cancels the consent page", async () => {
    const page = await (await authorize({ login_hint: "saara@northwood.edu" }, TENANTS.northwood)).text();
    const back = answer(await submit(page, { cancel: "1" }));
    expect(back).toMatchObject({ error: "access_denied", state: "st", error_uri: "https://login.microsoftonline.com/error?code=65004" });
    expect(back.error_description).toMatch(/^AADSTS65004: User declined to consent to access the app\.\r\n/);
    expect(back.admin_consent).toBeUndefined();
  });
});

describe("EduRoster scopes need an administrator", () => {
  it("show a non-admin 'Need admin approval', whose return is AADSTS90094", async () => {
    const page = await (await authorize({ login_hint: "tomas@northwood.edu", scope: ROSTER }, TENANTS.northwood)).text();
    expect(page).toContain("Need admin approval");
    const back = answer(await submit(page, { cancel: "1" }));
    expect(back.error).toBe("access_denied");
    expect(back.error_description).toMatch(/^AADSTS90094: The grant requires admin permission\.\r\n/);
  });

  it("let a consent-capable admin consent, and need nothing from anyone after a tenant-wide grant", async () => {
    const ada = await (await authorize({ login_hint: "ada@northwood.edu", scope: ROSTER }, TENANTS.northwood)).text();
    expect(ada).toContain("Read a limited subset of users&#39; view of the roster");
    expect(ada).toContain("Consent on behalf of your organization");
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.northwood });
    const tomas = await tokensFor({ login_hint: "tomas@northwood.edu", scope: ROSTER }, TENANTS.northwood);
    expect(tomas.access.scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
  });

  it("are not granted to a User Administrator, whose role cannot consent", async () => {
    expect(await (await authorize({ login_hint: "uma@northwood.edu", scope: ROSTER }, TENANTS.northwood)).text()).toContain(
      "Need admin approval",
    );
  });
});

describe("/.default in a sign-in request", () => {
  it("stands for the app's configured permissions: admin approval first, then exactly what was granted", async () => {
    expect(await (await authorize({ login_hint: "tomas@northwood.edu", scope: `openid ${DEFAULT}` }, TENANTS.northwood)).text()).toContain(
      "Need admin approval",
    );
    const adminPage = await (await authorize({ login_hint: "ada@northwood.edu", scope: `openid ${DEFAULT}` }, TENANTS.northwood)).text();
    for (const s of ["User.Read", "EduRoster.ReadBasic", "email"]) expect(adminPage).toContain(`(${s})`);
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.northwood });
    const { access } = await tokensFor({ login_hint: "tomas@northwood.edu", scope: `openid ${DEFAULT}` }, TENANTS.northwood);
    expect(access.scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
  });
});

describe("an account from another tenant at a tenant authority (AADSTS50020)", () => {
  /** Microsoft keeps the person on its own error page: nothing goes back to the app. */
  const expect50020 = async (res: Response, idp: string, tenantName: string) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    expect(html).toContain("Sorry, but we&#39;re having trouble signing you in.");
    const message = `AADSTS50020: User account &#39;{EmailHidden}&#39; from identity provider &#39;${idp}&#39; does not exist in tenant &#39;${tenantName}&#39; and cannot access the application ${APP.replace(/'/g, "&#39;")} in that tenant.`;
    expect(html).toContain(message);
    expect(html).not.toContain("code=");
  };

  it("is refused when hinted", async () => {
    await expect50020(
      await authorize({ login_hint: "rita@riverside-academy.org" }, TENANTS.northwood),
      `https://sts.windows.net/${TENANTS.riverside}/`,
      "Northwood School District",
    );
  });

  it("is refused when picked under 'Use another account'", async () => {
    const picker = await (await authorize({}, "westbrook.edu")).text();
    expect(picker).toContain("Use another account");
    await expect50020(
      await submit(picker, { oid: "0a1b2c3d-0001-4000-8000-000000000001" }),
      `https://sts.windows.net/${TENANTS.northwood}/`,
      "Westbrook High School",
    );
  });

  it("names live.com for a personal account at organizations", async () => {
    await expect50020(await authorize({ login_hint: "pat@outlook.com" }, "organizations"), "live.com", "Microsoft Services");
  });

  it("is not refused at common, nor for a guest the tenant has invited", async () => {
    expect(answer(await authorize({ login_hint: "rita@riverside-academy.org" })).code).toBeTruthy();
    expect(answer(await authorize({ login_hint: "chris@contoso.com" }, TENANTS.northwood)).code).toBeTruthy();
    const picker = await (await authorize({}, TENANTS.northwood)).text();
    expect(answer(await submit(picker, { oid: "0a1b2c3d-0001-4000-8000-0000000000c1" })).code).toBeTruthy();
  });
});
