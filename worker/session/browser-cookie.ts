/**
 * Which browser a session was signed in with. At every sign-in's callback (a top-level page
 * of the worker's own origin, so first-party even where third-party cookies are blocked) the
 * browser gets a random, HttpOnly `__Host-tl_browser` cookie, and the session keeps its hash.
 * A widget's bearer token can be copied to any page of its site; this cookie cannot leave
 * the browser. "Grant consent now" goes on only in the browser whose cookie matches the
 * asking session (docs/security.md): a page of the attacker's own site, opened by another
 * school's Global Administrator, has the token but not the browser.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { randomToken, sha256 } from "../crypto";

const BROWSER_COOKIE = "tl_browser";
const BROWSER_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60; // the most browsers keep a cookie

/** The hash of this browser's cookie, or null when it has none (another browser, or cleared). */
export async function browserHashOf(c: Context<AppEnv>): Promise<string | null> {
  const value = getCookie(c, BROWSER_COOKIE, "host");
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? sha256(value) : null;
}

/** This browser's cookie hash, making (and setting) the cookie on the way when it has none. */
export async function ensureBrowserCookie(c: Context<AppEnv>): Promise<string> {
  const known = await browserHashOf(c);
  if (known) return known;
  const value = randomToken(32);
  setCookie(c, BROWSER_COOKIE, value, { prefix: "host", httpOnly: true, sameSite: "Lax", maxAge: BROWSER_COOKIE_MAX_AGE_S });
  return sha256(value);
}
