/**
 * Rate limits through the Workers Rate Limiting binding (wrangler.toml `[[ratelimits]]`;
 * local workerd simulates it). Keys are chosen so that a whole school behind one NAT
 * address is not locked out at 8 a.m.: sign-in starts and callbacks are counted per
 * client address with a generous limit, a hand-off poll per hand-off (one widget) and,
 * far more generously, per address (a fresh secret per poll is still one client), a
 * join request or an admin's change per account. A 429 says when to come back.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { sha256 } from "../crypto";
import { AppError } from "../errors";
import type { ErrorParams } from "../error-messages";

export type LimiterBinding = "SIGN_IN_LIMITER" | "HANDOFF_LIMITER" | "HANDOFF_ADDRESS_LIMITER" | "JOIN_LIMITER" | "ADMIN_LIMITER";
export type KeyOf = (c: Context<AppEnv>) => string | null | Promise<string | null>;

/** The client address Cloudflare reports; absent only where Cloudflare is not in front (tests). */
export const byClientAddress: KeyOf = (c) => c.req.header("cf-connecting-ip") ?? null;

/** One widget's hand-off: its secret's hash (never the secret itself). */
export const byHandoff: KeyOf = async (c) => {
  const body = (await c.req.json().catch(() => null)) as { secret?: unknown } | null;
  return typeof body?.secret === "string" ? `h:${await sha256(body.secret)}` : byClientAddress(c);
};

/** The signed-in account of an admin route (set by requireOrgAdmin). */
export const byAdmin: KeyOf = (c) => c.var.admin?.actor.view.account.id ?? null;

/**
 * Limits requests by `key` with the named binding, whose own `simple` settings hold
 * the limit and the period (`periodS` is that period, for Retry-After). No binding, no
 * key, or a request `when` leaves out: not limited.
 */
export function rateLimit(
  binding: LimiterBinding,
  what: ErrorParams<"rate_limited">["what"],
  key: KeyOf,
  o: { periodS?: number; when?: (c: Context<AppEnv>) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  const periodS = o.periodS ?? 60;
  return async (c, next) => {
    const limiter = o.when && !o.when(c) ? undefined : c.env[binding];
    const k = limiter ? await key(c) : null;
    if (limiter && k) {
      const { success } = await limiter.limit({ key: `${binding}:${k}` });
      if (!success) {
        c.header("retry-after", String(periodS));
        throw new AppError(429, "rate_limited", { what });
      }
    }
    await next();
  };
}
