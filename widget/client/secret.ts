/**
 * A one-time secret and its SHA-256 (the challenge). The widget keeps the secret; the worker
 * learns the challenge first, and later only the holder of the secret can go on — how a sign-in
 * hand-off and a "Grant consent now" ticket are bound to this browser.
 */
function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function newSecret(): Promise<{ secret: string; challenge: string }> {
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))));
  return { secret, challenge };
}
