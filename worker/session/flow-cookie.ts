/**
 * A flow's secrets (state, nonce, PKCE verifier, where the result goes) live in a
 * sealed, HttpOnly, SameSite=Lax `__Host-` cookie of the browser that started it:
 * the callback only works in that browser, and starting a flow writes nothing to
 * D1. Each flow has its own cookie, named after its state, so a second tab's flow
 * leaves the first one's alone. Sign-in, admin consent and the proof sign-in all
 * travel this way; `kind` says which one a callback is finishing.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import type { Lang } from "../pages/strings";
import type { IdentityClaims } from "../sign-in/accounts";
import type { ConsentMethod } from "../storage/integrations";
import { seal, unseal } from "./seal";

export const FLOW_LIFETIME_MS = 10 * 60 * 1000;
const STATE = /^[A-Za-z0-9_-]{43}$/;

export type FlowMode = "page" | "popup" | "redirect";

interface FlowBase {
  state: string;
  lang: Lang;
  expiresAt: number;
}

/** §3.1: where the sign-in result goes. */
export interface SignInFlow extends FlowBase {
  kind: "sign_in";
  nonce: string;
  verifier: string;
  returnTo: string;
  returnOrigin: string;
  mode: FlowMode;
  /** SHA-256 of the widget's hand-off secret (popup and redirect modes). */
  handoff: string | null;
  tenant: string;
  /** Way (c): the organization this sign-in's Connect activated, for the window to say so. */
  connected?: string;
}

/** §3.4: which organization and tenant a consent is for, and who started it. */
export interface ConsentTarget {
  organizationId: string;
  tenantId: string;
  method: ConsentMethod;
  /** The ThingLink account that started it; null for the Global Administrator's link. */
  actorId: string | null;
}

/** The admin-consent redirect to Microsoft; its answer is never proof on its own. */
export interface ConsentFlow extends FlowBase, ConsentTarget {
  kind: "consent";
  /** Way (c): the sign-in this consent interrupted, delivered once consent and proof are done. */
  signIn?: PendingSignIn;
  /** The administrator's sign-in name, for the proof that follows. */
  loginHint?: string;
}

/** The proof sign-in at the tenant's authority; for way (c) it then finishes the sign-in. */
export interface ProofFlow extends FlowBase, ConsentTarget {
  kind: "proof";
  nonce: string;
  verifier: string;
  /** prompt=none first; the account picker when Microsoft needs interaction. */
  interactive: boolean;
  /** Way (c): the sign-in this proof interrupted, delivered once the proof is done. */
  signIn?: PendingSignIn;
}

/** A validated sign-in waiting for the consent step of §3.4 (c) to finish, either way. */
export interface PendingSignIn {
  flow: SignInFlow;
  claims: IdentityClaims;
}

/**
 * §3.5: the silent follow-up authorization at the tenant's authority, for the Graph
 * scope a school's account type needs; the sign-in it belongs to finishes after it.
 */
export interface RosterFlow extends FlowBase {
  kind: "roster";
  nonce: string;
  verifier: string;
  tenantId: string;
  organizationId: string;
  /** An existing member whose join waits for this reading; null at sign-up. */
  accountId: string | null;
  signIn: PendingSignIn;
}

export type Flow = SignInFlow | ConsentFlow | ProofFlow | RosterFlow;

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
