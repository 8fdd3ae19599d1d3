/**
 * A flow's secrets (state, nonce, PKCE verifier, where the result goes) live in a
 * sealed, HttpOnly, SameSite=Lax `__Host-` cookie of the browser that started it:
 * the callback only works in that browser, and starting a flow writes nothing to
 * D1. Each flow has its own cookie, named after its state, so a second tab's flow
 * leaves the first one's alone. Sign-in, admin consent and the proof sign-in all
 * travel this way; `kind` says which one a callback is finishing. This module holds
 * what they are and how they are sealed; http/cookies.ts reads and writes them.
 */
import type { IdentityClaims } from "../oidc/id-token";
import type { ConsentRequest } from "../pages/consent-pages";
import type { Lang } from "../pages/strings";
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

/** Where the sign-in result goes. */
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

/** Admin consent: which organization and tenant a consent is for, and who started it. */
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

/** A validated sign-in waiting for the consent step of way (c) to finish, either way. */
export interface PendingSignIn {
  flow: SignInFlow;
  claims: IdentityClaims;
}

/**
 * Enrollment: the silent follow-up authorization at the tenant's authority, for the Graph
 * scope a school's account type needs; the sign-in it belongs to finishes after it.
 */
export interface RosterFlow extends FlowBase {
  kind: "roster";
  nonce: string;
  verifier: string;
  tenantId: string;
  organizationId: string;
  signIn: PendingSignIn;
}

export type Flow = SignInFlow | ConsentFlow | ProofFlow | RosterFlow;

/** The state is random and already travels in the URL, so a piece of it can name the cookie. */
export const flowCookieName = (state: string) => `tl_flow_${state.slice(0, 22)}`;

export const sealFlow = (flow: Flow, secret: string) => seal(flow, secret, "flow");

/**
 * The flow a cookie holds for this `state`: null when it was tampered with, has expired, or
 * belongs to another state.
 */
export async function openFlow(raw: string | undefined, p: { state: string; secret: string; now: number }): Promise<Flow | null> {
  const flow = await unseal<Flow>(raw, p.secret, "flow");
  return flow && flow.state === p.state && flow.expiresAt > p.now ? flow : null;
}

export const isFlowState = (state: string | undefined): state is string => !!state && STATE.test(state);

/**
 * Way (c)'s question (flows/consent/during-sign-in.ts): the validated sign-in and the
 * organizations it may connect, kept in the browser until the person answers.
 */
export interface PendingQuestion extends PendingSignIn {
  id: string;
  candidates: Array<ConsentRequest & { organizationId: string }>;
  expiresAt: number;
}

export const questionCookieName = (id: string) => `tl_pending_${id.slice(0, 22)}`;
export const sealQuestion = (q: PendingQuestion, secret: string) => seal(q, secret, "pending-sign-in");
export const openQuestion = (raw: string | undefined, secret: string) => unseal<PendingQuestion>(raw, secret, "pending-sign-in");
