/**
 * Webhook delivery through the real Queues of local workerd (the test tier retries three
 * times, a second apart; production waits minutes to hours): signed per Standard Webhooks and
 * verified with its reference library, only what each endpoint asked for, the same id on every
 * retry, dead-lettered and replayed, a lost hand-over swept up by the minute cron, a rotated
 * secret signing beside the old one, no redirect followed, one slow receiver holding up no other.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { adminOf, createOrg, db, orgApi, support } from "../support/orgs";
import { eventsWorld, deliveriesTo, eventsOf, receiver, register, schoolStory, until, verified, type Delivery } from "../support/webhooks";

interface EndpointView {
  id: string;
  failing: boolean;
  failedDeliveries: number;
  lastAttempt: { status: number; ok: boolean } | null;
  lastErrorExcerpt: string | null;
  previousSecretSignsUntil: string | null;
}

async function endpoint(id: string) {
  const { endpoints } = await (await support("GET", "/api/support/webhook-endpoints")).json<{ endpoints: EndpointView[] }>();
  return endpoints.find((e) => e.id === id)!;
}

const ids = (list: Delivery[]) => list.map((d) => d.headers["webhook-id"]);

beforeEach(eventsWorld);

describe("webhook delivery", () => {
  it("delivers each event to the endpoints that want it, signed per Standard Webhooks, in the feed's words", async () => {
    await receiver("all.example", { status: 204 });
    await receiver("removals.example", { status: 200, body: "ok" });
    const all = await register({ url: "https://all.example/hooks" });
    const removals = await register({ url: "https://removals.example/hooks", eventTypes: ["member.removed"] });
    const { org } = await schoolStory();
    const events = await eventsOf(org);

    const got = await until(
      () => deliveriesTo("all.example"),
      (list) => events.every((e) => ids(list).includes(e.id)),
    );
    for (const event of events) {
      const delivery = got.find((d) => d.headers["webhook-id"] === event.id)!;
      expect(verified(all.secret, delivery)).toEqual({ type: event.type, timestamp: event.occurredAt, data: event.data });
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(delivery.headers["webhook-timestamp"]) * 1000 - delivery.at)).toBeLessThan(5000);
      expect(delivery.body).not.toContain("@");
    }
    // Another endpoint's secret does not verify it.
    expect(() => verified(removals.secret, got[0])).toThrow();

    const removed = events.filter((e) => e.type === "member.removed").map((e) => e.id);
    expect(removed.length).toBeGreaterThan(0);
    const toRemovals = await until(
      () => deliveriesTo("removals.example"),
      (list) => list.length >= removed.length,
    );
    expect(ids(toRemovals).sort()).toEqual([...removed].sort());
  });

  it("filters by organization", async () => {
    await receiver("one-org.example", { status: 204 });
    const mine = await createOrg({ name: "Mine" });
    const other = await createOrg({ name: "Other" });
    await register({ url: "https://one-org.example/hooks", organizationId: mine.id });
    const tomas = await adminOf(mine, "tomas@northwood.edu");
    await adminOf(other, "frank@northwood.edu");
    const got = await until(
      () => deliveriesTo("one-org.example"),
      (list) => list.length >= 1,
    );
    // Frank's joining Other goes to nobody here; Tomás's joining Mine does.
    await new Promise((r) => setTimeout(r, 1500));
    const all = await deliveriesTo("one-org.example");
    expect(all.map((d) => JSON.parse(d.body).data.organizationId)).toEqual([mine.id]);
    expect(JSON.parse(got[0].body).data.accountId).toBe(tomas.accountId);
  });

  it("retries a failing receiver with the same id, dead-letters it after the last try, and a replay delivers it", async () => {
    await receiver("down.example", {
      status: 500,
      body: "Internal error for ada@northwood.edu token=abcdefghijklmnopqrstuvwxyz0123456789",
    });
    const down = await register({ url: "https://down.example/hooks", eventTypes: ["integration.updated"] });
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    expect(
      (await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: "a1e2f3a4-6f70-4182-8db4-5e6f708192a3" })).status,
    ).toBe(200);
    const [event] = (await eventsOf(org)).filter((e) => e.type === "integration.updated");

    // One try and three retries (WEBHOOK_RETRY_SECONDS "1,1,1" here), each with the event's id.
    const tries = await until(
      () => deliveriesTo("down.example"),
      (list) => list.length >= 4,
    );
    expect(ids(tries)).toEqual([event.id, event.id, event.id, event.id]);
    for (const t of tries) expect(verified(down.secret, t).type).toBe("integration.updated");
    const failing = await until(
      () => endpoint(down.id),
      (e) => e.failing,
    );
    expect(failing).toMatchObject({ failedDeliveries: 1, lastAttempt: { status: 500, ok: false } });
    // What the receiver answered is kept short and masked.
    expect(failing.lastErrorExcerpt).toBe("Internal error for [email] token=[masked]");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await deliveriesTo("down.example")).toHaveLength(4);

    await receiver("down.example", { status: 204 });
    const replayed = await support("POST", `/api/support/webhook-endpoints/${down.id}/replay`);
    expect(await replayed.json()).toEqual({ replayed: 1 });
    const after = await until(
      () => deliveriesTo("down.example"),
      (list) => list.length >= 5,
    );
    expect(after[4].headers["webhook-id"]).toBe(event.id);
    expect(
      await until(
        () => endpoint(down.id),
        (e) => !e.failing && e.lastAttempt?.ok === true,
      ),
    ).toMatchObject({ failedDeliveries: 0, lastErrorExcerpt: null });
    expect(await (await support("POST", `/api/support/webhook-endpoints/${down.id}/replay`)).json()).toEqual({ replayed: 0 });
  }, 30_000);

  it("follows no redirect: a 3xx is a failed try", async () => {
    await receiver("moved.example", { status: 302, headers: { location: "https://elsewhere.example/hooks" } });
    await receiver("elsewhere.example", { status: 204 });
    const moved = await register({ url: "https://moved.example/hooks" });
    await adminOf(await createOrg(), "tomas@northwood.edu");
    await until(
      () => endpoint(moved.id),
      (e) => e.lastAttempt?.status === 302,
    );
    expect((await endpoint(moved.id)).lastAttempt).toMatchObject({ ok: false });
    // Removed: its retries find no endpoint and end.
    expect((await support("DELETE", `/api/support/webhook-endpoints/${moved.id}`)).status).toBe(200);
    expect(await deliveriesTo("elsewhere.example")).toEqual([]);
  });

  it("one slow receiver holds up no other", async () => {
    await receiver("slow.example", { status: 204, delayMs: 2500 });
    await receiver("fast.example", { status: 204 });
    await register({ url: "https://slow.example/hooks" });
    await register({ url: "https://fast.example/hooks" });
    const started = Date.now();
    await adminOf(await createOrg(), "tomas@northwood.edu");
    const [fast] = await until(
      () => deliveriesTo("fast.example"),
      (list) => list.length >= 1,
    );
    expect(fast.at - started).toBeLessThan(2500);
    // The slow one got it at the same time (and answers late).
    expect(Math.abs((await deliveriesTo("slow.example"))[0].at - fast.at)).toBeLessThan(1000);
  });
});

describe("the minute sweep and secret rotation", () => {
  it("hands over an event whose hand-over was lost after its write", async () => {
    await receiver("swept.example", { status: 204 });
    const swept = await register({ url: "https://swept.example/hooks", eventTypes: ["member.updated"] });
    const org = await createOrg();
    const tomas = await adminOf(org, "tomas@northwood.edu");
    // A change written straight to D1: no request hands its event over.
    await db().prepare("UPDATE memberships SET account_type = 'student' WHERE account_id = ?1").bind(tomas.accountId).run();
    const [event] = (await eventsOf(org)).filter((e) => e.type === "member.updated");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await deliveriesTo("swept.example")).toEqual([]);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env as never);
    await waitOnExecutionContext(ctx);
    const [delivery] = await until(
      () => deliveriesTo("swept.example"),
      (list) => list.length >= 1,
    );
    expect(verified(swept.secret, delivery)).toMatchObject({ type: "member.updated", data: { accountId: tomas.accountId } });
    expect(delivery.headers["webhook-id"]).toBe(event.id);
  });

  it("signs with the new secret and, during the overlap, the old one too", async () => {
    await receiver("rotating.example", { status: 204 });
    const made = await register({ url: "https://rotating.example/hooks", eventTypes: ["member.joined"] });
    const rotated = await (
      await support("POST", `/api/support/webhook-endpoints/${made.id}/rotate-secret`, { overlapSeconds: 3600 })
    ).json<{
      secret: string;
      previousSecretSignsUntil: string;
    }>();
    expect(rotated.secret).not.toBe(made.secret);
    expect(Date.parse(rotated.previousSecretSignsUntil) - Date.now()).toBeGreaterThan(3500_000);
    await adminOf(await createOrg(), "tomas@northwood.edu");
    const [delivery] = await until(
      () => deliveriesTo("rotating.example"),
      (list) => list.length >= 1,
    );
    expect(delivery.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verified(rotated.secret, delivery).type).toBe("member.joined");
    expect(verified(made.secret, delivery).type).toBe("member.joined");

    // With no overlap, only the newest secret signs.
    const again = await (
      await support("POST", `/api/support/webhook-endpoints/${made.id}/rotate-secret`, { overlapSeconds: 0 })
    ).json<{ secret: string }>();
    await adminOf(await createOrg(), "frank@northwood.edu");
    const later = await until(
      () => deliveriesTo("rotating.example"),
      (list) => list.length >= 2,
    );
    const last = later.at(-1)!;
    expect(last.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(verified(again.secret, last).type).toBe("member.joined");
    expect(() => new Webhook(rotated.secret).verify(last.body, last.headers)).toThrow();
  });
});
