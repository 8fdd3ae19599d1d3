/** Where a session token comes from: the widget's bearer header, or the first-party cookie. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { loadSession, type LiveSession } from "../session/session-store";

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

/** The request's token and its live session (from the isolate cache when warm; SPEC §6). */
export async function currentSession(c: Context<AppEnv>): Promise<{ current: ReturnType<typeof sessionTokenOf>; session: LiveSession | null }> {
  const current = sessionTokenOf(c);
  const session = current ? await loadSession(c.env.DB, current.token, c.var.now()) : null;
  return { current, session };
}
