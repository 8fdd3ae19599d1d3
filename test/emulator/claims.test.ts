/** What Microsoft puts in ID and access tokens for the fixture's people: roles, mail verification, guests. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, ROLES, TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, emulatorClient, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
afterEach(() => hook("/_emulator/client/reset"));
const { tokensFor, hook } = emulatorClient(() => emu);

const CHRIS_HOME = "0a1b2c3d-0003-4000-8000-000000000002";
const CHRIS_AT_NORTHWOOD = "0a1b2c3d-0001-4000-8000-0000000000c1";

describe("fixture constants", () => {
  it("keep the tenant GUIDs and role template IDs the product names", () => {
    expect(TENANTS).toMatchObject({
      northwood: "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
      riverside: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70",
      contoso: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
      westbrook: "a1e2f3a4-6f70-4182-8db4-5e6f708192a3",
    });
    expect(ROLES.globalAdministrator).toBe("62e90394-69f5-4237-9190-012177145e10");
    expect(ROLES.cloudApplicationAdministrator).toBe("158c047a-c907-4556-b7ef-446551a6b5f7");
  });

  it("list Westbrook High School with School Data Sync and its four people", async () => {
    const tenants = (await (await fetch(`${emu.url}/_emulator/tenants`)).json()) as any[];
    const westbrook = tenants.find((t) => t.id === TENANTS.westbrook);
    expect(westbrook).toMatchObject({
      name: "Westbrook High School",
      domains: ["westbrook.edu", "westbrookhigh.onmicrosoft.com"],
      education: true,
      sds: true,
    });
    expect(westbrook.users.map((u: any) => u.name)).toEqual(["Gwen Global", "Leo Librarian", "Wes Student", "Tara Teacher"]);
  });
});

describe("wids (directory roles)", () => {
  it.each([
    ["ada@northwood.edu", [ROLES.globalAdministrator, ROLES.member]],
    ["uma@northwood.edu", [ROLES.userAdministrator, ROLES.member]],
    ["cleo@riverside-academy.org", [ROLES.cloudApplicationAdministrator, ROLES.member]],
    ["carla@contoso.com", [ROLES.globalAdministrator, ROLES.member]],
    ["sam@northwood.edu", [ROLES.member]],
  ])("%s carries the role template IDs Microsoft sends", async (upn, wids) => {
    const { id, access } = await tokensFor({ login_hint: upn });
    expect(id.wids).toEqual(wids);
    expect(access.wids).toEqual(wids);
  });

  it("carries Gwen Global's Global Administrator role at Westbrook", async () => {
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.westbrook });
    expect((await tokensFor({ login_hint: "gwen@westbrook.edu" })).id.wids).toEqual([ROLES.globalAdministrator, ROLES.member]);
  });

  it("leaves wids out of the ID token when the registration's groupMembershipClaims does not ask for them", async () => {
    const settings = await hook("/_emulator/client", { groupMembershipClaims: "None" });
    expect(settings).toMatchObject({ clientId: DEFAULT_CLIENT.clientId, groupMembershipClaims: "None" });
    const { id, access } = await tokensFor({ login_hint: "ada@northwood.edu" });
    expect(id.wids).toBeUndefined();
    expect(access.wids).toEqual([ROLES.globalAdministrator, ROLES.member]);
    await hook("/_emulator/client", { groupMembershipClaims: "All" });
    expect((await tokensFor({ login_hint: "ada@northwood.edu" })).id.wids).toContain(ROLES.globalAdministrator);
    await hook("/_emulator/client/reset");
    expect(emu.state.clients[0].groupMembershipClaims).toBe("DirectoryRole");
    expect(DEFAULT_CLIENT.groupMembershipClaims).toBe("DirectoryRole");
  });

  it("is not sent for personal Microsoft accounts", async () => {
    const { id } = await tokensFor({ login_hint: "pat@outlook.com" });
    expect(id.wids).toBeUndefined();
    expect(id.acct).toBeUndefined();
  });
});

describe("xms_edov (email domain owner verified)", () => {
  it("is true when the mail is at one of the tenant's verified domains", async () => {
    const { id } = await tokensFor({ login_hint: "ada@northwood.edu" });
    expect(id).toMatchObject({ email: "ada@northwood.edu", xms_edov: true });
  });

  it("is false for a mail a tenant admin set to another organization's domain", async () => {
    const { id } = await tokensFor({ login_hint: "mallory@contoso.com" });
    expect(id).toMatchObject({
      preferred_username: "mallory@contoso.com",
      email: "ceo@fabrikam.com",
      xms_edov: false,
      tid: TENANTS.contoso,
    });
  });

  it("is absent with no mail, and when the registration does not ask for it", async () => {
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.northwood });
    const saara = (await tokensFor({ login_hint: "saara@northwood.edu" })).id;
    expect(saara.email).toBeUndefined();
    expect("xms_edov" in saara).toBe(false);
    await hook("/_emulator/client", { optionalClaims: { idToken: [], accessToken: [] } });
    const ada = (await tokensFor({ login_hint: "ada@northwood.edu" })).id;
    expect(ada.email).toBe("ada@northwood.edu");
    expect("xms_edov" in ada).toBe(false);
    expect("acct" in ada).toBe(false);
  });
});

describe("guests (B2B)", () => {
  const guestClaims = (id: Record<string, any>) => {
    expect(id).toMatchObject({
      tid: TENANTS.northwood,
      iss: `${emu.url}/${TENANTS.northwood}/v2.0`,
      oid: CHRIS_AT_NORTHWOOD,
      idp: `https://sts.windows.net/${TENANTS.contoso}/`,
      acct: 1,
      email: "chris@contoso.com",
      preferred_username: "chris@contoso.com",
      xms_edov: true,
      wids: [ROLES.guestUser],
    });
  };

  it("get their guest object's token at the inviting tenant's authority", async () => {
    guestClaims((await tokensFor({ login_hint: "chris@contoso.com" }, TENANTS.northwood)).id);
    guestClaims((await tokensFor({ login_hint: "chris@contoso.com" }, "northwood.edu")).id);
  });

  it("get it at common when domain_hint names the inviting tenant", async () => {
    guestClaims((await tokensFor({ login_hint: "chris@contoso.com", domain_hint: "northwood.edu" })).id);
  });

  it("sign in as their home identity at common without a tenant hint", async () => {
    const { id } = await tokensFor({ login_hint: "chris@contoso.com" });
    expect(id).toMatchObject({ tid: TENANTS.contoso, oid: CHRIS_HOME, acct: 0, iss: `${emu.url}/${TENANTS.contoso}/v2.0` });
    expect(id.idp).toBeUndefined();
    expect(id.wids).toEqual([ROLES.member]);
  });
});

describe("access tokens", () => {
  beforeAll(() => hook("/_emulator/reset"));
  it("carry scp with the granted Graph scopes (tenant-wide grants included), never the OpenID ones", async () => {
    const before = await tokensFor({ login_hint: "tomas@northwood.edu", scope: "openid profile email User.Read" });
    expect(before.access.scp).toBe("User.Read");
    expect(before.scope).toBe("openid profile email User.Read");
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.northwood });
    const after = await tokensFor({ login_hint: "tomas@northwood.edu", scope: "openid profile email User.Read" });
    expect(after.access.scp.split(" ").sort()).toEqual(["EduRoster.ReadBasic", "User.Read"]);
    expect(after.access).toMatchObject({
      aud: "00000003-0000-0000-c000-000000000000",
      tid: TENANTS.northwood,
      appid: DEFAULT_CLIENT.clientId,
    });
  });
});
