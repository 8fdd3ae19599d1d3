/** The emulator behaves like Microsoft's published endpoints, over real HTTP: discovery, keys, tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT, TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, claimsOf, emulatorClient, headerOf, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
const { authorize, answer, redeem, tokensFor, hook } = emulatorClient(() => emu);
const get = (path: string) => fetch(`${emu.url}${path}`);
const codeFor = async (loginHint: string) => answer(await authorize({ login_hint: loginHint })).code;

describe("discovery", () => {
  it("serves the {tenantid} issuer template for common and organizations, a fixed issuer per tenant", async () => {
    const doc = (t: string) => get(`/${t}/v2.0/.well-known/openid-configuration`).then((r) => r.json());
    expect((await doc("common")).issuer).toBe(`${emu.url}/{tenantid}/v2.0`);
    expect((await doc("organizations")).issuer).toBe(`${emu.url}/{tenantid}/v2.0`);
    expect((await doc(TENANTS.northwood)).issuer).toBe(`${emu.url}/${TENANTS.northwood}/v2.0`);
    expect((await doc("common")).id_token_signing_alg_values_supported).toEqual(["RS256"]);
  });

  it("resolves a verified domain to the tenant's own document, issuer with the GUID", async () => {
    for (const [domain, id] of [
      ["northwoodschool.onmicrosoft.com", TENANTS.northwood],
      ["westbrook.edu", TENANTS.westbrook],
      ["CONTOSO.COM", TENANTS.contoso],
    ]) {
      const doc = await (await get(`/${domain}/v2.0/.well-known/openid-configuration`)).json();
      expect(doc.issuer).toBe(`${emu.url}/${id}/v2.0`);
      expect(doc.authorization_endpoint).toBe(`${emu.url}/${domain}/oauth2/v2.0/authorize`);
    }
  });

  it.each(["nosuch.example", "00000000-1111-2222-3333-444444444444"])(
    "answers the unknown tenant %s with invalid_tenant / AADSTS90002, as Microsoft does",
    async (tenant) => {
      const res = await get(`/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe("invalid_tenant");
      expect(body.error_codes).toEqual([90002]);
      expect(body.error_description).toMatch(
        new RegExp(
          `^AADSTS90002: Tenant '${tenant}' not found\\. Check to make sure you have the correct tenant ID and are signing into the correct cloud\\. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant\\.\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
        ),
      );
      expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.error_description).toContain(`Trace ID: ${body.trace_id}`);
      expect(body.error_uri).toBe("https://login.microsoftonline.com/error?code=90002");
    },
  );

  it("shows Microsoft's error page with AADSTS90002 at an unknown tenant's authorize endpoint", async () => {
    const res = await authorize({}, "nosuch.example");
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    expect(html).toContain("Sorry, but we&#39;re having trouble signing you in.");
    expect(html).toContain("AADSTS90002: Tenant &#39;nosuch.example&#39; not found.");
    expect(html).toMatch(/Correlation Id: [0-9a-f-]{36}/);
  });
});

describe("signing keys", () => {
  it("rotates keys, keeping old ones published, each with the issuer template", async () => {
    const before = (await (await get("/common/discovery/v2.0/keys")).json()).keys.length;
    await hook("/_emulator/rotate-keys");
    const after = (await (await get("/common/discovery/v2.0/keys")).json()).keys;
    expect(after.length).toBe(before + 1);
    for (const key of after) expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", issuer: `${emu.url}/{tenantid}/v2.0` });
  });

  it("signs the next ID token with an extra published key bound to one tenant's issuer (keyIssuer hook)", async () => {
    await hook("/_emulator/tamper", { keyIssuer: TENANTS.riverside, user: "sam@northwood.edu" });
    const { id_token } = await tokensFor({ login_hint: "sam@northwood.edu" });
    const keys = (await (await get("/common/discovery/v2.0/keys")).json()).keys;
    const signer = keys.find((k: any) => k.kid === headerOf(id_token).kid);
    expect(signer.issuer).toBe(`${emu.url}/${TENANTS.riverside}/v2.0`);
    expect(claimsOf(id_token).iss).toBe(`${emu.url}/${TENANTS.northwood}/v2.0`);
    expect(keys.filter((k: any) => k.issuer.includes(TENANTS.riverside))).toHaveLength(1);
    // One shot: the next token is signed by the current, template-issuer key again.
    const next = await tokensFor({ login_hint: "sam@northwood.edu" });
    expect(keys.find((k: any) => k.kid === headerOf(next.id_token).kid).issuer).toBe(`${emu.url}/{tenantid}/v2.0`);
  });

  it("answers an unknown tenant's keys with AADSTS90002", async () => {
    expect((await (await get("/nosuch.example/discovery/v2.0/keys")).json()).error_codes).toEqual([90002]);
  });
});

describe("authorize basics", () => {
  it("refuses an unregistered redirect URI with an error page, not a redirect", async () => {
    const res = await authorize({ redirect_uri: "https://evil.example/cb" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("AADSTS50011");
  });

  it("lists the tenant's users and its guests, with COOP, when there is no login_hint", async () => {
    const res = await authorize({}, TENANTS.northwood);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    const html = await res.text();
    const [own, another] = html.split("Use another account");
    expect(own).toContain("Sam Student");
    expect(own).toContain("Chris Employee (guest)<small>chris@contoso.com</small>");
    expect(own).not.toContain("Rita Rector");
    expect(another).toContain("Rita Rector");
    expect(another).toContain("Pat Personal");
    expect(another).not.toContain("Chris Employee");
  });

  it("lists home accounts only at common, with no guest entries and no other-accounts list", async () => {
    const html = await (await authorize({})).text();
    expect(html).toContain("Chris Employee<small>chris@contoso.com</small>");
    expect(html).not.toContain("(guest)");
    expect(html).not.toContain("Use another account");
  });
});

describe("token endpoint", () => {
  it("redeems a code once with client_secret_post, then answers AADSTS54005", async () => {
    const code = await codeFor("sam@northwood.edu");
    const ok = await redeem(code);
    expect(ok.status).toBe(200);
    const claims = claimsOf((await ok.json()).id_token);
    expect(claims).toMatchObject({
      tid: TENANTS.northwood,
      iss: `${emu.url}/${TENANTS.northwood}/v2.0`,
      aud: DEFAULT_CLIENT.clientId,
      nonce: "nn",
      ver: "2.0",
    });
    const again = await (await redeem(code)).json();
    expect(again.error).toBe("invalid_grant");
    expect(again.error_codes).toEqual([54005]);
  });

  it("accepts client_secret_basic", async () => {
    const basic = `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString("base64")}`;
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      redirect_uri: "http://127.0.0.1:9999/auth/microsoft/callback",
      code_verifier: "v".repeat(43),
      code: await codeFor("sam@northwood.edu"),
    });
    const res = await fetch(`${emu.url}/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(200);
  });

  it("checks PKCE and the client secret", async () => {
    const pkce = await (await redeem(await codeFor("sam@northwood.edu"), { code_verifier: "w".repeat(43) })).json();
    expect(pkce.error_codes).toEqual([50148]);
    const secret = await redeem(await codeFor("sam@northwood.edu"), { client_secret: "wrong" });
    expect(secret.status).toBe(401);
    expect((await secret.json()).error_codes).toEqual([7000215]);
  });

  it("expires codes after 10 minutes", async () => {
    const code = await codeFor("sam@northwood.edu");
    const realNow = emu.state.now;
    emu.state.now = () => realNow() + 10 * 60 * 1000 + 1;
    try {
      expect((await (await redeem(code)).json()).error_codes).toEqual([70008]);
    } finally {
      emu.state.now = realNow;
    }
  });
});
