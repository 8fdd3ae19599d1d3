/**
 * The redirect URI (`/auth/microsoft/callback`): the browser's flow cookie says which flow
 * Microsoft answers — a sign-in, the proof sign-in of admin consent, or the roster read of
 * enrollment. For a sign-in: Microsoft's answer, the token exchange and every ID-token check,
 * then the account, and either way (c)'s question or the end of the sign-in. Every failure
 * becomes a stable code and a human message; nothing is half-written.
 */
import { sha256 } from "../crypto";
import { isTransientD1 } from "../errors";
import { log } from "../log";
import { OidcError } from "../oidc/errors";
import { identityClaims } from "../oidc/id-token";
import { describeOidcError, type UserFacingError } from "../oidc/microsoft-errors";
import type { Lang } from "../pages/strings";
import type { Flow, SignInFlow } from "../session/flow-cookie";
import { handleProofCallback } from "./consent/callbacks";
import { askDuringSignIn, consentCandidates } from "./consent/during-sign-in";
import type { FlowDeps, Outcome } from "./core";
import { completeSignIn } from "./enroll/complete";
import { handleRosterCallback } from "./enroll/roster";
import { lookUp } from "./sign-in/accounts";
import { deliverFailure } from "./sign-in/deliver";
import { SignInFailure, claimsFromCallback } from "./sign-in/exchange";

const FLOW_LOST: UserFacingError = { key: "flow_not_found", retryable: true };
const REPLAYED: UserFacingError = { key: "sign_in_replayed", retryable: true };

/** `flow`: the one this browser's cookie holds for the answer's `state` (null when none). */
export async function handleCallback(
  p: { query: Record<string, string>; flow: Flow | null; lang: Lang },
  deps: FlowDeps,
): Promise<Outcome> {
  const { query, flow } = p;
  if (flow?.kind === "proof") return handleProofCallback(flow, query, deps);
  if (flow?.kind === "roster") return handleRosterCallback(flow, query, deps);
  if (!flow || flow.kind !== "sign_in") {
    log.warn("sign_in_refused", { reason: "flow_cookie_missing" });
    return deliverFailure(null, FLOW_LOST, deps, p.lang);
  }
  try {
    return await signIn(flow, query, deps);
  } catch (err) {
    if (err instanceof SignInFailure) {
      log.warn("sign_in_failed", { code: err.error.key, detail: err.logDetail });
      return deliverFailure(flow, err.error, deps);
    }
    if (err instanceof OidcError) {
      log.warn("sign_in_failed", { code: err.code, message: err.message, ...err.detail });
      return deliverFailure(flow, describeOidcError(err), deps);
    }
    if (isTransientD1(err)) {
      // D1 took the batch back: nothing was written, and trying again a moment later works.
      log.error("database_unavailable", { error: err });
      return deliverFailure(flow, { key: "service_unavailable", retryable: true }, deps);
    }
    log.error("sign_in_error", { error: err });
    return deliverFailure(flow, { key: "internal_error.sign_in", retryable: true }, deps);
  }
}

async function signIn(flow: SignInFlow, query: Record<string, string>, deps: FlowDeps): Promise<Outcome> {
  const claims = await claimsFromCallback(flow, query, deps);
  const found = await lookUp(deps.db, claims, { stateHash: await sha256(flow.state), stateExpiresAt: flow.expiresAt });
  if (found.kind === "replayed") throw new SignInFailure(REPLAYED, "state already redeemed");
  const candidates = consentCandidates(claims, found.integrations, { now: deps.now, existing: found.existing });
  if (candidates.length) return askDuringSignIn(flow, claims, candidates, found.existing, deps);
  return completeSignIn({ flow, claims: identityClaims(claims) }, found, deps);
}
