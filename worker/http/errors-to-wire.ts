/**
 * The one mapping from whatever was thrown to the one wire error shape. Details
 * (stacks, provider answers, SQL) are logged here and never sent.
 */
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "../config";
import { AppError, internalError, isTransientD1 } from "../errors";
import { OidcError } from "../oidc/errors";
import { describeOidcError } from "../oidc/microsoft-errors";
import { log } from "../log";

export function toWireError(err: unknown): AppError {
  if (err instanceof AppError) {
    if (err.detail) log.warn("request_refused", { code: err.code, detail: err.detail });
    return err as AppError;
  }
  if (err instanceof ConfigError) {
    log.error("misconfigured", { message: err.message });
    return new AppError(500, "misconfigured.config", { problem: err.message });
  }
  if (err instanceof OidcError) {
    log.warn("identity_provider_error", { code: err.code, message: err.message, ...err.detail });
    return new AppError(err.retryable ? 503 : 502, describeOidcError(err).key);
  }
  if (err instanceof HTTPException && err.status < 500) {
    log.warn("request_refused", { code: "invalid_request", status: err.status, detail: err.message });
    return new AppError(err.status as 400, "invalid_request.http");
  }
  if (isTransientD1(err)) {
    log.error("database_unavailable", { error: err });
    return new AppError(503, "service_unavailable");
  }
  log.error("unhandled_error", { error: err });
  return internalError();
}
