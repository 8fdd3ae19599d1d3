/** The widget's public events: bubbling, composed, typed. */
export interface SignedInDetail {
  account: { id: string; displayName: string; email: string | null };
  organization: { id: string; slug: string; name: string; kind: string; license: string } | null;
  membership: { role: string; accountType: string; accountTypeSource: string } | null;
  /** ES256 JWT for the embedding page's back-end; audience = this page's origin. */
  assertion: string;
  /**
   * false right after a sign-in; true when an existing session was read again instead: on page
   * load, or when the person's organization changed while the page was open (a request to join
   * was decided), so the page gets the new organization and assertion.
   */
  restored: boolean;
}

export interface ErrorDetail {
  code: string;
  message: string;
}

const init = { bubbles: true, composed: true } as const;

export class SignedInEvent extends CustomEvent<SignedInDetail> {
  constructor(detail: SignedInDetail) {
    super("thinglink-sso-signed-in", { ...init, detail });
  }
}

/**
 * Why the person is signed out: they signed out (here or in another tab of this site), they were
 * removed from their organization, they signed in again in another window of this browser
 * (replaced), or the session expired.
 */
export interface SignedOutDetail {
  reason: "signed_out" | "removed" | "replaced" | "expired";
}

export class SignedOutEvent extends CustomEvent<SignedOutDetail> {
  constructor(detail: SignedOutDetail) {
    super("thinglink-sso-signed-out", { ...init, detail });
  }
}

export class JoinRequestedEvent extends CustomEvent<{ organizationId: string }> {
  constructor(detail: { organizationId: string }) {
    super("thinglink-sso-join-requested", { ...init, detail });
  }
}

export class SsoErrorEvent extends CustomEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super("thinglink-sso-error", { ...init, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    "thinglink-sso-signed-in": SignedInEvent;
    "thinglink-sso-signed-out": SignedOutEvent;
    "thinglink-sso-join-requested": JoinRequestedEvent;
    "thinglink-sso-error": SsoErrorEvent;
  }
}
