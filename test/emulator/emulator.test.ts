/** The emulator behaves like Microsoft's published endpoints, over real HTTP. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../emulator/server.mjs";
import { DEFAULT_CLIENT } from "../../emulator/fixture.mjs";

let emu: Awaited<ReturnType<typeof createEmulator>>;
const REDIRECT = "http://127.0.0.1:9999/auth/microsoft/callback";
const NORTHWOOD = "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f";

beforeAll(async () => {
  emu = await createEmulator();
});
afterAll(() => emu.close());

const s256 = (v: string) => createHash("sha256").update(v).digest("base64url");

async function authorize(params: Record<string, string>, tenant = "common") {
  const url = new URL(`${emu.url}/${tenant}/oauth2/v2.0/authorize`);
  const all = { client_id: DEFAULT_CLIENT.clientId, redirect_uri: REDIRECT, response_type: "code", scope: "openid profile User.Read", state: "st", nonce: "nn", ...params };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return fetch(url, { redirect: "manual" });
}

async function codeFor(loginHint: string, verifier = "v".repeat(43)) {
  const res = await authorize({ login_hint: loginHint, code_challenge: s256(verifier), code_challenge_method: "S256" });
  return new URL(res.headers.get("location")!).searchParams.get("code")!;
}

function redeem(body: Record<string, string>, basic = false) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const client: Record<string, string> = basic ? {} : { client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret };
  const form = { grant_type: "authorization_code", redirect_uri: REDIRECT, code_verifier: "v".repeat(43), ...client, ...body };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString("base64")}`;
  return fetch(`${emu.url}/common/oauth2/v2.0/token`, { method: "POST", headers, body: new URLSearchParams(form) });
}

describe("discovery", () => {
  it("serves the {tenantid} issuer template for common and organizations, a fixed issuer per tenant", async () => {
    const get = (t: string) => fetch(`${emu.url}/${t}/v2.0/.well-known/openid-configuration`).then((r) => r.json() as Promise<any>);
    expect((await get("common")).issuer).toBe(`${emu.url}/{tenantid}/v2.0`);
    expect((await get("organizations")).issuer).toBe(`${emu.url}/{tenantid}/v2.0`);
    expect((await get(NORTHWOOD)).issuer).toBe(`${emu.url}/${NORTHWOOD}/v2.0`);
    expect((await get("northwoodschool.onmicrosoft.com")).issuer).toBe(`${emu.url}/${NORTHWOOD}/v2.0`);
    expect((await get("common")).id_token_signing_alg_values_supported).toEqual(["RS256"]);
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const res = await fetch(`${emu.url}/nosuch.example/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toBe("invalid_request");
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'nosuch.example' not found/);
  });

  it("rotates keys, keeping old ones published", async () => {
    const before = ((await (await fetch(`${emu.url}/common/discovery/v2.0/keys`)).json()) as any).keys.length;
    await fetch(`${emu.url}/_emulator/rotate-keys`, { method: "POST" });
    const after = ((await (await fetch(`${emu.url}/common/discovery/v2.0/keys`)).json()) as any).keys;
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  });
});

describe("authorize", () => {
  it("lists the tenant's users, with COOP, when there is no login_hint", async () => {
    const res = await authorize({}, NORTHWOOD);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    const html = await res.text();
    expect(html).toContain("Sam Student");
    expect(html).not.toContain("Chris Employee");
  });

  it("refuses an unregistered redirect URI with an error page, not a redirect", async () => {
    const res = await authorize({ redirect_uri: "https://evil.example/cb" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("AADSTS50011");
  });

  it("asks for consent, with the organization checkbox for admins only", async () => {
    const user = await (await authorize({ login_hint: "saara@northwood.edu" }, NORTHWOOD)).text();
    expect(user).toContain("Permissions requested");
    expect(user).not.toContain("Consent on behalf of your organization");
    const admin = await (await authorize({ login_hint: "ada@northwood.edu", prompt: "consent" }, NORTHWOOD)).text();
    expect(admin).toContain("Consent on behalf of your organization");
  });

  it("tells users who may not consent that they need admin approval", async () => {
    expect(await (await authorize({ login_hint: "felix@fabrikam.com" })).text()).toContain("Need admin approval");
  });
});

describe("token endpoint", () => {
  it("redeems a code once with client_secret_post, then answers AADSTS54005", async () => {
    const code = await codeFor("sam@northwood.edu");
    const ok = await redeem({ code });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as any;
    const claims = JSON.parse(Buffer.from(tokens.id_token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ tid: NORTHWOOD, iss: `${emu.url}/${NORTHWOOD}/v2.0`, aud: DEFAULT_CLIENT.clientId, nonce: "nn", ver: "2.0" });
    const again = (await (await redeem({ code })).json()) as any;
    expect(again.error).toBe("invalid_grant");
    expect(again.error_codes).toEqual([54005]);
  });

  it("accepts client_secret_basic", async () => {
    expect((await redeem({ code: await codeFor("sam@northwood.edu") }, true)).status).toBe(200);
  });

  it("checks PKCE and the client secret", async () => {
    const pkce = (await (await redeem({ code: await codeFor("sam@northwood.edu"), code_verifier: "w".repeat(43) })).json()) as any;
    expect(pkce.error_codes).toEqual([50148]);
    const secret = await redeem({ code: await codeFor("sam@northwood.edu"), client_secret: "wrong" });
    expect(secret.status).toBe(401);
    expect(((await secret.json()) as any).error_codes).toEqual([7000215]);
  });

  it("expires codes after 10 minutes", async () => {
    const code = await codeFor("sam@northwood.edu");
    const realNow = emu.state.now;
    emu.state.now = () => realNow() + 10 * 60 * 1000 + 1;
    try {
      expect(((await (await redeem({ code })).json()) as any).error_codes).toEqual([70008]);
    } finally {
      emu.state.now = realNow;
    }
  });
});

describe("adminconsent and Graph", () => {
  it("grants tenant-wide consent for an admin and reports the tenant", async () => {
    const url = new URL(`${emu.url}/organizations/v2.0/adminconsent`);
    for (const [k, v] of Object.entries({ client_id: DEFAULT_CLIENT.clientId, redirect_uri: "http://127.0.0.1:9999/auth/microsoft/admin-consent/callback", scope: "https://graph.microsoft.com/.default", state: "x", login_hint: "rita@riverside-academy.org" })) url.searchParams.set(k, v);
    const page = await (await fetch(url)).text();
    expect(page).toContain("Accepting grants these permissions for everyone in your organization.");
    const ctx = /name="ctx" value="([^"]+)"/.exec(page)![1];
    const res = await fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ctx, step: "consent", oid: "0a1b2c3d-0002-4000-8000-000000000001", accept: "1" }) });
    const back = new URL(res.headers.get("location")!);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ admin_consent: "True", tenant: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70", state: "x" });
  });

  it("serves /me, and /education/me only for School Data Sync tenants with an EduRoster scope", async () => {
    const res = await authorize({ login_hint: "tomas@northwood.edu", scope: "openid User.Read EduRoster.ReadBasic", code_challenge: s256("v".repeat(43)), code_challenge_method: "S256" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const { access_token } = (await (await redeem({ code })).json()) as any;
    const me = (await (await fetch(`${emu.url}/graph/v1.0/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as any;
    expect(me).toMatchObject({ id: "0a1b2c3d-0001-4000-8000-000000000002", displayName: "Tomás Teacher" });
    const edu = (await (await fetch(`${emu.url}/graph/v1.0/education/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as any;
    expect(edu.primaryRole).toBe("teacher");
    const noToken = await fetch(`${emu.url}/graph/v1.0/me`);
    expect(noToken.status).toBe(401);
  });
});
