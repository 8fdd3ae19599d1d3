/**
 * Where support may point a webhook endpoint: `https://` anywhere but the worker itself, or
 * plain `http://` to this machine's loopback for development. No credentials in the URL
 * (they would be logged and shown in lists): a receiver authenticates deliveries by signature.
 */
export type EndpointUrlCheck =
  { ok: true; url: string } | { ok: false; reason: "not_a_url" | "scheme" | "credentials" | "self" | "too_long" };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const MAX_LENGTH = 2048;

export function checkEndpointUrl(input: string, ctx: { selfOrigin: string | null }): EndpointUrlCheck {
  if (input.length > MAX_LENGTH) return { ok: false, reason: "too_long" };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: "not_a_url" };
  }
  const loopbackHttp = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp) return { ok: false, reason: "scheme" };
  if (url.username || url.password) return { ok: false, reason: "credentials" };
  if (ctx.selfOrigin && url.origin === ctx.selfOrigin) return { ok: false, reason: "self" };
  url.hash = "";
  return { ok: true, url: url.href };
}
