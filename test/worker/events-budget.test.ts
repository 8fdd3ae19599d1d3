/**
 * What telling host back-ends costs, for `npm run bench`: D1 rows written by a change without
 * any webhook endpoint and with one (the event row, and the hand-over's claim and
 * acknowledgement after the answer), and the time from a change to its receipt through the
 * real queue of local workerd. Recorded as task meta; asserted only loosely (figures, not timings).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it, type TaskMeta } from "vitest";
import app from "../../worker/index";
import { EMBEDDER, WORKER } from "../support/browser";
import { countingDb } from "../support/counting-db";
import { adminOf, createOrg, db, orgApi } from "../support/orgs";
import { eventsWorld, deliveriesTo, receiver, register, until } from "../support/webhooks";

declare module "vitest" {
  interface TaskMeta {
    bench?: Array<{ label: string; value: string; budget: string }>;
  }
}

beforeEach(eventsWorld);

/** An admin removes a member through the worker, with the hand-over after the answer run to its end. */
async function removalCost() {
  const org = await createOrg();
  const admin = await adminOf(org, "ada@northwood.edu");
  const member = await adminOf(org, "sam@northwood.edu");
  const counted = countingDb(db());
  const ctx = createExecutionContext();
  const req = new Request(`${WORKER}/api/orgs/${org.id}/members/${member.accountId}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${admin.token}`, origin: EMBEDDER },
  });
  const res = await app.fetch(req, { ...env, DB: counted.db }, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  return counted.counter;
}

const record = (meta: TaskMeta, label: string, value: string, budget = "—") => (meta.bench ??= []).push({ label, value, budget });

describe("events: cost and latency", () => {
  it("rows written by a removal, without and with a webhook endpoint", async ({ task }) => {
    const without = await removalCost();
    await receiver("bench.example", { status: 204 });
    await register({ url: "https://bench.example/hooks" });
    const withEndpoint = await removalCost();
    record(task.meta, "Events: a removal, no endpoint", `${without.rowsWritten} rows written, ${without.roundTrips} round trips`);
    record(
      task.meta,
      "Events: a removal, one endpoint",
      `${withEndpoint.rowsWritten} rows written, ${withEndpoint.roundTrips} round trips`,
    );
    // The event row (and its indexes) is the only difference without an endpoint; with one, the hand-over's claim and acknowledgement.
    expect(withEndpoint.roundTrips).toBeGreaterThan(without.roundTrips);
  });

  it("time from a change to its receipt at the host's back-end", async ({ task }) => {
    await receiver("latency.example", { status: 204 });
    await register({ url: "https://latency.example/hooks", eventTypes: ["member.updated"] });
    const org = await createOrg();
    const admin = await adminOf(org, "ada@northwood.edu");
    const member = await adminOf(org, "sam@northwood.edu");
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const res = await orgApi(admin.token, "PATCH", `/api/orgs/${org.id}/members/${member.accountId}`, {
        role: i % 2 ? "admin" : "member",
      });
      expect(res.status).toBe(200);
      const got = await until(
        () => deliveriesTo("latency.example"),
        (list) => list.length > i,
      );
      times.push(got[i].at - started);
    }
    times.sort((a, b) => a - b);
    record(
      task.meta,
      "Events: change → receipt (local workerd, 5 changes)",
      `median ${times[2]} ms, max ${times[4]} ms`,
      "the queue's 1 s batch window",
    );
    expect(times[4]).toBeLessThan(10_000);
  }, 60_000);
});
