/**
 * ID token validation, as pure functions with an injected clock.
 * Each failure has a stable reason and a precise message; callers log both and
 * show users a generic message.
 */
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { safeEqual } from "../crypto";

export type IdTokenReason =
  | "malformed"
  | "alg_not_allowed"
  | "header_key_not_allowed"
  | "unknown_kid"
  | "signature_invalid"
  | "claim_missing"
  | "issuer_mismatch"
  | "tid_invalid"
  | "audience_mismatch"
  | "expired"
  | "not_yet_valid"
  | "issued_in_future"
  | "nonce_mismatch"
  | "key_issuer_mismatch";

export interface MicrosoftIdClaims {
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nbf?: number;
  tid: string;
  oid: string;
  sub: string;
  nonce: string;
  name?: string;
  email?: string;
  preferred_username?: string;
  /** Entra role template IDs (needs groupMembershipClaims with DirectoryRole). */
  wids?: unknown;
  /** Optional claim: the email's domain owner is verified. */
  xms_edov?: unknown;
  [claim: string]: unknown;
}

/** The claims a sign-in keeps once validated (e.g. across the consent step of way (c)). */
export type IdentityClaims = Pick<MicrosoftIdClaims, "tid" | "oid" | "name" | "email" | "preferred_username" | "xms_edov" | "wids"> & {
  idp?: unknown;
  acct?: unknown;
};

export function identityClaims(c: MicrosoftIdClaims): IdentityClaims {
  return {
    tid: c.tid,
    oid: c.oid,
    name: c.name,
    email: c.email,
    preferred_username: c.preferred_username,
    xms_edov: c.xms_edov,
    wids: c.wids,
    idp: c.idp,
    acct: c.acct,
  };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: IdTokenReason; message: string };

const fail = (reason: IdTokenReason, message: string) => ({ ok: false as const, reason, message });

export interface ClaimRules {
  /** Seconds since the epoch. */
  now: number;
  clientId: string;
  /** The discovery document's issuer, e.g. `https://login.microsoftonline.com/{tenantid}/v2.0`. */
  issuer: string;
  nonce: string;
  /** Seconds of clock skew tolerated on exp, nbf and iat. */
  leeway?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Header parameters that name or carry a key: the key must come from the provider's JWKS, never the token. */
const KEY_BEARING_HEADERS = ["jku", "x5u", "jwk", "x5c"] as const;

/** Step 1: the header alone. RS256 only; no key named by the token. */
export function checkHeader(jwt: string): Validation<{ kid?: string }> {
  if (typeof jwt !== "string" || jwt.split(".").length !== 3) return fail("malformed", "ID token is not a compact JWS");
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return fail("malformed", "ID token header is not valid base64url JSON");
  }
  if (header.alg !== "RS256") return fail("alg_not_allowed", `ID token alg "${String(header.alg)}" is not allowed; only RS256 is accepted`);
  for (const name of KEY_BEARING_HEADERS) {
    if (name in header)
      return fail("header_key_not_allowed", `ID token header parameter "${name}" is not allowed; keys come only from the provider's JWKS`);
  }
  if (header.kid !== undefined && typeof header.kid !== "string") return fail("malformed", "ID token kid is not a string");
  return { ok: true, value: { kid: header.kid } };
}

/** Step 2: the signature, with a key from the JWKS (or none found). */
export async function verifySignature(jwt: string, jwk: JWK | undefined, kid: string | undefined): Promise<Validation<unknown>> {
  if (!jwk) return fail("unknown_kid", `No key with kid "${kid ?? ""}" in the provider's JWKS`);
  try {
    const key = await importJWK({ ...jwk, alg: "RS256" }, "RS256");
    const { payload } = await compactVerify(jwt, key, { algorithms: ["RS256"] });
    return { ok: true, value: JSON.parse(new TextDecoder().decode(payload)) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return fail("signature_invalid", "ID token signature verification failed");
    return fail("malformed", `ID token could not be verified (${code ?? "invalid JWS"})`);
  }
}

/** Step 3: the claims, by every rule of OpenID Connect Core §3.1.3.7 and Microsoft's, including the multi-tenant issuer rule. */
export function checkClaims(payload: unknown, rules: ClaimRules): Validation<MicrosoftIdClaims> {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return fail("malformed", "ID token payload is not a JSON object");
  const c = payload as Record<string, unknown>;
  for (const name of ["iss", "aud", "exp", "iat", "tid", "oid", "sub"] as const) {
    if (c[name] === undefined || c[name] === null || c[name] === "") return fail("claim_missing", `ID token claim "${name}" is missing`);
  }
  for (const name of ["exp", "iat", "nbf"] as const) {
    if (c[name] !== undefined && (typeof c[name] !== "number" || !Number.isFinite(c[name])))
      return fail("malformed", `ID token claim "${name}" is not a number`);
  }
  for (const name of ["iss", "tid", "oid", "sub"] as const) {
    if (typeof c[name] !== "string") return fail("malformed", `ID token claim "${name}" is not a string`);
  }
  const tid = c.tid as string;
  if (!GUID.test(tid)) return fail("tid_invalid", 'ID token claim "tid" is not a GUID');
  const expected = rules.issuer.includes("{tenantid}") ? rules.issuer.replace("{tenantid}", tid) : rules.issuer;
  if (c.iss !== expected)
    return fail("issuer_mismatch", `ID token iss "${String(c.iss)}" does not equal the expected issuer "${expected}"`);

  const aud = c.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(rules.clientId) || audiences.some((a) => typeof a !== "string")) {
    return fail("audience_mismatch", "ID token aud does not contain the client ID");
  }
  if (audiences.length > 1 && c.azp !== rules.clientId)
    return fail("audience_mismatch", "ID token has several audiences and azp is not the client ID");
  if (c.azp !== undefined && c.azp !== rules.clientId) return fail("audience_mismatch", "ID token azp is not the client ID");

  const leeway = rules.leeway ?? 60;
  if ((c.exp as number) <= rules.now - leeway) return fail("expired", "ID token has expired (exp is in the past)");
  if (c.nbf !== undefined && (c.nbf as number) > rules.now + leeway)
    return fail("not_yet_valid", "ID token is not yet valid (nbf is in the future)");
  if ((c.iat as number) > rules.now + leeway) return fail("issued_in_future", "ID token was issued in the future (iat)");

  if (c.nonce === undefined) return fail("claim_missing", 'ID token claim "nonce" is missing');
  if (typeof c.nonce !== "string" || !safeEqual(c.nonce, rules.nonce))
    return fail("nonce_mismatch", "ID token nonce does not match the sign-in request");
  return { ok: true, value: c as MicrosoftIdClaims };
}

/**
 * Step 4: a key that names its issuer may only sign for that issuer. Microsoft's
 * common keys carry the `{tenantid}` template; a key published for one tenant (or
 * one app) must not vouch for a token claiming another (Entra's multi-tenant guidance).
 */
export function checkKeyIssuer(jwk: JWK, claims: MicrosoftIdClaims): Validation<MicrosoftIdClaims> {
  const issuer = (jwk as { issuer?: unknown }).issuer;
  if (issuer === undefined) return { ok: true, value: claims };
  const expected = typeof issuer === "string" ? issuer.replace("{tenantid}", claims.tid) : null;
  if (expected !== claims.iss) {
    return fail(
      "key_issuer_mismatch",
      `The signing key's issuer "${typeof issuer === "string" ? issuer : JSON.stringify(issuer)}" does not match the ID token iss "${claims.iss}"`,
    );
  }
  return { ok: true, value: claims };
}

export type KeyLookup = (kid: string | undefined) => Promise<JWK | undefined>;

/** All four steps. */
export async function validateIdToken(jwt: string, rules: ClaimRules, lookup: KeyLookup): Promise<Validation<MicrosoftIdClaims>> {
  const header = checkHeader(jwt);
  if (!header.ok) return header;
  const jwk = await lookup(header.value.kid);
  const signed = await verifySignature(jwt, jwk, header.value.kid);
  if (!signed.ok) return signed;
  const claims = checkClaims(signed.value, rules);
  return claims.ok ? checkKeyIssuer(jwk!, claims.value) : claims;
}
