/**
 * The redirect URI: the browser's flow cookie says which flow Microsoft answers.
 * For a sign-in (§3.1): Microsoft's answer, the token exchange, ID token validation,
 * then the account and the hand-off; for the proof sign-in of §3.4, the proof.
 * Every failure becomes a stable code and a human message; nothing is half-written.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { handleProofCallback } from "../consent/callbacks";
import { askDuringSignIn, consentCandidates } from "../consent/during-sign-in";
import { sha256 } from "../crypto";
import { log } from "../log";
import { OidcError } from "../oidc/errors";
import { describeOidcError, type UserFacingError } from "../oidc/microsoft-errors";
import { pageLang } from "../pages/strings";
import { takeFlowCookie, type SignInFlow } from "../session/flow-cookie";
import { completeSignIn } from "../enroll/complete";
import { handleRosterCallback } from "../enroll/roster";
import { identityClaims, lookUp } from "./accounts";
import { deliverFailure } from "./deliver";
import { SignInFailure, claimsFromCallback } from "./exchange";

const FLOW_LOST: UserFacingError = {
  code: "flow_not_found",
  message:
    "This sign-in cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Please start again from the page you came from.",
  retryable: true,
};

const REPLAYED: UserFacingError = {
  code: "sign_in_replayed",
  message: "This sign-in was already used. Please start again.",
  retryable: true,
};

export async function handleCallback(c: Context<AppEnv>) {
  const query = c.req.query();
  const flow = await takeFlowCookie(c, query.state);
  if (flow?.kind === "proof") return handleProofCallback(c, flow, query);
  if (flow?.kind === "roster") return handleRosterCallback(c, flow, query);
  if (!flow || flow.kind !== "sign_in") {
    log.warn("sign_in_refused", { reason: "flow_cookie_missing" });
    return deliverFailure(c, null, FLOW_LOST, pageLang(c));
  }
  try {
    return await signIn(c, flow, query);
  } catch (err) {
    if (err instanceof SignInFailure) {
      log.warn("sign_in_failed", { code: err.error.code, detail: err.logDetail });
      return deliverFailure(c, flow, err.error);
    }
    if (err instanceof OidcError) {
      log.warn("sign_in_failed", { code: err.code, message: err.message, ...err.detail });
      return deliverFailure(c, flow, describeOidcError(err));
    }
    log.error("sign_in_error", { error: err });
    return deliverFailure(c, flow, {
      code: "internal_error",
      message: "Something went wrong on our side while signing you in. Please try again.",
      retryable: true,
    });
  }
}

async function signIn(c: Context<AppEnv>, flow: SignInFlow, query: Record<string, string>) {
  const claims = await claimsFromCallback(c, flow, query);
  const db = c.env.DB;
  const found = await lookUp(db, claims, { stateHash: await sha256(flow.state), stateExpiresAt: flow.expiresAt });
  if (found.kind === "replayed") throw new SignInFailure(REPLAYED, "state already redeemed");
  const candidates = consentCandidates(claims, found.integrations, { now: c.var.now(), existing: found.existing });
  if (candidates.length) return askDuringSignIn(c, flow, claims, candidates, found.existing);
  return completeSignIn(c, { flow, claims: identityClaims(claims) }, found);
}
