/**
 * The rate limits of wrangler.toml through the (locally simulated) Rate Limiting
 * binding: a flood gets 429 with Retry-After, keyed so that others are not affected.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { EMBEDDER, WORKER, emulator, newHandoff, untilCallback, workerFetch } from "../support/browser";
import { expectLogged } from "../support/logs";

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
    // wrangler.toml allows 60,000 a minute per address; a binding that has run out stands in for the flood.
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

  it("count a sign-in once, where its flow starts: not the popup's first page, and never its callback", async () => {
    const counted: string[] = [];
    const counting = {
      limit: async ({ key }: { key: string }) => {
        counted.push(key);
        return { success: true };
      },
    };
    const call = (path: string, init: RequestInit = {}) =>
      app.fetch(
        new Request(`${WORKER}${path}`, { ...init, headers: { ...init.headers, "cf-connecting-ip": "203.0.113.70" }, redirect: "manual" }),
        { ...env, SIGN_IN_LIMITER: counting, CALLBACK_FAILURE_LIMITER: counting },
        createExecutionContext(),
      );
    const handoff = await newHandoff();
    const popupPage = await call(
      `/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(EMBEDDER)}&handoff=${handoff.challenge}`,
    );
    expect(popupPage.status).toBe(200);
    expect(counted).toEqual([]);
    expect((await call("/auth/microsoft/start?return_to=%2F")).status).toBe(302);
    expect(counted).toEqual(["SIGN_IN_LIMITER:203.0.113.70"]);

    // A real callback (this browser's own flow cookie) is not counted; one without is.
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    counted.length = 0;
    expect((await call(url.pathname + url.search, { headers: { cookie } })).status).toBe(302);
    expect(counted).toEqual([]);
    expect((await call(url.pathname + url.search)).status).toBe(400);
    expect(counted).toEqual(["CALLBACK_FAILURE_LIMITER:203.0.113.70"]);
    expectLogged("sign_in_refused");
  });

  it("refuse a flood of forged callbacks from one address, and still complete a real sign-in from it", async () => {
    // Straight to the app (the test pool's own fetch path slows down over hundreds of calls).
    const callback = (query: string, cookie?: string) =>
      app.fetch(
        new Request(`${WORKER}/auth/microsoft/callback?${query}`, {
          headers: { "cf-connecting-ip": "203.0.113.77", ...(cookie ? { cookie } : {}) },
          redirect: "manual",
        }),
        env,
        createExecutionContext(),
      );
    let refused: Response | undefined;
    let tries = 0;
    while (!refused && tries <= 700) {
      tries++;
      const res = await callback(`code=forged&state=${"A".repeat(43)}`);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(400);
    }
    // At least a minute's allowance (wrangler.toml: 300), then 429 with when to come back.
    expect(tries).toBeGreaterThan(300);
    expect(refused?.headers.get("retry-after")).toBe("60");
    // A classmate behind the same address completes her sign-in meanwhile.
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const real = await callback(url.search.slice(1), cookie);
    expect(real.status).toBe(302);
    expectLogged("sign_in_refused");
  }, 60_000);

  it("refuse a kept flow cookie replayed with made-up codes before Microsoft's token endpoint is asked again", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const state = url.searchParams.get("state")!;
    const tokenCalls = async () => ((await emulator("/_emulator/stats")) as { token: number }).token;
    const before = await tokenCalls();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await app.fetch(
        new Request(`${WORKER}/auth/microsoft/callback?code=made-up-${i}&state=${state}`, {
          headers: { cookie, "cf-connecting-ip": "203.0.113.90" },
          redirect: "manual",
        }),
        env,
        createExecutionContext(),
      );
      statuses.push(res.status);
    }
    // A real callback comes once (a reload or two at most): three tries a minute, then 429, and Microsoft hears three.
    expect(statuses).toEqual([400, 400, 400, 429, 429, 429]);
    expect((await tokenCalls()) - before).toBe(3);
    expectLogged("sign_in_failed");
  });
});
