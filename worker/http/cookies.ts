/**
 * The worker's own cookies, read and written for the flows (flows/core.ts): each flow's sealed
 * cookie, way (c)'s question, and the browser cookie. All are `__Host-`, HttpOnly, SameSite=Lax.
 *
 * The browser cookie says which browser a session was signed in with. At every sign-in's
 * callback (a top-level page of the worker's own origin, so first-party even where third-party
 * cookies are blocked) the browser gets a random `__Host-tl_browser` cookie, and the session
 * keeps its hash. A widget's bearer token can be copied to any page of its site; this cookie
 * cannot leave the browser, so "Grant consent now" goes on only where it matches the asking
 * session (docs/security.md).
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./app-env";
import { randomToken, sha256 } from "../crypto";
import {
  FLOW_LIFETIME_MS,
  flowCookieName,
  isFlowState,
  openFlow,
  openQuestion,
  questionCookieName,
  sealFlow,
  sealQuestion,
  type Flow,
  type PendingQuestion,
} from "../session/flow-cookie";

const FLOW_COOKIE = { prefix: "host", httpOnly: true, sameSite: "Lax", maxAge: FLOW_LIFETIME_MS / 1000 } as const;

export async function setFlowCookie(c: Context<AppEnv>, flow: Flow) {
  setCookie(c, flowCookieName(flow.state), await sealFlow(flow, c.var.config.sealSecret), FLOW_COOKIE);
}

/**
 * Reads and clears the cookie of the flow this `state` names: a flow is finished (or
 * abandoned) at its first callback. null when there is none or it is not valid.
 */
export async function takeFlowCookie(c: Context<AppEnv>, state: string | undefined): Promise<Flow | null> {
  if (!isFlowState(state)) return null;
  const name = flowCookieName(state);
  const raw = getCookie(c, name, "host");
  if (!raw) return null;
  deleteCookie(c, name, { prefix: "host", path: "/", secure: true });
  return openFlow(raw, { state, secret: c.var.config.sealSecret, now: c.var.now() });
}

export async function setQuestionCookie(c: Context<AppEnv>, question: PendingQuestion) {
  setCookie(c, questionCookieName(question.id), await sealQuestion(question, c.var.config.sealSecret), FLOW_COOKIE);
}

/** Reads and clears way (c)'s question `id`; null when this browser has no such (live) question. */
export async function takeQuestionCookie(c: Context<AppEnv>, id: string): Promise<PendingQuestion | null> {
  const name = questionCookieName(id);
  const raw = getCookie(c, name, "host");
  deleteCookie(c, name, { prefix: "host", path: "/", secure: true });
  const question = await openQuestion(raw, c.var.config.sealSecret);
  return question && question.id === id && question.expiresAt > c.var.now() ? question : null;
}

const BROWSER_COOKIE = "tl_browser";
const BROWSER_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60; // the longest browsers keep a cookie

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
