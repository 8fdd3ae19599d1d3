/**
 * Standard Webhooks signing: a secret is `whsec_` and base64 of random bytes; a delivery's
 * `webhook-signature` is `v1,` and base64 of HMAC-SHA256 over `id.timestamp.body` with the
 * secret's bytes, one such value per secret that signs (space-separated), so a receiver
 * still verifies while it moves to a rotated secret.
 */
const encoder = new TextEncoder();
const SECRET_PREFIX = "whsec_";

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** A new endpoint secret: 32 random bytes. */
export function newSecret(): string {
  return SECRET_PREFIX + base64(crypto.getRandomValues(new Uint8Array(32)));
}

async function signWith(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64(secret.slice(SECRET_PREFIX.length)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `v1,${base64(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(content))))}`;
}

/** The `webhook-signature` header for one delivery attempt, signed by each of `secrets`. */
export async function signatureHeader(p: { id: string; timestamp: number; body: string; secrets: string[] }): Promise<string> {
  const content = `${p.id}.${p.timestamp}.${p.body}`;
  return (await Promise.all(p.secrets.map((s) => signWith(s, content)))).join(" ");
}
