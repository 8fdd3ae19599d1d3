/**
 * Microsoft's bad days, through the emulator's fault switches: a hung token endpoint, one that
 * answers an error page where JSON belongs, discovery and keys unreachable (what is cached keeps
 * working; without it, a sign-in fails closed), Graph throttling a storm of school sign-ups (no
 * retry storm: the tenant's readings rest), and D1 failing mid-flow (nothing half-written). Each
 * ends in a clear, retryable message, in English and Finnish.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import app from "../../worker/index";
import { forgetGraphRests } from "../../worker/flows/enroll/graph-backoff";
import { providers } from "../../worker/oidc/providers";
import { TestBrowser, WORKER, emulator, pageSignIn, untilCallback } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TENANT, createOrg, db, forgetIntegrations, signUp, support } from "../support/orgs";

const NOT_ANSWERING = "Microsoft sign-in is not answering right now. Please try again in a minute.";
const NOT_ANSWERING_FI = "Microsoftin kirjautumispalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.";
const FRANK_OID = "0a1b2c3d-0001-4000-8000-000000000005";

const identities = async (oid: string) =>
  (await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?1").bind(oid).first<{ n: number }>())!.n;

beforeEach(async () => {
  // No active integration: a sign-in's callback creates a plain account at once.
  await forgetIntegrations();
  await db().prepare("DELETE FROM accounts").run();
});

afterEach(async () => {
  await emulator("/_emulator/faults", {});
  forgetGraphRests();
});

describe("Microsoft's token endpoint on a bad day", () => {
  it.each([
    ["hangs past the timeout", { token: "slow", tokenDelayMs: 3000 }, /did not answer within 2 s/],
    ["answers an error page instead of JSON", { token: "html" }, /answered 502 without JSON/],
  ])("%s: a retryable message, in the person's language, and nothing created", async (_what, fault, logged) => {
    await db().prepare("DELETE FROM accounts").run();
    await emulator("/_emulator/faults", fault);
    const { response } = await pageSignIn(new TestBrowser(), "frank@northwood.edu");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.text()).toContain(NOT_ANSWERING);
    expect(await identities(FRANK_OID)).toBe(0);
    expectLogged("sign_in_failed", { code: "provider_unavailable", message: logged });

    const fi = new TestBrowser();
    const start = await fi.worker("/auth/microsoft/start?return_to=%2Fdone&login_hint=frank%40northwood.edu&lang=fi");
    const { response: finnish } = await fi.follow(start);
    expect(await finnish.text()).toContain(NOT_ANSWERING_FI);
    expectLogged("sign_in_failed", { code: "provider_unavailable" });
  });
});

describe("discovery and keys unreachable", () => {
  it("a warm isolate signs people in on what it cached; a cold one fails closed, retryably", async () => {
    await db().prepare("DELETE FROM accounts").run();
    expect((await pageSignIn(new TestBrowser(), "frank@northwood.edu")).response.status).toBe(302);
    await emulator("/_emulator/faults", { discovery: "down", jwks: "down" });
    const warm = await pageSignIn(new TestBrowser(), "frank@northwood.edu");
    expect(warm.response.status).toBe(302);
    expect(warm.url.pathname).toBe("/done");

    providers.forget();
    const cold = await pageSignIn(new TestBrowser(), "frank@northwood.edu");
    expect(cold.response.status).toBe(503);
    expect(await cold.response.text()).toContain(NOT_ANSWERING);
    expectLogged("identity_provider_error", { code: "provider_unavailable" });
    await emulator("/_emulator/faults", {});
    expect((await pageSignIn(new TestBrowser(), "frank@northwood.edu")).response.status).toBe(302);
  });
});

describe("Graph throttling a storm of school sign-ups", () => {
  it("the first refusal rests the tenant's readings: the rest sign up at once as students, with the reason, and Graph hears nothing more", async () => {
    await forgetIntegrations();
    await db().prepare("DELETE FROM accounts").run();
    const org = await createOrg({ name: "Throttled School" });
    expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    await emulator("/_emulator/faults", { graph: "throttle", graphRetryAfter: 60 });
    await emulator("/_emulator/stats/reset", {});
    const people = ["sam@northwood.edu", "saara@northwood.edu", "frank@northwood.edu", "tomas@northwood.edu"];
    for (const hint of people) {
      const body = await signUp(hint);
      expect(body).toMatchObject({ status: "signed_in", organization: { id: org.id }, membership: { accountType: "student" } });
    }
    expect(((await emulator("/_emulator/stats")) as { graph: number }).graph).toBe(1);
    const reasons = await db()
      .prepare("SELECT account_type_reason AS r FROM memberships WHERE organization_id = ?1")
      .bind(org.id)
      .all<{ r: string }>();
    expect(reasons.results.map((x) => x.r)).toEqual(people.map(() => "graph_busy"));
    expectLogged("graph_refused");
    expectLogged("graph_resting");
  });
});

describe("D1 failing mid-flow", () => {
  it("a sign-up whose batch fails writes nothing, answers retryably, and the next try works", async () => {
    await db().prepare("DELETE FROM accounts").run();
    const { browser, url } = await untilCallback("frank@northwood.edu");
    // The sign-up's own batch runs with one more statement that fails: D1 takes the whole batch back.
    const real = db();
    const sqlOf = new WeakMap<D1PreparedStatement, string>();
    const flaky = {
      prepare: (sql: string) => {
        const s = real.prepare(sql);
        const bind = s.bind.bind(s);
        s.bind = (...v: unknown[]) => {
          const bound = bind(...v);
          sqlOf.set(bound, sql);
          return bound;
        };
        return s;
      },
      batch: async (statements: D1PreparedStatement[]) => {
        if (!statements.some((s) => /INSERT INTO accounts/.test(sqlOf.get(s) ?? ""))) return real.batch(statements);
        await real.batch([...statements, real.prepare("INSERT INTO no_such_table VALUES (1)")]).catch(() => undefined);
        throw new Error("D1_ERROR: Network connection lost.");
      },
    } as unknown as D1Database;
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${WORKER}${url.pathname}${url.search}`, { headers: { cookie, accept: "text/html" }, redirect: "manual" }),
      { ...env, DB: flaky },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.text()).toContain("The service is briefly unavailable. Please try again in a moment.");
    expect(await identities(FRANK_OID)).toBe(0);
    expect((await real.prepare("SELECT COUNT(*) AS n FROM accounts").first<{ n: number }>())!.n).toBe(0);
    expectLogged("database_unavailable");
    expect((await pageSignIn(new TestBrowser(), "frank@northwood.edu")).response.status).toBe(302);
    expect(await identities(FRANK_OID)).toBe(1);
  });
});
