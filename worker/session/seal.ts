/**
 * Sealed (AES-GCM) values for cookies that must stay client-side, such as the
 * sign-in flow: no D1 write when a flow starts. The key is derived with HKDF from
 * the worker's signing key, so there is one secret to manage.
 */
import { base64url, fromBase64url } from "../crypto";

const keys = new Map<string, Promise<CryptoKey>>();

function sealingKey(secret: string, purpose: string): Promise<CryptoKey> {
  const id = `${purpose}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: new TextEncoder().encode(`thinglink-sso ${purpose}`) },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(id, key);
  }
  return key;
}

export async function seal(value: unknown, secret: string, purpose: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await sealingKey(secret, purpose), data));
  return `${base64url(iv)}.${base64url(cipher)}`;
}

/** The sealed value, or null when it was tampered with, truncated or sealed for another purpose. */
export async function unseal<T>(text: string | undefined, secret: string, purpose: string): Promise<T | null> {
  if (!text) return null;
  const [iv, cipher] = text.split(".");
  if (!iv || !cipher) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64url(iv) },
      await sealingKey(secret, purpose),
      fromBase64url(cipher),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return null;
  }
}
