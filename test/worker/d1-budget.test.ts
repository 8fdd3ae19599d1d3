/**
 * The budgets that are counts, not timings: D1 round trips, reads and writes
 * per flow. Each test asserts its budget and records its figures in the task's
 * meta, which `npm run bench` reads (JSON reporter) to print them.
 */
import { env, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, type TaskMeta } from "vitest";
import app from "../../worker/index";
import { EMBEDDER, WORKER, emulator, newHandoff, pageSignIn, popupUntilCallback, TestBrowser, untilCallback } from "../support/browser";
import { TENANT, adminOf, createOrg, forgetIntegrations, support, widgetSignIn } from "../support/orgs";
import { countingDb, type D1Counter } from "../support/counting-db";

declare module "vitest" {
  interface TaskMeta {
    d1?: { flow: string; roundTrips: number; reads: number; writes: number; rowsRead: number; rowsWritten: number; budget: string };
    /** Microsoft Graph calls the flow made (the emulator counts them). */
    graph?: { flow: string; calls: string; budget: string };
  }
}

const db = () => (env as unknown as { DB: D1Database }).DB;

async function call(url: string, init: RequestInit, counted: ReturnType<typeof countingDb>) {
  const ctx = createExecutionContext();
  // Without webhook delivery: what a flow costs with an endpoint registered is measured in test/worker/events-budget.test.ts.
  const response = await app.fetch(
    new Request(url, { ...init, redirect: "manual" }),
    { ...env, DB: counted.db, WEBHOOK_QUEUE: undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

function record(meta: TaskMeta, flow: string, c: D1Counter, budget: string) {
  meta.d1 = { flow, roundTrips: c.roundTrips, reads: c.reads, writes: c.writes, rowsRead: c.rowsRead, rowsWritten: c.rowsWritten, budget };
}

const cookieOf = (browser: TestBrowser) => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

describe("D1 per flow", () => {
  it("starting a sign-in touches D1 not at all (first-party, popup, and the widget's full-page fallback)", async ({ task }) => {
    const counted = countingDb(db());
    const handoff = await newHandoff();
    const page = await call(`${WORKER}/auth/microsoft/start?return_to=%2Fx`, {}, counted);
    expect(page.status).toBe(302);
    const popup = await call(
      `${WORKER}/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(EMBEDDER)}&handoff=${handoff.challenge}`,
      {},
      counted,
    );
    expect(popup.status).toBe(200);
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };
    const confirmed = await call(
      `${WORKER}/auth/microsoft/start`,
      {
        ...form,
        headers: { ...form.headers, origin: WORKER },
        body: new URLSearchParams({ display: "popup", handoff: handoff.challenge, secret: handoff.secret, return_to: EMBEDDER }),
      },
      counted,
    );
    expect(confirmed.status).toBe(302);
    const fallback = await call(
      `${WORKER}/auth/microsoft/start`,
      {
        ...form,
        headers: { ...form.headers, origin: EMBEDDER },
        body: new URLSearchParams({ handoff: handoff.challenge, return_to: `${EMBEDDER}/page` }),
      },
      counted,
    );
    expect(fallback.status).toBe(302);
    expect(counted.counter.roundTrips).toBe(0);
    record(task.meta, "sign-in start", counted.counter, "0 round trips");
  });

  it("a hand-off poll reads once and writes nothing until a result is ready", async ({ task }) => {
    const counted = countingDb(db());
    const handoff = await newHandoff();
    const res = await call(
      `${WORKER}/auth/handoff`,
      {
        method: "POST",
        headers: { origin: EMBEDDER, "content-type": "application/json" },
        body: JSON.stringify({ secret: handoff.secret }),
      },
      counted,
    );
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
    const res = await call(
      `${WORKER}/auth/handoff`,
      {
        method: "POST",
        headers: { origin: EMBEDDER, "content-type": "application/json" },
        body: JSON.stringify({ secret: handoff.secret }),
      },
      counted,
    );
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

  it("the join flow: a request, an approval, and an admin's list page", async ({ task }) => {
    await emulator("/_emulator/reset", {});
    await forgetIntegrations();
    const chris = await widgetSignIn("chris@contoso.com"); // an account before Contoso connects
    const org = await createOrg({ kind: "business", license: "enterprise" });
    const admin = await adminOf(org, "carla@contoso.com");
    await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.contoso });
    const json = (body: unknown, token: string) => ({
      method: "POST",
      headers: { origin: EMBEDDER, authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

    const request = countingDb(db());
    const asked = await call(`${WORKER}/api/join-requests`, json({ organizationId: org.id }, chris.token), request);
    expect(asked.status).toBe(201);
    expect(request.counter.roundTrips).toBeLessThanOrEqual(3);
    record(task.meta, "join request", request.counter, "≤ 3 round trips");
    const { id } = await asked.json<{ id: string }>();

    const approval = countingDb(db());
    const decided = await call(
      `${WORKER}/api/orgs/${org.id}/join-requests/decisions`,
      json({ decisions: [{ id, decision: "approve" }] }, admin.token),
      approval,
    );
    expect(decided.status).toBe(200);
    expect(approval.counter.roundTrips).toBe(2); // the admin's session, then one batch
    expect(approval.counter.batches).toBe(1);
    record(task.meta, "approval (any number up to 500)", approval.counter, "session + 1 batch");
  });

  it("an admin list page takes at most 2 D1 queries", async ({ task }) => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    await forgetIntegrations();
    expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);
    for (const path of ["members", "join-requests", "tenant-accounts", "audit"]) {
      const page = countingDb(db());
      const res = await call(
        `${WORKER}/api/orgs/${org.id}/${path}`,
        { headers: { origin: EMBEDDER, authorization: `Bearer ${admin.token}` } },
        page,
      );
      expect(res.status, path).toBe(200);
      expect(page.counter.roundTrips, path).toBeLessThanOrEqual(2);
      if (path === "members") record(task.meta, "admin list page", page.counter, "≤ 2 queries");
    }
  });

  it("Graph is called once per school sign-up, never for returning or business users", async ({ task }) => {
    await emulator("/_emulator/reset", {});
    await forgetIntegrations();
    await db()
      .prepare("DELETE FROM identities WHERE oid IN ('0a1b2c3d-0001-4000-8000-000000000005', '0a1b2c3d-0003-4000-8000-000000000003')")
      .run();
    const school = await createOrg();
    await support("PUT", `/api/support/organizations/${school.id}/integration`, { tenantId: TENANT.northwood });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    const calls = async (run: () => Promise<unknown>) => {
      await emulator("/_emulator/stats/reset", {});
      await run();
      return ((await emulator("/_emulator/stats")).graph ?? 0) as number;
    };
    const signUp = async (hint: string) => {
      const browser = new TestBrowser();
      const handoff = await newHandoff();
      const cb = await popupUntilCallback(browser, hint, handoff);
      await browser.follow(await browser.worker(cb.pathname + cb.search));
    };
    const first = await calls(() => signUp("frank@northwood.edu"));
    const again = await calls(() => signUp("frank@northwood.edu"));
    expect([first, again]).toEqual([1, 0]);
    task.meta.graph = { flow: "school sign-up / returning sign-in", calls: `${first} / ${again}`, budget: "1 / 0" };
  });

  it("logout is refused at once in the isolate that revoked it", async () => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "ray@riverside-academy.org");
    expect(((await (await browser.worker("/api/session")).json()) as any).account).not.toBeNull();
    const stale = new TestBrowser();
    stale.cookies = new Map(browser.cookies); // a copy of the cookie, kept after logout
    await browser.worker("/auth/logout", { method: "POST", headers: { origin: WORKER } });
    expect(stale.cookies.get("__Host-tl_session")).toBeTruthy();
    expect(await (await stale.worker("/api/session")).json()).toEqual({ account: null, ended: "signed_out" });
  });
});
