/**
 * After a request that may have changed something, the events its change wrote go to the
 * webhook delivery queue, after the answer (waitUntil), so nobody waits for it. Requests that
 * change nothing (sign-in starts, hand-off polls every second and a half) are left out. Whatever this misses
 * (the isolate ended first, the queue refused) the minute cron's sweep hands over.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { log } from "../log";
import { handOverDueEvents } from "../webhooks/hand-over";

/** The redirect URIs are GETs that may sign someone up or activate an integration. */
const CHANGING_GETS = new Set(["/auth/microsoft/callback", "/auth/microsoft/admin-consent/callback"]);
/** Outside the JSON API, only way (c)'s answer and the Global Administrator's link page change anything. */
const CHANGING_PAGES = new Set(["/auth/microsoft/sign-in-consent", "/auth/microsoft/admin-consent/link"]);

function mayChange(method: string, path: string) {
  if (method === "GET" || method === "HEAD") return CHANGING_GETS.has(path);
  if (method === "OPTIONS") return false;
  // Sign-in starts, popup reports, hand-off polls and logout change nothing a host hears of: no hand-over after them.
  return path.startsWith("/api/") || CHANGING_PAGES.has(path);
}

export const handOverEvents: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.env.WEBHOOK_QUEUE || !mayChange(c.req.method, c.req.path)) return;
  const handOver = handOverDueEvents(c.env, c.var.now()).then(
    () => undefined,
    (e: unknown) => log.warn("events_hand_over_failed", { error: String(e) }),
  );
  c.executionCtx.waitUntil(handOver);
};
