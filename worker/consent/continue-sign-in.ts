/**
 * Way (c) of §3.4 interrupts a sign-in to ask for consent. Whatever the consent step
 * ends with, the person who signed in is then signed in, from the claims validated
 * before the interruption (kept sealed in their browser, never in a URL).
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { sha256 } from "../crypto";
import type { PendingSignIn } from "../session/flow-cookie";
import { completeSignIn } from "../enroll/complete";
import { lookUp } from "../sign-in/accounts";
import { deliverFailure } from "../sign-in/deliver";

/** `key` makes the continuation single-use (it is redeemed like a state). */
export async function finishPendingSignIn(c: Context<AppEnv>, pending: PendingSignIn, key: string) {
  const db = c.env.DB;
  const found = await lookUp(db, pending.claims, { stateHash: await sha256(`continue:${key}`), stateExpiresAt: pending.flow.expiresAt });
  if (found.kind === "replayed") {
    return deliverFailure(c, pending.flow, {
      code: "sign_in_replayed",
      message: "This sign-in was already used. Please start again.",
      retryable: true,
    });
  }
  return completeSignIn(c, pending, found);
}
