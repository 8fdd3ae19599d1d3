/**
 * The sign-in flow's state, nonce and PKCE verifier live in a sealed, HttpOnly,
 * SameSite=Lax `__Host-` cookie of the browser that started the flow: the callback
 * only works in that browser, and starting a flow writes nothing to D1.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { seal, unseal } from "../session/seal";

const FLOW_COOKIE = "tl_flow";
export const FLOW_LIFETIME_MS = 10 * 60 * 1000;

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
  expiresAt: number;
}

export async function setFlowCookie(c: Context<AppEnv>, flow: Flow) {
  const value = await seal(flow, c.var.config.sealSecret, "flow");
  setCookie(c, FLOW_COOKIE, value, { prefix: "host", httpOnly: true, sameSite: "Lax", maxAge: FLOW_LIFETIME_MS / 1000 });
}

/** Reads and clears the flow cookie: a flow is finished (or abandoned) at its first callback. */
export async function takeFlowCookie(c: Context<AppEnv>): Promise<Flow | null> {
  const raw = getCookie(c, FLOW_COOKIE, "host");
  if (raw) deleteCookie(c, FLOW_COOKIE, { prefix: "host", path: "/", secure: true });
  const flow = await unseal<Flow>(raw, c.var.config.sealSecret, "flow");
  return flow && flow.expiresAt > c.var.now() ? flow : null;
}
