/**
 * Host back-ends learn what changed (docs/events.md): every change writes its event with it
 * (the outbox), the feed gives them oldest first, and webhooks deliver them through the real
 * Queues of local workerd to receivers (the test sites server), signed per Standard Webhooks
 * and verified here with its reference library.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TENANT, adminOf, createOrg, db, support } from "../support/orgs";
import { eventsWorld, eventsOf, feed, register, schoolStory } from "../support/webhooks";

beforeEach(eventsWorld);

describe("the outbox: every change writes its event with it", () => {
  it("records each change of a school's life in order, with ids and never a name or an email", async () => {
    const { org, ada, sam, requestId } = await schoolStory();
    const events = await eventsOf(org);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        "member.joined",
        { organizationId: org.id, accountId: ada.accountId, role: "admin", accountType: expect.any(String), via: "support" },
      ],
      ["integration.updated", { organizationId: org.id, status: "active", tenantId: TENANT.northwood }],
      ["member.joined", { organizationId: org.id, accountId: sam.accountId, role: "member", accountType: "student", via: "sign_up" }],
      [
        "member.updated",
        { organizationId: org.id, accountId: sam.accountId, role: "member", accountType: "teacher", changed: ["accountType"] },
      ],
      ["member.removed", { organizationId: org.id, accountId: sam.accountId, reason: "removed" }],
      ["join_request.created", { organizationId: org.id, accountId: sam.accountId, requestId, accountType: "student" }],
      [
        "join_request.decided",
        { organizationId: org.id, accountId: sam.accountId, requestId, decision: "approved", accountType: "student" },
      ],
      ["member.joined", { organizationId: org.id, accountId: sam.accountId, role: "member", accountType: "student", via: "request" }],
      ["integration.updated", { organizationId: org.id, status: "disabled", tenantId: TENANT.northwood }],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => /^evt_[0-9a-f]{32}$/.test(e.id) && e.organizationId === org.id && !isNaN(Date.parse(e.occurredAt)))).toBe(
      true,
    );
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/@|Sam Student|Ada Lovelace/);
  });

  it("a move between organizations is a removal from the one and a joining of the other", async () => {
    const from = await createOrg({ name: "Moved From" });
    const to = await createOrg({ name: "Moved To" });
    await adminOf(from, "ada@northwood.edu");
    const frank = await adminOf(from, "frank@northwood.edu");
    expect((await support("PUT", `/api/support/organizations/${to.id}/admins/${frank.accountId}`)).status).toBe(200);
    expect((await eventsOf(from)).at(-1)).toMatchObject({ type: "member.removed", data: { accountId: frank.accountId, reason: "moved" } });
    expect((await eventsOf(to)).at(-1)).toMatchObject({
      type: "member.joined",
      data: { accountId: frank.accountId, via: "support", role: "admin" },
    });
  });

  it("a batch that fails leaves neither the change nor its event", async () => {
    const org = await createOrg();
    const tomas = await adminOf(org, "tomas@northwood.edu");
    const before = (await eventsOf(org)).length;
    const bad = db().batch([
      db().prepare("UPDATE memberships SET account_type = 'student' WHERE account_id = ?1").bind(tomas.accountId),
      db().prepare("UPDATE memberships SET role = 'owner' WHERE account_id = ?1").bind(tomas.accountId),
    ]);
    await expect(bad).rejects.toThrow(/CHECK constraint failed/);
    const row = await db()
      .prepare("SELECT account_type FROM memberships WHERE account_id = ?1")
      .bind(tomas.accountId)
      .first<{ account_type: string }>();
    expect(row!.account_type).toBe("teacher");
    expect((await eventsOf(org)).length).toBe(before);
    // And the same change alone is committed with its event.
    await db().prepare("UPDATE memberships SET account_type = 'student' WHERE account_id = ?1").bind(tomas.accountId).run();
    expect((await eventsOf(org)).at(-1)).toMatchObject({
      type: "member.updated",
      data: { accountType: "student", changed: ["accountType"] },
    });
  });
});

describe("the feed", () => {
  it("pages oldest first after a cursor, filters by organization (id or slug), and refuses a cursor it does not know", async () => {
    const { org } = await schoolStory();
    const all = await eventsOf(org);
    const first = await feed(`organizationId=${org.slug}&limit=4`);
    expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    expect(first.nextCursor).toBe(all[3].id);
    const rest = await feed(`organizationId=${org.id}&after=${first.nextCursor}&limit=100`);
    expect(rest.events.map((e) => e.id)).toEqual(all.slice(4).map((e) => e.id));
    expect(rest.nextCursor).toBeNull();
    // Without the filter, the same events in the same order, among others'.
    const everything: string[] = [];
    let after: string | null = null;
    do {
      const page = await feed(`limit=100${after ? `&after=${after}` : ""}`);
      everything.push(...page.events.map((e) => e.id));
      after = page.nextCursor;
    } while (after);
    expect(everything.filter((id) => all.some((e) => e.id === id))).toEqual(all.map((e) => e.id));

    // An empty `after` (a host's first run) reads from the start.
    expect((await feed(`organizationId=${org.id}&after=&limit=4`)).events.map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    const unknown = await support("GET", "/api/support/events?after=evt_00000000000000000000000000000000");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "Invalid query: after names no event that is still kept (events are kept 30 days); read the feed from its start instead.",
      },
    });
    expect((await support("GET", "/api/support/events", undefined, "wrong-token")).status).toBe(401);
  });
});

describe("webhook endpoints", () => {
  it("takes https (or http to loopback), shows the secret once, lists without it, and removes", async () => {
    const refused = async (url: string, message: string) => {
      const res = await support("POST", "/api/support/webhook-endpoints", { url });
      expect(res.status).toBe(400);
      expect((await res.json<{ error: { message: string } }>()).error.message).toBe(message);
    };
    await refused(
      "http://hooks.example/in",
      "Invalid request body: url must start with https:// (or http:// to localhost, 127.0.0.1 or [::1], for development).",
    );
    await refused(
      "ftp://hooks.example/in",
      "Invalid request body: url must start with https:// (or http:// to localhost, 127.0.0.1 or [::1], for development).",
    );
    await refused(
      "https://user:pw@hooks.example/in",
      "Invalid request body: url must not carry a user name or password; a receiver checks each delivery's signature instead.",
    );
    await refused("http://127.0.0.1:8787/hooks", "Invalid request body: url must not point at this service itself.");
    await refused("not a url", "Invalid request body: url is not a URL.");
    const unknownOrg = await support("POST", "/api/support/webhook-endpoints", {
      url: "https://hooks.example/in",
      organizationId: "no-such-org",
    });
    expect(unknownOrg.status).toBe(404);
    // An empty organization is a mistake, not "every organization".
    const emptyOrg = await support("POST", "/api/support/webhook-endpoints", { url: "https://hooks.example/in", organizationId: "" });
    expect(emptyOrg.status).toBe(400);

    const org = await createOrg();
    const local = await register({ url: "http://localhost:9999/hooks#x" });
    expect(local.url).toBe("http://localhost:9999/hooks");
    const made = await register({
      url: "https://hooks.example/in",
      eventTypes: ["member.removed", "member.removed"],
      organizationId: org.slug,
    });
    expect(made).toMatchObject({ url: "https://hooks.example/in", eventTypes: ["member.removed"], organizationId: org.id });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await (await support("GET", "/api/support/webhook-endpoints")).json<{ endpoints: Array<Record<string, unknown>> }>();
    expect(list.endpoints.map((e) => e.id)).toEqual([local.id, made.id]);
    expect(JSON.stringify(list)).not.toContain("whsec_");
    expect(list.endpoints[1]).toMatchObject({ failing: false, failedDeliveries: 0, lastAttempt: null, previousSecretSignsUntil: null });
    expect((await support("DELETE", `/api/support/webhook-endpoints/${made.id}`)).status).toBe(200);
    const gone = await support("DELETE", `/api/support/webhook-endpoints/${made.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: { code: "not_found", message: "There is no such webhook endpoint." } });
  });
});
