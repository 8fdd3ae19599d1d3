/**
 * The ES256 key for identity assertions: SIGNING_KEY when configured, else one
 * derived with HKDF from the client credential (secret or certificate key), so a
 * deployment with only the §4 variables still works; the key then rotates with it.
 */
import type { Config, SigningJwk } from "../config";
import { base64url, sha256 } from "../crypto";

// PKCS#8 for a P-256 private key without the optional public key; the runtime computes it.
const PKCS8_P256_PREFIX = new Uint8Array([
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
]);

async function derive(secret: string): Promise<SigningJwk> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveBits"]);
  const info = new TextEncoder().encode("thinglink-sso assertion signing key");
  // A 256-bit value is below the P-256 group order except with probability ~2^-32.
  const d = new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info }, material, 256));
  const der = new Uint8Array([...PKCS8_P256_PREFIX, ...d]);
  const key = await crypto.subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
  const jwk = (await crypto.subtle.exportKey("jwk", key)) as JsonWebKey;
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, d: jwk.d ?? base64url(d), kid: `derived-${(await sha256(jwk.x!)).slice(0, 12)}` };
}

const derived = new Map<string, Promise<SigningJwk>>();

export function signingKey(config: Config): Promise<SigningJwk> {
  if (config.signingKey) return Promise.resolve(config.signingKey);
  let key = derived.get(config.keyMaterial);
  if (!key) {
    key = derive(config.keyMaterial);
    derived.set(config.keyMaterial, key);
  }
  return key;
}
