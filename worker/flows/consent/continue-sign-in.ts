/**
 * Way (c) of admin consent interrupts a sign-in to ask for consent. Whatever the consent step
 * ends with, the person who signed in is then signed in, from the claims validated before the
 * interruption (kept sealed in their browser, never in a URL).
 */
import { sha256 } from "../../crypto";
import type { PendingSignIn } from "../../session/flow-cookie";
import type { FlowDeps, Outcome } from "../core";
import { completeSignIn } from "../enroll/complete";
import { lookUp } from "../sign-in/accounts";
import { deliverFailure } from "../sign-in/deliver";

/** `key` makes the continuation single-use (it is redeemed like a state). */
export async function finishPendingSignIn(pending: PendingSignIn, key: string, deps: FlowDeps): Promise<Outcome> {
  const found = await lookUp(deps.db, pending.claims, {
    stateHash: await sha256(`continue:${key}`),
    stateExpiresAt: pending.flow.expiresAt,
  });
  if (found.kind === "replayed") {
    return deliverFailure(pending.flow, { key: "sign_in_replayed", retryable: true }, deps);
  }
  return completeSignIn(pending, found, deps);
}
