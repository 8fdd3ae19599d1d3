/**
 * The one error shape of the public surface (SPEC §4):
 * `{"error": {"code": "...", "message": "..."}}` with a fitting status.
 * Internal detail (why a token was refused, which SQL failed) goes to logs only.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    /** Logged, never sent to the client. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

export const internalError = () => new AppError(500, "internal_error", "Something went wrong on our side. Please try again in a moment.");
