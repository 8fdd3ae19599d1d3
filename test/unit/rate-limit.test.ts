import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/app-env";
import { AppError } from "../../worker/errors";
import { rateLimit } from "../../worker/http/rate-limit";

function app(clock: { now: number }) {
  const a = new Hono<AppEnv>();
  a.use(async (c, next) => {
    c.set("now", () => clock.now);
    await next();
  });
  a.get("/", rateLimit("test", 2, 60_000), (c) => c.text("ok"));
  a.onError((err, c) => (err instanceof AppError ? c.json(err.toJSON(), err.status) : c.text("boom", 500)));
  return a;
}

const from = (ip?: string) => (ip ? { headers: { "cf-connecting-ip": ip } } : {});

describe("rateLimit", () => {
  it("allows the limit per client IP and window, then answers 429 with Retry-After", async () => {
    const clock = { now: 1_000_000 };
    const a = app(clock);
    expect((await a.request("/", from("203.0.113.5"))).status).toBe(200);
    expect((await a.request("/", from("203.0.113.5"))).status).toBe(200);
    const limited = await a.request("/", from("203.0.113.5"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toEqual({ error: { code: "rate_limited", message: "Too many test requests. Please wait a moment and try again." } });
    expect((await a.request("/", from("198.51.100.7"))).status).toBe(200);
    clock.now += 60_000;
    expect((await a.request("/", from("203.0.113.5"))).status).toBe(200);
  });

  it("does not limit requests that Cloudflare did not attribute to a client (local development)", async () => {
    const a = app({ now: 0 });
    for (let i = 0; i < 5; i++) expect((await a.request("/")).status).toBe(200);
  });
});
