/**
 * Which web origins may use the worker from a browser: its own, ALLOWED_ORIGINS,
 * and each organization's proven embed origins — the latter only for that organization
 * (its admin routes) and its people (sessions), and only through the widget. Embed
 * origins are read from D1 at most once a minute per isolate, and at once in the
 * isolate that changed them.
 */
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import type { ReturnTo } from "../flows/core";
import { embedOrganizations, forgetEmbedOrigins, organizationsServedBy as servedBy } from "../integration/site-map";

export function ownOrigin(c: Context<AppEnv>): string {
  return c.var.config.publicUrl ?? new URL(c.req.url).origin;
}

export { forgetEmbedOrigins };

const embedOrganizationsOf = (c: Context<AppEnv>, origin: string) => embedOrganizations(c.env.DB, c.var.now(), origin);

/** The worker's own origin or ALLOWED_ORIGINS: trusted for every organization. */
export function isGloballyAllowed(c: Context<AppEnv>, origin: string | undefined | null): boolean {
  return !!origin && (origin === ownOrigin(c) || c.var.config.allowedOrigins.includes(origin));
}

/**
 * Whether `origin` may call the worker. With `organization` (an id or slug: the
 * admin routes of that organization) an embed origin counts only if that
 * organization lists it; without, any organization's embed origin may run sign-in.
 */
export async function isAllowedOrigin(c: Context<AppEnv>, origin: string | undefined | null, organization?: string): Promise<boolean> {
  if (!origin || origin === "null") return false;
  if (isGloballyAllowed(c, origin)) return true;
  const orgs = await embedOrganizationsOf(c, origin);
  if (!orgs) return false;
  return organization === undefined || orgs.has(organization.toLowerCase());
}

/**
 * For a session bound to an embed origin: the organizations whose people it may
 * serve (null when the origin is trusted globally, so anyone may use it).
 */
export function organizationsServedBy(c: Context<AppEnv>, origin: string): Promise<Set<string> | null> {
  return servedBy(servingContext(c), origin);
}

/** What integration/site-map.ts needs to answer for this request. */
export const servingContext = (c: Context<AppEnv>) => ({
  db: c.env.DB,
  now: c.var.now(),
  globallyAllowed: [ownOrigin(c), ...c.var.config.allowedOrigins],
});

/** The organization an /api/orgs/:ref/... path names, for CORS and CSRF decisions. */
export function organizationOfPath(path: string): string | undefined {
  const match = /^\/api\/orgs\/([^/]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1]; // not percent-encoding anyone made on purpose: it names no organization
  }
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

/**
 * `return_to` is a same-origin path or a URL on an allowed origin; anything else
 * (protocol-relative `//evil`, backslashes, javascript:, other hosts) is refused,
 * so the sign-in can never be turned into an open redirect. A plain link (`widget: false`)
 * returns only to the worker or ALLOWED_ORIGINS; an organization's proven embed origin is
 * reached only through the widget (its popup, which asks the page that opened it, or the
 * fallback that page starts by POST), never by a link anyone can send.
 */
export async function parseReturnTo(
  c: Context<AppEnv>,
  value: string | undefined,
  { widget }: { widget: boolean },
): Promise<ReturnTo | null> {
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
  const allowed = widget ? await isAllowedOrigin(c, url.origin) : isGloballyAllowed(c, url.origin);
  return allowed ? { url: url.href, origin: url.origin } : null;
}
