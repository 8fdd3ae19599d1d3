/**
 * SPEC §6 budgets that are counts, not timings: D1 round trips on the sign-in
 * start, a returning user's callback, and the warm /api/session path.
 */
import { env, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import { EMBEDDER, WORKER, newHandoff, pageSignIn, TestBrowser, untilCallback } from "../support/browser";
import { countingDb } from "../support/counting-db";

async function call(url: string, init: RequestInit, counted: ReturnType<typeof countingDb>) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(url, { ...init, redirect: "manual" }), { ...(env as object), DB: counted.db } as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("D1 round trips", () => {
  it("starting a sign-in touches D1 not at all (first-party, popup, and the widget's full-page fallback)", async () => {
    const counted = countingDb((env as unknown as { DB: D1Database }).DB);
    const handoff = await newHandoff();
    const page = await call(`${WORKER}/auth/microsoft/start?return_to=%2Fx`, {}, counted);
    expect(page.status).toBe(302);
    const popup = await call(`${WORKER}/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(EMBEDDER)}&handoff=${handoff.challenge}`, {}, counted);
    expect(popup.status).toBe(200);
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };
    const confirmed = await call(`${WORKER}/auth/microsoft/start`, { ...form, headers: { ...form.headers, origin: WORKER }, body: new URLSearchParams({ display: "popup", handoff: handoff.challenge, secret: handoff.secret, return_to: EMBEDDER }) }, counted);
    expect(confirmed.status).toBe(302);
    const fallback = await call(`${WORKER}/auth/microsoft/start`, { ...form, headers: { ...form.headers, origin: EMBEDDER }, body: new URLSearchParams({ handoff: handoff.challenge, return_to: `${EMBEDDER}/page` }) }, counted);
    expect(fallback.status).toBe(302);
    expect(counted.counter.roundTrips).toBe(0);
  });

  it("a hand-off poll reads once and writes nothing until a result is ready", async () => {
    const counted = countingDb((env as unknown as { DB: D1Database }).DB);
    const handoff = await newHandoff();
    for (let i = 0; i < 3; i++) {
      const res = await call(`${WORKER}/auth/handoff`, { method: "POST", headers: { origin: EMBEDDER, "content-type": "application/json" }, body: JSON.stringify({ secret: handoff.secret }) }, counted);
      expect(res.status).toBe(202);
    }
    expect(counted.counter).toMatchObject({ roundTrips: 3, reads: 3, writes: 0 });
  });

  it("a returning user's callback takes 2 round trips, and sweeps nothing (the cron trigger does)", async () => {
    await pageSignIn(new TestBrowser(), "ray@riverside-academy.org"); // the account exists now
    const { browser, url } = await untilCallback("ray@riverside-academy.org");
    const counted = countingDb((env as unknown as { DB: D1Database }).DB);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await call(url.href, { headers: { cookie } }, counted);
    expect(res.status).toBe(302);
    expect(counted.counter.roundTrips).toBe(2);
    expect(counted.counter.statements.filter((sql) => /expires_at </.test(sql))).toEqual([]);
  });

  it("the warm /api/session path reads D1 once per session per minute in an isolate", async () => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "ray@riverside-academy.org");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const counted = countingDb((env as unknown as { DB: D1Database }).DB);
    for (let i = 0; i < 5; i++) {
      const body = (await (await call(`${WORKER}/api/session`, { headers: { cookie } }, counted)).json()) as any;
      expect(body.account.displayName).toBe("Ray Pupil");
    }
    expect(counted.counter.roundTrips).toBe(1);
    // Any other authenticated route reads D1 every time: the worker's own page, for one.
    for (let i = 0; i < 2; i++) expect((await call(`${WORKER}/`, { headers: { cookie } }, counted)).status).toBe(200);
    expect(counted.counter.roundTrips).toBe(3);
  });

  it("logout is refused at once in the isolate that revoked it", async () => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "ray@riverside-academy.org");
    expect(((await (await browser.worker("/api/session")).json()) as any).account).not.toBeNull();
    const stale = new TestBrowser();
    stale.cookies = new Map(browser.cookies); // a copy of the cookie, kept after logout
    await browser.worker("/auth/logout", { method: "POST", headers: { origin: WORKER } });
    expect(stale.cookies.get("__Host-tl_session")).toBeTruthy();
    expect(await (await stale.worker("/api/session")).json()).toEqual({ account: null });
  });
});
