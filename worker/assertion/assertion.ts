/**
 * Identity assertions: short-lived ES256 JWTs for the embedding page's
 * back-end, verifiable with /.well-known/jwks.json. Cached per session, audience and
 * claims in the isolate, so the warm /api/session path signs rarely, and a changed
 * membership or role is never served from an older assertion.
 */
import { SignJWT, importJWK } from "jose";
import type { PublicJwk, SigningJwk } from "../config";
import type { AccountView } from "../storage/accounts";

export const ASSERTION_LIFETIME_S = 300;
const REUSE_MARGIN_S = 60;
const CACHE_LIMIT = 10_000;

let imported: { jwk: SigningJwk; key: Promise<CryptoKey> } | null = null;

function privateKey(jwk: SigningJwk): Promise<CryptoKey> {
  if (imported?.jwk !== jwk) imported = { jwk, key: importJWK(jwk, "ES256") as Promise<CryptoKey> };
  return imported.key;
}

/** The current key and, during a rotation, the previous ones: public members only. */
export function publicJwks(current: SigningJwk, previous: readonly PublicJwk[] = []) {
  const publish = ({ kty, crv, x, y, kid }: JsonWebKey & { kid: string }) => ({ kty, crv, x, y, kid, alg: "ES256", use: "sig" });
  return { keys: [current, ...previous].map(publish) };
}

/**
 * The claims an assertion carries. `sub` is the account id, the only key a back-end may use.
 * `email` appears only when Microsoft marked it verified (xms_edov): a tenant admin
 * can set a user's mail to anyone's address, and back-ends key on email (nOAuth).
 */
export function assertionClaims(view: AccountView): Record<string, string> {
  const { account, organization, membership } = view;
  const claims: Record<string, string> = { name: account.displayName };
  if (account.email && account.emailVerified) claims.email = account.email;
  if (organization && membership) {
    claims.org = organization.id;
    claims.org_role = membership.role;
    claims.account_type = membership.accountType;
  }
  return claims;
}

export async function signAssertion(p: { key: SigningJwk; issuer: string; audience: string; view: AccountView; now: number }) {
  const iat = Math.floor(p.now / 1000);
  return new SignJWT(assertionClaims(p.view))
    .setProtectedHeader({ alg: "ES256", kid: p.key.kid, typ: "JWT" })
    .setIssuer(p.issuer)
    .setAudience(p.audience)
    .setSubject(p.view.account.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .setJti(crypto.randomUUID())
    .sign(await privateKey(p.key));
}

const cache = new Map<string, { jwt: string; exp: number }>();

/** Reuses an assertion for the same session, audience and claims until a minute before it expires. */
export async function assertionFor(p: Parameters<typeof signAssertion>[0] & { sessionKey: string }) {
  const id = JSON.stringify([p.sessionKey, p.audience, p.key.kid, assertionClaims(p.view)]);
  const hit = cache.get(id);
  const nowS = Math.floor(p.now / 1000);
  if (hit && hit.exp - nowS > REUSE_MARGIN_S) return hit.jwt;
  const jwt = await signAssertion(p);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, { jwt, exp: nowS + ASSERTION_LIFETIME_S });
  return jwt;
}
