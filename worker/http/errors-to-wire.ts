/**
 * The one mapping from whatever was thrown to the wire error of SPEC §4. Details
 * (stacks, provider answers, SQL) are logged here and never sent.
 */
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "../config";
import { AppError, internalError } from "../errors";
import { OidcError } from "../oidc/errors";
import { describeOidcError } from "../oidc/microsoft-errors";

export function toWireError(err: unknown): AppError {
  if (err instanceof AppError) {
    if (err.detail) console.warn(err.code, err.detail);
    return err;
  }
  if (err instanceof ConfigError) {
    console.error(err.message);
    return new AppError(500, "misconfigured", err.message);
  }
  if (err instanceof OidcError) {
    console.warn("identity provider error", { code: err.code, message: err.message, ...err.detail });
    const described = describeOidcError(err);
    return new AppError(err.retryable ? 503 : 502, described.code, described.message);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return new AppError(err.status as 400, "invalid_request", err.message || "Bad request.");
  }
  console.error("unhandled error", err);
  return internalError();
}
