/**
 * The sign-in flow's state, nonce and PKCE verifier live in a sealed, HttpOnly,
 * SameSite=Lax `__Host-` cookie of the browser that started the flow: the callback
 * only works in that browser, and starting a flow writes nothing to D1. Each flow
 * has its own cookie, named after its state, so a second tab's sign-in leaves the
 * first one's alone.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import type { Lang } from "../pages/strings";
import { seal, unseal } from "../session/seal";

export const FLOW_LIFETIME_MS = 10 * 60 * 1000;
const STATE = /^[A-Za-z0-9_-]{43}$/;

export type FlowMode = "page" | "popup" | "redirect";

export interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  returnOrigin: string;
  mode: FlowMode;
  /** SHA-256 of the widget's hand-off secret (popup and redirect modes). */
  handoff: string | null;
  tenant: string;
  lang: Lang;
  expiresAt: number;
}

/** The state is random and already travels in the URL, so a piece of it can name the cookie. */
const cookieName = (state: string) => `tl_flow_${state.slice(0, 22)}`;

export async function setFlowCookie(c: Context<AppEnv>, flow: Flow) {
  const value = await seal(flow, c.var.config.sealSecret, "flow");
  setCookie(c, cookieName(flow.state), value, { prefix: "host", httpOnly: true, sameSite: "Lax", maxAge: FLOW_LIFETIME_MS / 1000 });
}

/**
 * Reads and clears the cookie of the flow this `state` names: a flow is finished
 * (or abandoned) at its first callback. null when there is none, it was tampered
 * with, it has expired, or it belongs to another state.
 */
export async function takeFlowCookie(c: Context<AppEnv>, state: string | undefined): Promise<Flow | null> {
  if (!state || !STATE.test(state)) return null;
  const name = cookieName(state);
  const raw = getCookie(c, name, "host");
  if (!raw) return null;
  deleteCookie(c, name, { prefix: "host", path: "/", secure: true });
  const flow = await unseal<Flow>(raw, c.var.config.sealSecret, "flow");
  return flow && flow.state === state && flow.expiresAt > c.var.now() ? flow : null;
}
