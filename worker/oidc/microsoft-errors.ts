/**
 * Turning what Microsoft sends back (`error`, `error_subcode`, AADSTS codes in
 * `error_description`) into a stable code and a message a person can act on.
 */
import type { OidcError } from "./errors";

export interface UserFacingError {
  code: string;
  message: string;
  retryable: boolean;
}

const MISCONFIGURED = {
  code: "misconfigured",
  message: "ThingLink's Microsoft sign-in is not set up correctly. Please contact ThingLink support.",
};
const ADMIN_APPROVAL = {
  code: "admin_approval_required",
  message:
    "Your organization needs an administrator to approve ThingLink before you can sign in. Ask your IT administrator to grant consent, then try again.",
};

const BY_AADSTS: Record<string, Omit<UserFacingError, "retryable">> = {
  "65004": {
    code: "consent_declined",
    message: "You declined the permissions ThingLink asked for, so signing in did not finish. Try again and choose Accept to continue.",
  },
  "90094": ADMIN_APPROVAL,
  "65001": ADMIN_APPROVAL,
  "50020": {
    code: "account_not_in_tenant",
    message:
      "This Microsoft account does not belong to the organization you tried to sign in to. Sign in with your school or work account.",
  },
  "50058": { code: "sign_in_cancelled", message: "Signing in with Microsoft was cancelled." },
  "700016": MISCONFIGURED,
  "50011": MISCONFIGURED,
  "7000215": MISCONFIGURED,
  "700027": MISCONFIGURED,
  "700024": MISCONFIGURED,
};

export function describeMicrosoftError(p: {
  error?: string | null;
  subcode?: string | null;
  description?: string | null;
}): UserFacingError {
  const aadsts = /AADSTS(\d+)/.exec(p.description ?? "")?.[1];
  if (p.error === "access_denied" && p.subcode === "cancel") {
    return { code: "sign_in_cancelled", message: "Signing in with Microsoft was cancelled.", retryable: true };
  }
  if (aadsts && BY_AADSTS[aadsts]) return { ...BY_AADSTS[aadsts], retryable: BY_AADSTS[aadsts].code !== "misconfigured" };
  if (p.error === "temporarily_unavailable" || p.error === "server_error") {
    return {
      code: "microsoft_unavailable",
      message: "Microsoft sign-in is having trouble right now. Please try again in a minute.",
      retryable: true,
    };
  }
  if (p.error === "access_denied") {
    return {
      code: "access_denied",
      message: "Microsoft did not let this sign-in through. Try again, or ask your IT administrator.",
      retryable: true,
    };
  }
  return {
    code: "microsoft_error",
    message: `Microsoft could not sign you in${aadsts ? ` (error AADSTS${aadsts})` : ""}. Please try again.`,
    retryable: true,
  };
}

/** The same, for failures talking to the provider (discovery, JWKS, token endpoint). */
export function describeOidcError(err: OidcError): UserFacingError {
  if (err.retryable) {
    return {
      code: "microsoft_unavailable",
      message: "Microsoft sign-in is not answering right now. Please try again in a minute.",
      retryable: true,
    };
  }
  if (err.code === "token_request_failed") {
    return describeMicrosoftError({ error: err.detail.error, description: err.detail.aadsts ? `AADSTS${err.detail.aadsts}` : "" });
  }
  return { code: "sign_in_failed", message: "Microsoft sign-in could not be completed. Please try again.", retryable: true };
}
