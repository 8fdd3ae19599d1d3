/**
 * Protocol failures with a stable `code`. The detail is for logs; what users see
 * is chosen by the route from the code (see microsoft-errors.ts and routes/auth.ts).
 */
export type OidcErrorCode = "discovery_failed" | "provider_unavailable" | "token_request_failed" | "id_token_invalid" | "flow_invalid";

export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    message: string,
    readonly detail: { reason?: string; aadsts?: string; error?: string; status?: number } = {},
  ) {
    super(message);
    this.name = "OidcError";
  }

  /** Microsoft or the network failed in a way that a later retry may fix. */
  get retryable(): boolean {
    return this.code === "provider_unavailable";
  }
}
