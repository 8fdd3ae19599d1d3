/**
 * Rate limits through the Workers Rate Limiting binding (wrangler.toml `[[ratelimits]]`;
 * local workerd simulates it). They count what abuse costs, not what a school does at 8 a.m.
 * behind one NAT address (README, "Rate limits"): a sign-in is counted once, where its flow
 * starts (the popup's first page, which stores nothing, is not counted); a callback that
 * carries its own browser's flow is a sign-in completing and is not counted against its address,
 * only against its flow (a few a minute: a kept flow cookie replayed with made-up codes is refused
 * before Microsoft is asked), while one without (forged, from another browser) is counted per
 * address; a hand-off poll is counted per hand-off
 * (one widget) and, far more generously, per address (a fresh secret per poll is still one
 * client); a join request or an admin's change per account. A 429 says when to come back.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { sha256 } from "../crypto";
import { AppError } from "../errors";
import type { ErrorParams } from "../error-messages";

export type LimiterBinding =
  | "SIGN_IN_LIMITER"
  | "CALLBACK_FAILURE_LIMITER"
  | "FLOW_STATE_LIMITER"
  | "HANDOFF_LIMITER"
  | "HANDOFF_ADDRESS_LIMITER"
  | "JOIN_LIMITER"
  | "ADMIN_LIMITER";
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

type What = ErrorParams<"rate_limited">["what"];

/**
 * Counts this request against the named binding under `key` (whose own `simple` settings hold
 * the limit and the period; `periodS` is that period, for Retry-After): a 429 when it is over.
 * No binding or no key: not counted.
 */
export async function charge(c: Context<AppEnv>, binding: LimiterBinding, what: What, key: KeyOf, periodS = 60) {
  const limiter = c.env[binding];
  const k = limiter ? await key(c) : null;
  if (!limiter || !k) return;
  const { success } = await limiter.limit({ key: `${binding}:${k}` });
  if (!success) {
    c.header("retry-after", String(periodS));
    throw new AppError(429, "rate_limited", { what });
  }
}

/** `charge` as middleware, for every request of a route (or those `when` picks). */
export function rateLimit(
  binding: LimiterBinding,
  what: What,
  key: KeyOf,
  o: { periodS?: number; when?: (c: Context<AppEnv>) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!o.when || o.when(c)) await charge(c, binding, what, key, o.periodS);
    await next();
  };
}
