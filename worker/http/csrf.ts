/**
 * CSRF protection for every state-changing route. Hono's csrf() checks only
 * form-like content types against a synchronous list; ours must consult the
 * per-organization origins (async) and we want every unsafe method covered:
 * a browser always sends Origin on such requests, so an Origin that is present
 * must be allowed. Requests with no Origin come from non-browser clients, which
 * cannot carry a victim's cookies.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { AppError } from "../errors";
import { isAllowedOrigin, organizationOfPath } from "./origins";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const browser = origin !== undefined || site !== undefined;
    if (browser && !(origin && (await isAllowedOrigin(c, origin, organizationOfPath(c.req.path)))) && site !== "same-origin") {
      throw new AppError(403, "forbidden_origin");
    }
  }
  await next();
};
