import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, base64url, exportJWK, generateKeyPair, type JWK } from "jose";
import { checkClaims, validateIdToken, type ClaimRules } from "../../../worker/oidc/id-token";

const CLIENT = "5f0b9a3e-6d2c-4c1e-9a57-2b7f3c1d8e40";
const TID = "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f";
const NOW = 1_800_000_000; // a fixed clock, seconds
const TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
const rules: ClaimRules = { now: NOW, clientId: CLIENT, issuer: TEMPLATE, nonce: "nonce-123" };

let privateKey: CryptoKey;
let publicJwk: JWK;
const lookup = async (kid?: string) => (kid === "k1" ? publicJwk : undefined);

const claims = (over: Record<string, unknown> = {}) => {
  const base: Record<string, unknown> = {
    iss: `https://login.microsoftonline.com/${TID}/v2.0`,
    aud: CLIENT,
    iat: NOW - 10,
    nbf: NOW - 10,
    exp: NOW + 3600,
    tid: TID,
    oid: "0a1b2c3d-0001-4000-8000-000000000003",
    sub: "pairwise-sub",
    nonce: "nonce-123",
    name: "Sam Student",
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
};

const sign = (c: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(c).setProtectedHeader({ alg: "RS256", kid: "k1", ...header }).sign(privateKey);

const b64 = (v: unknown) => base64url.encode(JSON.stringify(v));

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1" };
});

async function expectRefusal(jwt: string, reason: string, message: string | RegExp, r: ClaimRules = rules) {
  const result = await validateIdToken(jwt, r, lookup);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.reason).toBe(reason);
  if (typeof message === "string") expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

describe("validateIdToken", () => {
  it("accepts a valid Microsoft ID token and returns its claims", async () => {
    const result = await validateIdToken(await sign(claims()), rules, lookup);
    expect(result).toMatchObject({ ok: true, value: { tid: TID, oid: "0a1b2c3d-0001-4000-8000-000000000003" } });
  });

  it("accepts exactly the tenant-specific issuer when discovery was tenant-specific", async () => {
    const r = { ...rules, issuer: `https://login.microsoftonline.com/${TID}/v2.0` };
    expect((await validateIdToken(await sign(claims()), r, lookup)).ok).toBe(true);
  });

  it("refuses an iss that does not equal the template with the token's tid", async () => {
    const other = "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70";
    await expectRefusal(
      await sign(claims({ iss: `https://login.microsoftonline.com/${other}/v2.0` })),
      "issuer_mismatch",
      `ID token iss "https://login.microsoftonline.com/${other}/v2.0" does not equal the expected issuer "https://login.microsoftonline.com/${TID}/v2.0"`,
    );
    await expectRefusal(await sign(claims({ iss: "https://evil.example/" + TID + "/v2.0" })), "issuer_mismatch", /does not equal/);
    await expectRefusal(await sign(claims({ iss: `https://login.microsoftonline.com/${TID}/v2.0/` })), "issuer_mismatch", /does not equal/);
  });

  it("refuses a tid that is not a GUID, even when iss matches it", async () => {
    await expectRefusal(
      await sign(claims({ tid: "evil", iss: "https://login.microsoftonline.com/evil/v2.0" })),
      "tid_invalid",
      'ID token claim "tid" is not a GUID',
    );
    await expectRefusal(await sign(claims({ tid: "{tenantid}", iss: TEMPLATE })), "tid_invalid", /not a GUID/);
  });

  it("refuses a wrong or missing aud, and several audiences without azp", async () => {
    await expectRefusal(
      await sign(claims({ aud: "00000000-0000-0000-0000-000000000000" })),
      "audience_mismatch",
      "ID token aud does not contain the client ID",
    );
    await expectRefusal(await sign(claims({ aud: undefined })), "claim_missing", 'ID token claim "aud" is missing');
    await expectRefusal(
      await sign(claims({ aud: [CLIENT, "other"] })),
      "audience_mismatch",
      "ID token has several audiences and azp is not the client ID",
    );
    await expectRefusal(await sign(claims({ azp: "other" })), "audience_mismatch", "ID token azp is not the client ID");
    expect((await validateIdToken(await sign(claims({ aud: [CLIENT, "other"], azp: CLIENT })), rules, lookup)).ok).toBe(true);
  });

  it("refuses an expired token, beyond the leeway only", async () => {
    await expectRefusal(await sign(claims({ exp: NOW - 61 })), "expired", "ID token has expired (exp is in the past)");
    expect((await validateIdToken(await sign(claims({ exp: NOW - 30 })), rules, lookup)).ok).toBe(true);
  });

  it("refuses nbf and iat in the future", async () => {
    await expectRefusal(await sign(claims({ nbf: NOW + 300 })), "not_yet_valid", "ID token is not yet valid (nbf is in the future)");
    await expectRefusal(
      await sign(claims({ iat: NOW + 300, nbf: undefined })),
      "issued_in_future",
      "ID token was issued in the future (iat)",
    );
  });

  it("refuses a wrong or missing nonce", async () => {
    await expectRefusal(await sign(claims({ nonce: "another" })), "nonce_mismatch", "ID token nonce does not match the sign-in request");
    await expectRefusal(await sign(claims({ nonce: undefined })), "claim_missing", 'ID token claim "nonce" is missing');
  });

  it("refuses alg none", async () => {
    await expectRefusal(
      `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`,
      "alg_not_allowed",
      'ID token alg "none" is not allowed; only RS256 is accepted',
    );
  });

  it("refuses HS256, including an HMAC keyed with the RSA public key", async () => {
    const key = new TextEncoder().encode(publicJwk.n);
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: "k1" }).sign(key);
    await expectRefusal(hs, "alg_not_allowed", 'ID token alg "HS256" is not allowed; only RS256 is accepted');
  });

  it("refuses a token whose signature has one flipped byte", async () => {
    const [h, p, s] = (await sign(claims())).split(".");
    const bytes = base64url.decode(s);
    bytes[20] ^= 0x01;
    await expectRefusal(`${h}.${p}.${base64url.encode(bytes)}`, "signature_invalid", "ID token signature verification failed");
  });

  it("refuses a token whose payload was edited after signing", async () => {
    const [h, , s] = (await sign(claims())).split(".");
    await expectRefusal(`${h}.${b64(claims({ oid: "someone-else" }))}.${s}`, "signature_invalid", "ID token signature verification failed");
  });

  it.each(["jku", "x5u", "jwk", "x5c"])("never takes a key named by the %s header", async (name) => {
    await expectRefusal(
      await sign(claims(), { [name]: name === "jwk" ? publicJwk : "https://evil.example/keys" }),
      "header_key_not_allowed",
      `ID token header parameter "${name}" is not allowed; keys come only from the provider's JWKS`,
    );
  });

  it("refuses a kid the JWKS does not have", async () => {
    await expectRefusal(await sign(claims(), { kid: "k2" }), "unknown_kid", 'No key with kid "k2" in the provider\'s JWKS');
  });

  it("refuses garbage", async () => {
    await expectRefusal("not-a-jwt", "malformed", "ID token is not a compact JWS");
    await expectRefusal("a.b.c", "malformed", "ID token header is not valid base64url JSON");
  });
});

describe("checkClaims", () => {
  it("requires oid and sub", () => {
    expect(checkClaims(claims({ oid: undefined }), rules)).toEqual({
      ok: false,
      reason: "claim_missing",
      message: 'ID token claim "oid" is missing',
    });
    expect(checkClaims(claims({ sub: undefined }), rules)).toEqual({
      ok: false,
      reason: "claim_missing",
      message: 'ID token claim "sub" is missing',
    });
  });
  it("refuses non-numeric times", () => {
    expect(checkClaims(claims({ exp: "later" }), rules)).toEqual({
      ok: false,
      reason: "malformed",
      message: 'ID token claim "exp" is not a number',
    });
  });
});

describe("checkKeyIssuer (a key that names its issuer signs only for it)", () => {
  const valid = claims() as never;
  it("accepts a key without an issuer, and the common template with the token's tid", async () => {
    const { checkKeyIssuer } = await import("../../../worker/oidc/id-token");
    expect(checkKeyIssuer({ kty: "RSA" }, valid).ok).toBe(true);
    expect(checkKeyIssuer({ kty: "RSA", issuer: TEMPLATE } as JWK, valid).ok).toBe(true);
    expect(checkKeyIssuer({ kty: "RSA", issuer: `https://login.microsoftonline.com/${TID}/v2.0` } as JWK, valid).ok).toBe(true);
  });

  it("refuses a key published for another tenant, or with a non-string issuer", async () => {
    const { checkKeyIssuer } = await import("../../../worker/oidc/id-token");
    const other = "https://login.microsoftonline.com/7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70/v2.0";
    expect(checkKeyIssuer({ kty: "RSA", issuer: other } as JWK, valid)).toEqual({
      ok: false,
      reason: "key_issuer_mismatch",
      message: `The signing key's issuer "${other}" does not match the ID token iss "https://login.microsoftonline.com/${TID}/v2.0"`,
    });
    expect(checkKeyIssuer({ kty: "RSA", issuer: 42 } as unknown as JWK, valid).ok).toBe(false);
  });

  it("is applied by validateIdToken after the signature and claims", async () => {
    const tenantKey = { ...publicJwk, issuer: "https://login.microsoftonline.com/7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70/v2.0" } as JWK;
    const result = await validateIdToken(await sign(claims()), rules, async () => tenantKey);
    expect(result).toMatchObject({ ok: false, reason: "key_issuer_mismatch" });
  });
});
