/**
 * Turning what Microsoft sends back (`error`, `error_subcode`, AADSTS codes in
 * `error_description`) into a stable reason a person can act on; its words are in
 * error-messages.ts. The AADSTS code itself goes to the logs, with the request's id.
 */
import type { PlainErrorKey } from "../error-messages";
import type { OidcError } from "./errors";

export interface UserFacingError {
  key: PlainErrorKey;
  retryable: boolean;
}

const BY_AADSTS: Record<string, PlainErrorKey> = {
  "65004": "consent_declined",
  "90094": "admin_approval_required",
  "65001": "admin_approval_required",
  "50020": "account_not_in_tenant",
  "50058": "sign_in_cancelled",
  "700016": "misconfigured",
  "50011": "misconfigured",
  "7000215": "misconfigured",
  "700027": "misconfigured",
  "700024": "misconfigured",
};

export function describeMicrosoftError(p: {
  error?: string | null;
  subcode?: string | null;
  description?: string | null;
}): UserFacingError {
  const aadsts = /AADSTS(\d+)/.exec(p.description ?? "")?.[1];
  if (p.error === "access_denied" && p.subcode === "cancel") return { key: "sign_in_cancelled", retryable: true };
  const known = aadsts ? BY_AADSTS[aadsts] : undefined;
  if (known) return { key: known, retryable: known !== "misconfigured" };
  if (p.error === "temporarily_unavailable" || p.error === "server_error") return { key: "microsoft_unavailable", retryable: true };
  if (p.error === "access_denied") return { key: "access_denied", retryable: true };
  return { key: "microsoft_error", retryable: true };
}

/** The same, for failures talking to the provider (discovery, JWKS, token endpoint). */
export function describeOidcError(err: OidcError): UserFacingError {
  if (err.retryable) return { key: "microsoft_unavailable.no_answer", retryable: true };
  if (err.code === "token_request_failed") {
    return describeMicrosoftError({ error: err.detail.error, description: err.detail.aadsts ? `AADSTS${err.detail.aadsts}` : "" });
  }
  return { key: "sign_in_failed.provider", retryable: true };
}
