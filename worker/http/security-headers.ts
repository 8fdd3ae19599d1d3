/**
 * The security headers of every answer: Hono's secure-headers with its defaults, less the two
 * that would break this worker, and a Content-Security-Policy whose nonce the worker's pages
 * use for their one script and style (`c.var.secureHeadersNonce`).
 */
import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app-env";

/** Pages post their forms to us, and we redirect on to Microsoft (the authority's origin). */
const forAuthority = (authorityOrigin: string) =>
  secureHeaders({
    // No Cross-Origin-Opener-Policy: the popup's first page needs window.opener (a COOP here
    // would sever it). No Cross-Origin-Resource-Policy: the widget and its answers are read cross-site.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: [NONCE],
      imgSrc: ["'self'", "data:"],
      formAction: ["'self'", authorityOrigin],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  });

// Config is parsed once per isolate, and so the middleware is made once per authority.
const made = new Map<string, MiddlewareHandler>();

export const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) => {
  const authority = c.var.config.authority;
  let middleware = made.get(authority);
  if (!middleware) {
    middleware = forAuthority(new URL(authority).origin);
    made.set(authority, middleware);
  }
  return middleware(c, next);
};
