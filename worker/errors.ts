/**
 * The one error shape of the public surface: `{"error": {"code": "...", "message": "..."}}`
 * with a fitting status. An AppError carries a key of error-messages.ts and its parameters;
 * it is worded at the edge, in the caller's language. Internal detail (why a token was
 * refused, which SQL failed) goes to logs only.
 */
import { codeOf, errorMessage, type ErrorArgs, type ErrorCode, type ErrorKey } from "./error-messages";
import type { Lang } from "./lang";

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

export class AppError<K extends ErrorKey = ErrorKey> extends Error {
  readonly code: ErrorCode;
  readonly args: ErrorArgs<K>;
  /** Logged, never sent to the client. */
  detail?: string;

  constructor(
    readonly status: ErrorStatus,
    readonly key: K,
    ...args: ErrorArgs<K>
  ) {
    // The English words are the message: what logs and stack traces show.
    super(errorMessage("en", key, ...args));
    this.name = "AppError";
    this.code = codeOf(key);
    this.args = args;
  }

  /** Detail for the logs (never sent). */
  withDetail(detail: string): this {
    this.detail = detail;
    return this;
  }

  toJSON() {
    return this.body("en");
  }

  /** The wire body, worded in this language. */
  body(lang: Lang) {
    return { error: { code: this.code, message: errorMessage(lang, this.key, ...this.args) } };
  }
}

export const internalError = () => new AppError(500, "internal_error");

/** D1's transient failures (Cloudflare's retryable D1_ERRORs): worth trying again, not a bug of ours. D1 took the batch back. */
const TRANSIENT_D1 = /Network connection lost|storage caused object to be reset|reset because its code was updated|D1 DB is overloaded/;
export const isTransientD1 = (err: unknown) => TRANSIENT_D1.test(String(err));
