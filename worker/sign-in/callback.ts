/**
 * Finishing §3.1 at the redirect URI: the browser's flow cookie, Microsoft's answer,
 * the token exchange, ID token validation, then the account and the hand-off.
 * Every failure becomes a stable code and a human message; nothing is half-written.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { sha256 } from "../crypto";
import { OidcError } from "../oidc/errors";
import { validateIdToken } from "../oidc/id-token";
import { describeMicrosoftError, describeOidcError, type UserFacingError } from "../oidc/microsoft-errors";
import { clientAuthMethod, redeemCode } from "../oidc/token";
import { providers } from "../services";
import { ownOrigin } from "../http/origins";
import { log } from "../log";
import { pageLang } from "../pages/strings";
import { findOrCreateAccount } from "./accounts";
import { takeFlowCookie, type Flow } from "./flow-cookie";
import { deliverFailure, deliverSuccess } from "./deliver";
import { CALLBACK_PATH } from "./start";

export class SignInFailure extends Error {
  constructor(readonly error: UserFacingError, readonly logDetail: string) {
    super(error.message);
  }
}

const FLOW_LOST: UserFacingError = {
  code: "flow_not_found",
  message: "This sign-in cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Please start again from the page you came from.",
  retryable: true,
};

const NOT_VERIFIED: UserFacingError = {
  code: "sign_in_failed",
  message: "We could not verify Microsoft's answer, so you were not signed in. Please try again.",
  retryable: true,
};

export async function handleCallback(c: Context<AppEnv>) {
  const query = c.req.query();
  const flow = await takeFlowCookie(c, query.state);
  if (!flow) {
    log.warn("sign_in_refused", { reason: "flow_cookie_missing" });
    return deliverFailure(c, null, FLOW_LOST, pageLang(c));
  }
  try {
    const outcome = await verify(c, flow, query);
    return await deliverSuccess(c, flow, outcome);
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
    return deliverFailure(c, flow, { code: "internal_error", message: "Something went wrong on our side while signing you in. Please try again.", retryable: true });
  }
}

async function verify(c: Context<AppEnv>, flow: Flow, query: Record<string, string>) {
  if (query.error) {
    throw new SignInFailure(
      describeMicrosoftError({ error: query.error, subcode: query.error_subcode, description: query.error_description }),
      `${query.error}: ${query.error_description ?? ""}`,
    );
  }
  if (!query.code) throw new SignInFailure({ code: "invalid_callback", message: "Microsoft's answer was incomplete. Please try again.", retryable: true }, "no code");
  const { config } = c.var;
  const now = c.var.now();
  const metadata = await providers.discover(config.authority, flow.tenant, now);
  const tokens = await redeemCode(fetch, {
    tokenEndpoint: metadata.token_endpoint,
    authMethod: clientAuthMethod(metadata, config.credential),
    clientId: config.clientId,
    credential: config.credential,
    now,
    code: query.code,
    redirectUri: `${ownOrigin(c)}${CALLBACK_PATH}`,
    verifier: flow.verifier,
  });
  const result = await validateIdToken(
    tokens.id_token,
    { now: Math.floor(now / 1000), clientId: config.clientId, issuer: metadata.issuer, nonce: flow.nonce },
    (kid) => providers.key(metadata.jwks_uri, kid, now),
  );
  if (!result.ok) {
    throw new SignInFailure(NOT_VERIFIED, `${result.reason}: ${result.message}`);
  }
  // RFC 9207 (mix-up defence): an `iss` in the authorization response must name this provider:
  // the token's issuer, or the discovery issuer itself (a multi-tenant template).
  const issOk = query.iss === undefined ? metadata.authorization_response_iss_parameter_supported !== true : query.iss === result.value.iss || query.iss === metadata.issuer;
  if (!issOk) {
    throw new SignInFailure(
      NOT_VERIFIED,
      `authorization response iss "${query.iss ?? "(missing)"}" does not match the ID token issuer "${result.value.iss}"`,
    );
  }
  const outcome = await findOrCreateAccount(c.env.DB, result.value, { stateHash: await sha256(flow.state), stateExpiresAt: flow.expiresAt, now });
  if (outcome.kind === "replayed") {
    throw new SignInFailure({ code: "sign_in_replayed", message: "This sign-in was already used. Please start again.", retryable: true }, "state already redeemed");
  }
  return outcome;
}
