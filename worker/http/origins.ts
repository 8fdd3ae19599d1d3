/**
 * Which web origins may embed the widget: the worker's own, ALLOWED_ORIGINS, and
 * each organization's embed origins (read from D1 at most once a minute per isolate).
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { selectEmbedOrigins } from "../storage/organizations";

const ORG_ORIGINS_TTL_MS = 60_000;
let orgOrigins: { set: Set<string>; at: number } | null = null;

export function ownOrigin(c: Context<AppEnv>): string {
  return c.var.config.publicUrl ?? new URL(c.req.url).origin;
}

export async function isAllowedOrigin(c: Context<AppEnv>, origin: string | undefined | null): Promise<boolean> {
  if (!origin || origin === "null") return false;
  if (origin === ownOrigin(c) || c.var.config.allowedOrigins.includes(origin)) return true;
  const now = c.var.now();
  if (!orgOrigins || now - orgOrigins.at > ORG_ORIGINS_TTL_MS) {
    const { results } = await selectEmbedOrigins(c.env.DB).all<{ embed_origins: string }>();
    orgOrigins = { set: new Set(results.flatMap((r) => r.embed_origins.split(",").map((s) => s.trim()).filter(Boolean))), at: now };
  }
  return orgOrigins.set.has(origin);
}

/**
 * Whether a request was sent by one of the worker's own pages. Our pages send
 * `Referrer-Policy: no-referrer`, under which browsers put `Origin: null` on form
 * posts; `Sec-Fetch-Site: same-origin` then says the same, and no page can forge it.
 */
export function fromOwnPage(c: Context<AppEnv>): boolean {
  const origin = c.req.header("origin");
  if (origin === ownOrigin(c)) return true;
  return (origin === undefined || origin === "null") && c.req.header("sec-fetch-site") === "same-origin";
}

export type ReturnTo = { url: string; origin: string };

/**
 * `return_to` is a same-origin path or a URL on an allowed origin; anything else
 * (protocol-relative `//evil`, backslashes, javascript:, other hosts) is refused,
 * so the sign-in can never be turned into an open redirect.
 */
export async function parseReturnTo(c: Context<AppEnv>, value: string | undefined): Promise<ReturnTo | null> {
  const own = ownOrigin(c);
  if (!value) return { url: `${own}/`, origin: own };
  if (value.startsWith("/")) {
    if (value.startsWith("//") || value.includes("\\")) return null;
    const url = new URL(value, own);
    return url.origin === own ? { url: url.href, origin: own } : null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  return (await isAllowedOrigin(c, url.origin)) ? { url: url.href, origin: url.origin } : null;
}
