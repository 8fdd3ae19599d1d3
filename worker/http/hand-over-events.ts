/**
 * After a request that may have changed something, the events its change wrote go to the
 * webhook delivery queue, after the answer (waitUntil), so nobody waits for it. Hand-off polls
 * change nothing and come every second and a half: they are left out. Whatever this misses
 * (the isolate ended first, the queue refused) the minute cron's sweep hands over.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { log } from "../log";
import { handOverDueEvents } from "../webhooks/hand-over";

/** The redirect URIs are GETs that may sign someone up or activate an integration. */
const CHANGING_GETS = new Set(["/auth/microsoft/callback", "/auth/microsoft/admin-consent/callback"]);

function mayChange(method: string, path: string) {
  if (method === "GET" || method === "HEAD") return CHANGING_GETS.has(path);
  return method !== "OPTIONS" && path !== "/auth/handoff";
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
