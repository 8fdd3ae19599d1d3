/**
 * Proof that a site belongs to an organization (docs/security.md): the site serves the
 * organization's token at /.well-known/thinglink-sso.txt. The worker fetches it over https,
 * follows no redirect (a site could otherwise point at anyone's token), reads at most 4 KB
 * and waits at most 5 s. Which origins may be fetched at all is decided when they are listed
 * (embed-origin.ts: named public sites only, never the worker itself); on Cloudflare a
 * Worker's fetch cannot reach private networks either.
 */
import { base64url, hmacKey } from "../crypto";

export const WELL_KNOWN_PATH = "/.well-known/thinglink-sso.txt";
export const SITE_PROOF_TIMEOUT_MS = 5000;
export const SITE_PROOF_MAX_BYTES = 4096;

export type SiteProofFailure = "unreachable" | "timeout" | "redirected" | "not_found" | "http_error" | "too_large" | "token_missing";
/** Why a site is not proven: its proof failed, or another organization proved it first. Kept on the origin as `code` or `code:status`. */
export type SiteCheckError = SiteProofFailure | "origin_taken";
export type SiteProof = { ok: true } | { ok: false; reason: SiteProofFailure; status?: number };

/**
 * The token an organization's sites serve: an HMAC of its id under a key derived for this
 * purpose alone, so nobody can make one for another organization. (Rotating the worker's
 * signing key changes it; origins already proven stay proven.)
 */
export async function siteToken(secret: string, organizationId: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "site-token"), new TextEncoder().encode(organizationId));
  return `thinglink-sso-site=${base64url(new Uint8Array(mac).slice(0, 24))}`;
}

/** At most `max` bytes of the body; null when there is more. */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

export type SiteFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Fetches the origin's well-known file and looks for the token on a line of its own. */
export async function proveSite(origin: string, token: string, fetcher: SiteFetch = (u, i) => fetch(u, i)): Promise<SiteProof> {
  const signal = AbortSignal.timeout(SITE_PROOF_TIMEOUT_MS);
  try {
    const response = await fetcher(`${origin}${WELL_KNOWN_PATH}`, { redirect: "manual", signal, headers: { accept: "text/plain" } });
    if (response.status >= 300 && response.status < 400) return { ok: false, reason: "redirected", status: response.status };
    if (response.status === 404 || response.status === 410) return { ok: false, reason: "not_found", status: response.status };
    if (response.status !== 200 || !response.body) return { ok: false, reason: "http_error", status: response.status };
    const bytes = await readAtMost(response.body, SITE_PROOF_MAX_BYTES);
    if (!bytes) return { ok: false, reason: "too_large" };
    const lines = new TextDecoder()
      .decode(bytes)
      .split(/\r?\n/)
      .map((line) => line.trim());
    return lines.includes(token) ? { ok: true } : { ok: false, reason: "token_missing" };
  } catch (err) {
    return { ok: false, reason: signal.aborted || (err as Error)?.name === "TimeoutError" ? "timeout" : "unreachable" };
  }
}
