/** Microsoft identity platform error shapes, with AADSTS codes as Microsoft words them. */
import { randomUUID } from "node:crypto";

const EXTERNAL_USER =
  "The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.";

export const AADSTS = {
  // Discovery's answer as login.microsoftonline.com sends it (azure-cli#22145, windowsupdates-webapplication-sample#6).
  tenantNotFound: [
    90002,
    "invalid_tenant",
    "Tenant '{0}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
  ],
  unknownClient: [700016, "unauthorized_client", "Application with identifier '{0}' was not found in the directory '{1}'."],
  redirectMismatch: [
    50011,
    "invalid_request",
    "The redirect URI '{0}' specified in the request does not match the redirect URIs configured for the application '{1}'.",
  ],
  badClientSecret: [
    7000215,
    "invalid_client",
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
  ],
  clientAuthMissing: [
    7000218,
    "invalid_client",
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  ],
  assertionSignature: [700027, "invalid_client", "Client assertion failed signature validation."],
  assertionTime: [700024, "invalid_client", "Client assertion is not within its valid time range."],
  assertionIssuer: [700021, "invalid_client", "Client assertion application identifier doesn't match 'client_id' parameter."],
  assertionAudience: [70021, "invalid_client", "Client assertion audience claim does not match the token endpoint '{0}'."],
  assertionType: [700232, "invalid_client", "Client assertion type is not supported: '{0}'."],
  missingParameter: [900144, "invalid_request", "The request body must contain the following parameter: '{0}'."],
  codeExpired: [
    70008,
    "invalid_grant",
    "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  ],
  codeRedeemed: [
    54005,
    "invalid_grant",
    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  ],
  codeInvalid: [9002313, "invalid_grant", "Invalid request. Request is malformed or invalid."],
  pkceMismatch: [
    50148,
    "invalid_grant",
    "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
  ],
  pkceMissing: [
    50148,
    "invalid_grant",
    "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
  ],
  unsupportedGrant: [70003, "unsupported_grant_type", "The app requested an unsupported grant type '{0}'."],
  userDeclined: [65004, "access_denied", "User declined to consent to access the app."],
  // The v2 admin-consent endpoint's documented error answer (v2-admin-consent, "Error response").
  adminConsentDeclined: [65004, "consent_required", "The resource owner or authorization server denied the request."],
  adminApprovalRequired: [90094, "access_denied", "The grant requires admin permission."],
  notAdmin: [90094, "access_denied", "The grant requires admin permission."],
  temporarilyUnavailable: [90033, "temporarily_unavailable", "A transient error has occurred. Please try again."],
  pickerCancelled: [50058, "access_denied", "The user has cancelled the sign-in."],
  // Account in another tenant (MicrosoftDocs/azure-docs#114009 shows it at a redirect URI; the address is hidden).
  wrongTenantForUser: [
    50020,
    "access_denied",
    `User account '{EmailHidden}' from identity provider '{0}' does not exist in tenant '{1}' and cannot access the application '{2}'({3}) in that tenant. ${EXTERNAL_USER}`,
  ],
  // prompt=none answers (reference-error-codes; MSAL issues quote the texts).
  loginRequired: [
    50058,
    "login_required",
    "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).",
  ],
  multipleSessions: [
    16000,
    "interaction_required",
    "Either multiple user identities are available for the current request or selected account is not supported for the scenario.",
  ],
  sessionNotInTenant: [
    16000,
    "interaction_required",
    `User account '{EmailHidden}' from identity provider '{0}' does not exist in tenant '{1}' and cannot access the application '{2}'({3}) in that tenant. ${EXTERNAL_USER}`,
  ],
  consentRequired: [
    65001,
    "consent_required",
    "The user or administrator has not consented to use the application with ID '{0}' named '{1}'. Send an interactive authorization request for this user and resource.",
  ],
};

function describe([code, , template], args) {
  return `AADSTS${code}: ${args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), template)}`;
}

/** The JSON error body of the token and discovery endpoints; redirects carry the same fields. */
export function tokenErrorBody(entry, ...args) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error: entry[1],
    // Microsoft separates these trailers with CRLF, in JSON and in redirect query strings alike.
    error_description: `${describe(entry, args)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [entry[0]],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${entry[0]}`,
  };
}

/** Query parameters for an error sent back to the redirect URI. */
export function redirectErrorParams(entry, ...args) {
  const body = tokenErrorBody(entry, ...args);
  return { error: body.error, error_description: body.error_description, error_uri: body.error_uri };
}
