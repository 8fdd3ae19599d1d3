/**
 * The Global Administrator's link: signed, expiring, naming the
 * organization and the tenant, and carrying the integration's link version, so a new
 * link revokes every older one. Signed with HMAC-SHA256 under a key derived from the
 * worker's own secret for this purpose alone. Pure apart from Web Crypto.
 */
import { base64url, fromBase64url, hmacKey } from "../crypto";

export const CONSENT_LINK_LIFETIME_S = 7 * 24 * 60 * 60;

export interface ConsentLinkClaims {
  /** organization id */
  o: string;
  /** tenant id */
  t: string;
  /** link version */
  v: number;
  /** expiry, seconds since the epoch */
  e: number;
}

const linkKey = (secret: string) => hmacKey(secret, "consent-link");

export async function signConsentLink(claims: ConsentLinkClaims, secret: string): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(claims)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await linkKey(secret), new TextEncoder().encode(payload)));
  return `${payload}.${base64url(mac)}`;
}

export type LinkCheck = { ok: true; claims: ConsentLinkClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

/** Verifies the signature (constant time, by Web Crypto) and the expiry against `now` (ms). */
export async function verifyConsentLink(token: string, secret: string, now: number): Promise<LinkCheck> {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined || token.length > 1024) return { ok: false, reason: "malformed" };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64url(mac);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!(await crypto.subtle.verify("HMAC", await linkKey(secret), signature, new TextEncoder().encode(payload))))
    return { ok: false, reason: "bad_signature" };
  let claims: ConsentLinkClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as ConsentLinkClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims?.o !== "string" || typeof claims.t !== "string" || typeof claims.v !== "number" || typeof claims.e !== "number")
    return { ok: false, reason: "malformed" };
  if (claims.e * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
