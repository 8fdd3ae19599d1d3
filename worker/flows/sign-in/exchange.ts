/**
 * Microsoft's answer at the redirect URI, turned into validated ID token claims:
 * its error (if any), the token exchange with PKCE, every ID-token rule (oidc/id-token.ts),
 * and the RFC 9207 `iss` check. Shared by sign-in, the proof sign-in of admin consent and
 * the roster read of enrollment.
 */
import { validateIdToken, type MicrosoftIdClaims } from "../../oidc/id-token";
import { describeMicrosoftError, type UserFacingError } from "../../oidc/microsoft-errors";
import { clientAuthMethod, redeemCode } from "../../oidc/token";
import { providers } from "../../oidc/providers";
import type { FlowDeps } from "../core";

export const CALLBACK_PATH = "/auth/microsoft/callback";

export class SignInFailure extends Error {
  constructor(
    readonly error: UserFacingError,
    readonly logDetail: string,
    readonly microsoftError?: string,
  ) {
    super(error.key);
  }
}

export const NOT_VERIFIED: UserFacingError = { key: "sign_in_failed", retryable: true };

/** What the flow that started this sign-in knows. */
export interface Expected {
  /** The authority segment the flow started at: `common`, or a tenant for the proof sign-in. */
  tenant: string;
  nonce: string;
  verifier: string;
}

export async function claimsFromCallback(expected: Expected, query: Record<string, string>, deps: FlowDeps): Promise<MicrosoftIdClaims> {
  return (await tokensFromCallback(expected, query, deps)).claims;
}

/** The validated claims, and the access token for Graph the same answer carried. */
export async function tokensFromCallback(
  expected: Expected,
  query: Record<string, string>,
  deps: FlowDeps,
): Promise<{ claims: MicrosoftIdClaims; accessToken: string | null }> {
  if (query.error) {
    throw new SignInFailure(
      describeMicrosoftError({ error: query.error, subcode: query.error_subcode, description: query.error_description }),
      `${query.error}: ${query.error_description ?? ""}`,
      query.error,
    );
  }
  if (!query.code) throw new SignInFailure({ key: "invalid_callback", retryable: true }, "no code");
  const { config, now } = deps;
  const metadata = await providers.discover(config.authority, expected.tenant, now);
  const tokens = await redeemCode(fetch, {
    tokenEndpoint: metadata.token_endpoint,
    authMethod: clientAuthMethod(metadata, config.credential),
    clientId: config.clientId,
    credential: config.credential,
    now,
    code: query.code,
    redirectUri: `${deps.ownOrigin}${CALLBACK_PATH}`,
    verifier: expected.verifier,
    timeoutMs: config.providerTimeoutMs,
  });
  const result = await validateIdToken(
    tokens.id_token,
    { now: Math.floor(now / 1000), clientId: config.clientId, issuer: metadata.issuer, nonce: expected.nonce },
    (kid) => providers.key(metadata.jwks_uri, kid, now),
  );
  if (!result.ok) throw new SignInFailure(NOT_VERIFIED, `${result.reason}: ${result.message}`);
  // RFC 9207 (mix-up defence): an `iss` in the authorization response must name this provider:
  // the token's issuer, or the discovery issuer itself (a multi-tenant template).
  const issOk =
    query.iss === undefined
      ? metadata.authorization_response_iss_parameter_supported !== true
      : query.iss === result.value.iss || query.iss === metadata.issuer;
  if (!issOk) {
    throw new SignInFailure(
      NOT_VERIFIED,
      `authorization response iss "${query.iss ?? "(missing)"}" does not match the ID token issuer "${result.value.iss}"`,
    );
  }
  return { claims: result.value, accessToken: typeof tokens.access_token === "string" ? tokens.access_token : null };
}
