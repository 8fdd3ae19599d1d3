/**
 * The one mapping from whatever was thrown to the one wire error shape. Details
 * (stacks, provider answers, SQL) are logged here and never sent.
 */
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "../config";
import { AppError, internalError } from "../errors";
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
  if (TRANSIENT_D1.test(String(err))) {
    log.error("database_unavailable", { error: err });
    return new AppError(503, "service_unavailable");
  }
  log.error("unhandled_error", { error: err });
  return internalError();
}

/** D1's transient failures (Cloudflare's retryable D1_ERRORs): worth trying again, not a bug of ours. */
const TRANSIENT_D1 = /Network connection lost|storage caused object to be reset|reset because its code was updated|D1 DB is overloaded/;
