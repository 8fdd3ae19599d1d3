/**
 * A per-isolate fixed-window limiter keyed by the client IP that Cloudflare reports
 * (CF-Connecting-IP): cheap protection for sign-in starts and hand-off polling.
 * Limits are generous on purpose: a whole school signs in from one NAT address at
 * 8 a.m. Workers' Rate Limiting binding is the production upgrade. Requests without
 * the header come from local development and tests, where there is nothing to limit.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

export function rateLimit(name: string, limit: number, windowMs: number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const ip = c.req.header("cf-connecting-ip");
    if (!ip) return next();
    const now = c.var.now();
    let w = windows.get(ip);
    if (!w || now - w.start >= windowMs) {
      if (windows.size > 50_000) windows.clear();
      w = { start: now, count: 0 };
      windows.set(ip, w);
    }
    if (++w.count > limit) {
      c.header("retry-after", String(Math.ceil((w.start + windowMs - now) / 1000)));
      throw new AppError(429, "rate_limited", `Too many ${name} requests. Please wait a moment and try again.`);
    }
    await next();
  };
}
