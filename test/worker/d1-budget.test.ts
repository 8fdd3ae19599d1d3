/**
 * SPEC §6 budgets that are counts, not timings: D1 round trips, reads and writes
 * per flow. Each test asserts its budget and records its figures in the task's
 * meta, which `npm run bench` reads (JSON reporter) to print them.
 */
import { env, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, type TaskMeta } from "vitest";
import app from "../../worker/index";
import { EMBEDDER, WORKER, newHandoff, pageSignIn, popupUntilCallback, TestBrowser, untilCallback } from "../support/browser";
import { countingDb, type D1Counter } from "../support/counting-db";

declare module "vitest" {
  interface TaskMeta {
    d1?: { flow: string; roundTrips: number; reads: number; writes: number; budget: string };
  }
}

const db = () => (env as unknown as { DB: D1Database }).DB;

async function call(url: string, init: RequestInit, counted: ReturnType<typeof countingDb>) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(url, { ...init, redirect: "manual" }), { ...(env as object), DB: counted.db } as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function record(meta: TaskMeta, flow: string, c: D1Counter, budget: string) {
  meta.d1 = { flow, roundTrips: c.roundTrips, reads: c.reads, writes: c.writes, budget };
}

const cookieOf = (browser: TestBrowser) => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

describe("D1 per flow", () => {
  it("starting a sign-in touches D1 not at all (first-party, popup, and the widget's full-page fallback)", async ({ task }) => {
    const counted = countingDb(db());
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
    record(task.meta, "sign-in start", counted.counter, "0 round trips");
  });

  it("a hand-off poll reads once and writes nothing until a result is ready", async ({ task }) => {
    const counted = countingDb(db());
    const handoff = await newHandoff();
    const res = await call(`${WORKER}/auth/handoff`, { method: "POST", headers: { origin: EMBEDDER, "content-type": "application/json" }, body: JSON.stringify({ secret: handoff.secret }) }, counted);
    expect(res.status).toBe(202);
    expect(counted.counter).toMatchObject({ roundTrips: 1, reads: 1, writes: 0 });
    record(task.meta, "hand-off poll (pending)", counted.counter, "1 read, 0 writes");
  });

  it("collecting a finished hand-off: read, take, then the session in one batch", async ({ task }) => {
    const browser = new TestBrowser();
    const handoff = await newHandoff();
    const callback = await popupUntilCallback(browser, "rita@riverside-academy.org", handoff);
    await browser.worker(callback.pathname + callback.search);
    const counted = countingDb(db());
    const res = await call(`${WORKER}/auth/handoff`, { method: "POST", headers: { origin: EMBEDDER, "content-type": "application/json" }, body: JSON.stringify({ secret: handoff.secret }) }, counted);
    expect(((await res.json()) as any).status).toBe("signed_in");
    expect(counted.counter.roundTrips).toBe(3);
    expect(counted.counter.writes).toBe(2);
    record(task.meta, "hand-off collect (ready)", counted.counter, "3 round trips");
  });

  it("a new user's callback: the account, identity and hand-off, decided in batches", async ({ task }) => {
    const browser = new TestBrowser();
    const callback = await popupUntilCallback(browser, "cleo@riverside-academy.org", await newHandoff());
    const counted = countingDb(db());
    const res = await call(callback.href, { headers: { cookie: cookieOf(browser) } }, counted);
    expect(res.status).toBe(200);
    expect(counted.counter.roundTrips).toBeLessThanOrEqual(3);
    record(task.meta, "new-user callback", counted.counter, "≤ 3 round trips");
  });

  it("a returning user's callback takes 2 round trips, and sweeps nothing (the cron trigger does)", async ({ task }) => {
    await pageSignIn(new TestBrowser(), "ray@riverside-academy.org"); // the account exists now
    const { browser, url } = await untilCallback("ray@riverside-academy.org");
    const counted = countingDb(db());
    const res = await call(url.href, { headers: { cookie: cookieOf(browser) } }, counted);
    expect(res.status).toBe(302);
    expect(counted.counter.roundTrips).toBe(2);
    expect(counted.counter.statements.filter((sql) => /expires_at </.test(sql))).toEqual([]);
    record(task.meta, "returning callback", counted.counter, "≤ 2 round trips");
  });

  it("the warm /api/session path reads D1 once per session per minute in an isolate", async ({ task }) => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "ray@riverside-academy.org");
    const counted = countingDb(db());
    for (let i = 0; i < 5; i++) {
      const body = (await (await call(`${WORKER}/api/session`, { headers: { cookie: cookieOf(browser) } }, counted)).json()) as any;
      expect(body.account.displayName).toBe("Ray Pupil");
    }
    expect(counted.counter.roundTrips).toBe(1);
    record(task.meta, "session check (5 page loads)", counted.counter, "≤ 1 read per session per minute");
    // Any other authenticated route reads D1 every time: the worker's own page, for one.
    for (let i = 0; i < 2; i++) expect((await call(`${WORKER}/`, { headers: { cookie: cookieOf(browser) } }, counted)).status).toBe(200);
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

