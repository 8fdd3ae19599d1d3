/**
 * The rate limits of wrangler.toml through the (locally simulated) Rate Limiting
 * binding: a flood gets 429 with Retry-After, keyed so that others are not affected.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { EMBEDDER, WORKER, newHandoff, workerFetch } from "../support/browser";

const poll = (secret: string, ip: string) =>
  workerFetch(
    new Request(`${WORKER}/auth/handoff`, {
      method: "POST",
      headers: { origin: EMBEDDER, "content-type": "application/json", "cf-connecting-ip": ip },
      body: JSON.stringify({ secret }),
    }),
  );

describe("rate limits", () => {
  it("limit one widget's hand-off polls, and no other widget behind the same address", async () => {
    const flood = await newHandoff();
    // The binding counts per minute window: a flood that starts late in one gets the next one's allowance too.
    let limited: Response | undefined;
    let allowed = 0;
    while (!limited && allowed <= 240) {
      const res = await poll(flood.secret, "198.51.100.20");
      if (res.status === 429) limited = res;
      else {
        expect(res.status).toBe(202);
        allowed++;
      }
    }
    expect(allowed).toBeGreaterThanOrEqual(120);
    expect(limited?.status).toBe(429);
    if (!limited) return;
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("access-control-expose-headers")).toContain("Retry-After");
    expect(((await limited.json()) as any).error.code).toBe("rate_limited");
    // A classmate's widget on the same school network is unaffected.
    expect((await poll((await newHandoff()).secret, "198.51.100.20")).status).toBe(202);
  });

  it("limit hand-off polls per client address too, so a fresh secret per poll does not escape", async () => {
    // wrangler.toml allows 10,000 a minute per address; a binding that has run out stands in for the flood.
    const counted: string[] = [];
    const exhausted = {
      limit: async ({ key }: { key: string }) => {
        counted.push(key);
        return { success: false };
      },
    };
    const fresh = () =>
      app.fetch(
        new Request(`${WORKER}/auth/handoff`, {
          method: "POST",
          headers: { origin: EMBEDDER, "content-type": "application/json", "cf-connecting-ip": "198.51.100.30" },
          body: JSON.stringify({ secret: crypto.randomUUID().replace(/-/g, "").padEnd(43, "x") }),
        }),
        { ...env, HANDOFF_ADDRESS_LIMITER: exhausted },
        createExecutionContext(),
      );
    const res = await fresh();
    expect(res.status).toBe(429);
    expect(counted).toEqual(["HANDOFF_ADDRESS_LIMITER:198.51.100.30"]);
  });

  it("limit sign-in starts per client address, at wrangler.toml's 1200 a minute", async () => {
    // Straight to the app (the test pool's own fetch path slows down over a thousand calls).
    const start = (ip: string) =>
      app.fetch(
        new Request(`${WORKER}/auth/microsoft/start?return_to=%2F`, { headers: { "cf-connecting-ip": ip }, redirect: "manual" }),
        env,
        createExecutionContext(),
      );
    let allowed = 0;
    let status = 302;
    while (status === 302 && allowed <= 2400) {
      status = (await start("203.0.113.77")).status;
      if (status === 302) allowed++;
    }
    // At least a minute's allowance (two, when the flood straddles a window), then 429.
    expect(allowed).toBeGreaterThanOrEqual(1200);
    expect(status).toBe(429);
    expect((await start("203.0.113.78")).status).toBe(302);
  }, 60_000);
});
