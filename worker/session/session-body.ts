/** The JSON of GET /api/session (and of a collected sign-in): SPEC §4. */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { assertionFor } from "../assertion/assertion";
import { signingKey } from "../assertion/signing-key";
import { isAllowedOrigin, ownOrigin } from "../http/origins";
import type { LiveSession } from "./session-store";

export async function sessionBody(c: Context<AppEnv>, session: LiveSession) {
  const origin = c.req.header("origin");
  const own = ownOrigin(c);
  const audience = origin && (await isAllowedOrigin(c, origin)) ? origin : own;
  const assertion = await assertionFor({
    key: await signingKey(c.var.config),
    issuer: own,
    audience,
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
