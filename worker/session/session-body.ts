/** The JSON of GET /api/session (and of a collected sign-in): SPEC §4. */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { assertionFor } from "../assertion/assertion";
import { ownOrigin } from "../http/origins";
import type { LiveSession } from "./session-store";

export async function sessionBody(c: Context<AppEnv>, session: LiveSession) {
  // The audience is the one site the session is bound to, never whatever Origin a caller claims.
  const assertion = await assertionFor({
    key: c.var.config.signingKey,
    issuer: ownOrigin(c),
    audience: session.origin,
    view: session.view,
    now: c.var.now(),
    sessionKey: session.tokenHash,
  });
  return {
    ...session.view,
    joinSuggestion: null,
    joinRequest: null,
    expiresAt: new Date(session.expiresAt).toISOString(),
    assertion,
  };
}
