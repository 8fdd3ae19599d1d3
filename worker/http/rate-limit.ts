/**
 * A per-isolate fixed-window limiter keyed by client IP: cheap protection for
 * sign-in starts and hand-off polling. Workers' Rate Limiting binding is the
 * production upgrade; this keeps one abusive client from hammering D1 or Microsoft.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

export function rateLimit(name: string, limit: number, windowMs: number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const ip = c.req.header("cf-connecting-ip") ?? "local";
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
