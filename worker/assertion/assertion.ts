/**
 * Identity assertions (SPEC §3.6): short-lived ES256 JWTs for the embedding page's
 * back-end, verifiable with /.well-known/jwks.json. Cached per session and audience
 * in the isolate, so the warm /api/session path signs rarely.
 */
import { SignJWT, importJWK } from "jose";
import type { SigningJwk } from "../config";
import type { AccountView } from "../storage/accounts";

export const ASSERTION_LIFETIME_S = 300;
const REUSE_MARGIN_S = 60;

let signingKey: { kid: string; key: Promise<CryptoKey> } | null = null;

function privateKey(jwk: SigningJwk): Promise<CryptoKey> {
  if (signingKey?.kid !== jwk.kid) signingKey = { kid: jwk.kid, key: importJWK(jwk, "ES256") as Promise<CryptoKey> };
  return signingKey.key;
}

export function publicJwks(jwk: SigningJwk) {
  const { kty, crv, x, y, kid } = jwk as Required<Pick<JsonWebKey, "kty" | "crv" | "x" | "y">> & { kid: string };
  return { keys: [{ kty, crv, x, y, kid, alg: "ES256", use: "sig" }] };
}

export async function signAssertion(p: { key: SigningJwk; issuer: string; audience: string; view: AccountView; now: number }) {
  const iat = Math.floor(p.now / 1000);
  const { account, organization, membership } = p.view;
  return new SignJWT({
    name: account.displayName,
    email: account.email ?? undefined,
    org: organization ? { id: organization.id, slug: organization.slug, name: organization.name } : undefined,
    org_role: membership?.role,
    account_type: membership?.accountType,
  })
    .setProtectedHeader({ alg: "ES256", kid: p.key.kid, typ: "JWT" })
    .setIssuer(p.issuer)
    .setAudience(p.audience)
    .setSubject(account.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .setJti(crypto.randomUUID())
    .sign(await privateKey(p.key));
}

const cache = new Map<string, { jwt: string; exp: number }>();

/** Reuses an assertion for the same session and audience until a minute before it expires. */
export async function assertionFor(p: Parameters<typeof signAssertion>[0] & { sessionKey: string }) {
  const id = `${p.sessionKey} ${p.audience}`;
  const hit = cache.get(id);
  const nowS = Math.floor(p.now / 1000);
  if (hit && hit.exp - nowS > REUSE_MARGIN_S) return hit.jwt;
  const jwt = await signAssertion(p);
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { jwt, exp: nowS + ASSERTION_LIFETIME_S });
  return jwt;
}
