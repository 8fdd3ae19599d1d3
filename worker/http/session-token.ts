/**
 * Where a session token comes from (the widget's bearer header, or the first-party
 * cookie) and whether the request comes from the site the session belongs to.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./app-env";
import { AppError } from "../errors";
import { loadSession, type LiveSession } from "../session/session-store";
import type { SessionEnd } from "../storage/sessions";
import { log } from "../log";
import { organizationsServedBy, ownOrigin } from "./origins";

export const SESSION_COOKIE = "tl_session";

export function sessionTokenOf(c: Context<AppEnv>): { token: string; via: "bearer" | "cookie" } | null {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) {
    const token = auth.slice(7).trim();
    return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? { token, via: "bearer" } : null;
  }
  const cookie = getCookie(c, SESSION_COOKIE, "host");
  return cookie ? { token: cookie, via: "cookie" } : null;
}

/**
 * The site a request speaks for: its Origin header, or the worker's own origin when
 * there is none (browsers omit Origin on same-origin GETs). A widget session is then
 * honoured only when called from the site that collected it, so a token lifted from
 * one embedding site (by its XSS, say) is worth nothing at any other.
 */
export function requestOrigin(c: Context<AppEnv>): string {
  return c.req.header("origin") ?? ownOrigin(c);
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number) {
  setCookie(c, SESSION_COOKIE, token, {
    prefix: "host",
    httpOnly: true,
    sameSite: "Lax",
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { prefix: "host", path: "/", secure: true });
}

export interface CurrentSession {
  current: ReturnType<typeof sessionTokenOf>;
  session: LiveSession | null;
  /** The token names no live session at all (as opposed to one bound to another site). */
  unknown: boolean;
  /** Why the token's session ended, when it did. */
  ended?: SessionEnd | null;
}

/**
 * The request's live session, honoured only for its own site. D1 is read unless
 * `cached` (GET /api/session alone may answer from the isolate: docs/architecture.md, "Sessions").
 */
export async function currentSession(c: Context<AppEnv>, { cached = false } = {}): Promise<CurrentSession> {
  const current = sessionTokenOf(c);
  if (!current) return { current, session: null, unknown: false };
  const { session, ended } = await loadSession(c.env.DB, current.token, c.var.now(), { cached });
  if (!session) return { current, session: null, unknown: true, ended };
  if (session.origin !== requestOrigin(c)) {
    log.warn("session_origin_mismatch", { sessionOrigin: session.origin, requestOrigin: requestOrigin(c) });
    return { current, session: null, unknown: false };
  }
  if (!(await servesAccount(c, session.origin, session.view.organization?.id))) {
    log.warn("session_origin_not_for_account", { sessionOrigin: session.origin });
    return { current, session: null, unknown: false };
  }
  return { current, session, unknown: false };
}

/**
 * An organization's embed origin serves that organization's people only;
 * the worker's own origin and ALLOWED_ORIGINS serve everyone.
 */
export async function servesAccount(c: Context<AppEnv>, origin: string, organizationId: string | undefined): Promise<boolean> {
  const served = await organizationsServedBy(c, origin);
  return served === null || (!!organizationId && served.has(organizationId));
}

/** For every authenticated route but GET /api/session: a session read from D1 just now, or 401. */
export async function requireSession(c: Context<AppEnv>): Promise<LiveSession> {
  const { session } = await currentSession(c);
  if (!session) throw new AppError(401, "not_signed_in");
  return session;
}
