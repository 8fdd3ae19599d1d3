/**
 * Joining: an existing account whose tenant's organization it is not in is offered
 * to join; requests are idempotent, cancellable, decided once (one by one or in bulk)
 * and audited; the requester sees the outcome.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { EMBEDDER, WORKER, emulator, workerFetch } from "../support/browser";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, support, widgetSignIn, type Org } from "../support/orgs";

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
  await db().prepare("DELETE FROM accounts").run();
});

const session = async (token: string) => (await (await orgApi(token, "GET", "/api/session")).json()) as any;

/** Chris has used ThingLink before Contoso's organization connected its tenant. */
async function existingThenConnected() {
  const chris = await widgetSignIn("chris@contoso.com");
  const org = await createOrg({ kind: "business", license: "enterprise", name: "Contoso (join test)" });
  const admin = await adminOf(org, "carla@contoso.com");
  expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.contoso })).status).toBe(200);
  return { chris, org, admin };
}

const ask = (token: string, org: Org) => orgApi(token, "POST", "/api/join-requests", { organizationId: org.id });

describe("the join prompt and requests", () => {
  it("offers to join; asking twice (or from two tabs at once) gives one pending request", async () => {
    const { chris, org, admin } = await existingThenConnected();
    expect(await session(chris.token)).toMatchObject({
      organization: null,
      joinSuggestion: { organization: { id: org.id, name: org.name }, leavesOrganization: null },
      joinRequest: null,
    });
    const [a, b] = await Promise.all([ask(chris.token, org), ask(chris.token, org)]);
    const [ra, rb] = [(await a.json()) as any, (await b.json()) as any];
    expect(ra.id).toBe(rb.id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const again = (await (await ask(chris.token, org)).json()) as any;
    expect(again).toMatchObject({ id: ra.id, organization: { id: org.id }, status: "pending" });
    expect(await session(chris.token)).toMatchObject({
      joinSuggestion: null,
      joinRequest: { id: ra.id, status: "pending", decidedAt: null },
    });
    expect(await session(admin.token)).toMatchObject({ adminOf: { id: org.id, pendingRequests: 1 } });
    const n = await db().prepare("SELECT COUNT(*) AS n FROM join_requests WHERE account_id = ?").bind(chris.accountId).first();
    expect(n).toEqual({ n: 1 });
  });

  it("lets the requester cancel, and refuses organizations their tenant does not link to", async () => {
    const { chris, org } = await existingThenConnected();
    await ask(chris.token, org);
    const cancel = await orgApi(chris.token, "DELETE", "/api/join-requests/current");
    expect(cancel.status).toBe(200);
    expect((await orgApi(chris.token, "DELETE", "/api/join-requests/current")).status).toBe(404);
    expect((await session(chris.token)).joinSuggestion).toMatchObject({ organization: { id: org.id } });
    const other = await createOrg();
    const refused = await ask(chris.token, other);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as any).error).toEqual({
      code: "not_joinable",
      message: "You can ask to join only the organization your Microsoft tenant is connected to.",
    });
    // The widget asks in its language (Accept-Language), and shows the API's words.
    const inFinnish = await workerFetch(
      new Request(`${WORKER}/api/join-requests`, {
        method: "POST",
        headers: { origin: EMBEDDER, authorization: `Bearer ${chris.token}`, "content-type": "application/json", "accept-language": "fi" },
        body: JSON.stringify({ organizationId: other.id }),
      }),
    );
    expect(((await inFinnish.json()) as any).error).toEqual({
      code: "not_joinable",
      message: "Voit pyytää liittymistä vain organisaatioon, johon Microsoft-vuokraajasi on liitetty.",
    });
    // Validation messages name their field, in English whatever the language.
    const invalid = await workerFetch(
      new Request(`${WORKER}/api/join-requests`, {
        method: "POST",
        headers: { origin: EMBEDDER, authorization: `Bearer ${chris.token}`, "content-type": "application/json", "accept-language": "fi" },
        body: "{}",
      }),
    );
    expect(((await invalid.json()) as any).error).toEqual({
      code: "invalid_request",
      message: "Invalid request body: organizationId is required.",
    });
    const events = await db()
      .prepare("SELECT action FROM audit_events WHERE organization_id = ? AND action LIKE 'join_request.%' ORDER BY id")
      .bind(org.id)
      .all();
    expect(events.results.map((e: any) => e.action)).toEqual(["join_request.created", "join_request.cancelled"]);
  });

  it("'Not now' keeps the prompt away for 30 days, on every device", async () => {
    const { chris, org } = await existingThenConnected();
    const res = await orgApi(chris.token, "POST", "/api/join-suggestions/dismiss", { organizationId: org.id });
    const body = (await res.json()) as any;
    expect(new Date(body.dismissedUntil).getTime() - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
    expect((await session(chris.token)).joinSuggestion).toBeNull();
    const otherDevice = await widgetSignIn("chris@contoso.com");
    expect((await session(otherDevice.token)).joinSuggestion).toBeNull();
    // Asking anyway is still possible.
    expect((await ask(chris.token, org)).status).toBe(201);
  });

  it("shows admins an email only when Microsoft marked it verified (the UPN otherwise)", async () => {
    // Mallory's tenant admin set her mail to the CEO's address at another company (xms_edov: false).
    const mallory = await widgetSignIn("mallory@contoso.com");
    const { org, admin } = await existingThenConnected();
    expect((await ask(mallory.token, org)).status).toBe(201);
    const list = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/join-requests?status=pending`)).json()) as any;
    expect(list.requests.map((r: any) => r.account)).toEqual([
      { id: mallory.accountId, name: "Mallory Mailswap", email: null, upn: "mallory@contoso.com" },
    ]);
    const tenant = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts`)).json()) as any;
    expect(tenant.accounts.find((a: any) => a.accountId === mallory.accountId)).toMatchObject({ email: null, upn: "mallory@contoso.com" });
    const decided = (await (
      await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
        decisions: [{ id: list.requests[0].id, decision: "approve" }],
      })
    ).json()) as any;
    expect(decided.results[0].outcome).toBe("approved");
    const members = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members?q=mallory`)).json()) as any;
    expect(members.members[0]).toMatchObject({ name: "Mallory Mailswap", email: null, upn: "mallory@contoso.com" });
  });

  it("approval makes the requester a member, who sees the outcome; a second decision is refused with a clear message", async () => {
    const { chris, org, admin } = await existingThenConnected();
    const request = (await (await ask(chris.token, org)).json()) as any;
    const list = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/join-requests?status=pending`)).json()) as any;
    expect(list.requests).toEqual([
      {
        id: request.id,
        account: { id: chris.accountId, name: "Chris Employee", email: "chris@contoso.com", upn: "chris@contoso.com" },
        status: "pending",
        accountType: null,
        createdAt: expect.any(String),
        decidedAt: null,
        decidedBy: null,
      },
    ]);
    const decide = (decision: "approve" | "reject") =>
      orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, { decisions: [{ id: request.id, decision }] });
    const [x, y] = await Promise.all([decide("approve"), decide("reject")]);
    const outcomes = [((await x.json()) as any).results[0], ((await y.json()) as any).results[0]];
    const winner = outcomes.find((o) => o.outcome !== "already_decided")!;
    const loser = outcomes.find((o) => o.outcome === "already_decided")!;
    expect(loser.message).toBe(`Already ${winner.status} by Carla Admin; it was not decided again.`);
    const me = await session(chris.token);
    if (winner.outcome === "approved") {
      expect(me).toMatchObject({
        organization: { id: org.id },
        membership: { role: "member", accountType: "member" },
        joinRequest: { id: request.id, status: "approved" },
        joinSuggestion: null,
      });
    } else {
      expect(me).toMatchObject({ organization: null, joinRequest: { id: request.id, status: "rejected" }, joinSuggestion: null });
    }
    const audit = await db()
      .prepare(
        "SELECT action, actor_id, target FROM audit_events WHERE organization_id = ? AND action LIKE 'join_request.%ed' AND action <> 'join_request.created'",
      )
      .bind(org.id)
      .all();
    expect(audit.results).toEqual([{ action: `join_request.${winner.status}`, actor_id: admin.accountId, target: chris.accountId }]);
  });

  it("decides many at once in one batch, and reports unknown and already decided requests", async () => {
    const { org, admin } = await existingThenConnected();
    const now = Date.now();
    const ids = Array.from({ length: 500 }, (_, i) => `bulk-${i}`);
    await db().batch(
      ids.map((id, i) =>
        db()
          .prepare("INSERT INTO accounts (id, display_name, created_at) VALUES (?1, ?2, ?3)")
          .bind(`acct-${id}`, `Person ${String(i).padStart(3, "0")}`, now),
      ),
    );
    await db().batch(
      ids.map((id, i) =>
        db()
          .prepare("INSERT INTO join_requests (id, account_id, organization_id, status, created_at) VALUES (?1, ?2, ?3, 'pending', ?4)")
          .bind(id, `acct-${id}`, org.id, now + i),
      ),
    );
    const decisions = ids.map((id, i) => ({ id, decision: i % 2 ? "reject" : "approve" }));
    const res = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, { decisions });
    const results = ((await res.json()) as any).results;
    expect(results).toHaveLength(500);
    expect(results.filter((r: any) => r.outcome === "approved")).toHaveLength(250);
    expect(results.filter((r: any) => r.outcome === "rejected")).toHaveLength(250);
    const members = await db()
      .prepare("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ? AND account_id LIKE 'acct-bulk-%'")
      .bind(org.id)
      .first();
    expect(members).toEqual({ n: 250 });
    const again = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [
        { id: "bulk-0", decision: "reject" },
        { id: "nope", decision: "approve" },
      ],
    });
    expect(((await again.json()) as any).results.map((r: any) => r.outcome)).toEqual(["already_decided", "not_found"]);
    const twice = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [
        { id: "bulk-1", decision: "reject" },
        { id: "bulk-1", decision: "approve" },
      ],
    });
    expect(twice.status).toBe(400);
    const tooMany = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [...decisions, { id: "x", decision: "approve" }],
    });
    expect(tooMany.status).toBe(400);
  });

  it("says first that joining moves an account out of its current organization", async () => {
    const { chris, org } = await existingThenConnected();
    const current = await createOrg({ kind: "business", license: "enterprise", name: "Elsewhere Ltd" });
    await support("PUT", `/api/support/organizations/${current.id}/admins/${chris.accountId}`);
    const { sessionCache } = await import("../../worker/session/session-store");
    sessionCache.evictAccounts([chris.accountId]);
    expect((await session(chris.token)).joinSuggestion).toEqual({
      organization: { id: org.id, name: org.name, kind: org.kind },
      leavesOrganization: { id: current.id, name: "Elsewhere Ltd" },
    });
  });

  it("never leaves an organization without an admin: its only admin cannot ask, and is not moved by an approval", async () => {
    const { chris, org, admin } = await existingThenConnected();
    const solo = await createOrg({ kind: "business", license: "enterprise", name: "Solo Ltd" });
    // Chris asks while a member elsewhere, then becomes Solo's only admin while the request waits.
    const request = (await (await ask(chris.token, org)).json()) as any;
    await support("PUT", `/api/support/organizations/${solo.id}/admins/${chris.accountId}`);
    const decide = () =>
      orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
        decisions: [{ id: request.id, decision: "approve" }],
      }).then(async (r) => ((await r.json()) as any).results[0]);
    expect(await decide()).toEqual({
      id: request.id,
      outcome: "last_admin",
      status: "pending",
      message:
        "Chris Employee is the only admin of Solo Ltd, which would be left with none. They can join once someone else is an admin there; the request stays pending.",
    });
    expect(await session(chris.token)).toMatchObject({
      organization: { id: solo.id },
      membership: { role: "admin" },
      joinRequest: { id: request.id, status: "pending" },
    });
    expect(
      await db()
        .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE organization_id = ? AND action = 'join_request.approved'")
        .bind(org.id)
        .first(),
    ).toEqual({ n: 0 });
    // A new request from Solo's only admin is refused up front.
    await orgApi(chris.token, "DELETE", "/api/join-requests/current");
    const refused = await ask(chris.token, org);
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 409,
      body: {
        error: {
          code: "last_admin",
          message: `You are the only admin of Solo Ltd: make someone else an admin there first, then ask to join ${org.name}.`,
        },
      },
    });
    // Once Solo has another admin, Chris can go.
    const other = await widgetSignIn("mallory@contoso.com");
    await support("PUT", `/api/support/organizations/${solo.id}/admins/${other.accountId}`);
    const again = (await (await ask(chris.token, org)).json()) as any;
    expect(
      await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
        decisions: [{ id: again.id, decision: "approve" }],
      }).then(async (r) => ((await r.json()) as any).results[0].outcome),
    ).toBe("approved");
    expect(await session(chris.token)).toMatchObject({ organization: { id: org.id }, membership: { role: "member" } });
  });
});

describe("a school's requests carry the account type, and nothing is read from Microsoft after sign-up", () => {
  /** Tomás, Sam and Frank used ThingLink before Northwood connected its tenant; Ada is its admin. */
  async function schoolThenConnected() {
    const people = {
      tomas: await widgetSignIn("tomas@northwood.edu"),
      sam: await widgetSignIn("sam@northwood.edu"),
      frank: await widgetSignIn("frank@northwood.edu"),
    };
    const org = await createOrg({ name: "Northwood (requests with types)" });
    const admin = await adminOf(org, "ada@northwood.edu");
    expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    return { ...people, org, admin };
  }
  const askAs = (token: string, org: Org, accountType?: "student" | "teacher") =>
    orgApi(token, "POST", "/api/join-requests", { organizationId: org.id, accountType });

  it("the prompt knows a school asks; the request, the Requests tab and the approval use the type; no Graph call from request to next sign-in", async () => {
    const { tomas, sam, frank, org, admin } = await schoolThenConnected();
    expect((await session(tomas.token)).joinSuggestion).toMatchObject({ organization: { id: org.id, kind: "education" } });
    await emulator("/_emulator/stats/reset", {});

    const asked = {
      tomas: (await (await askAs(tomas.token, org, "teacher")).json()) as any,
      sam: (await (await askAs(sam.token, org, "student")).json()) as any,
      frank: (await (await askAs(frank.token, org)).json()) as any,
    };
    expect(asked.tomas).toMatchObject({ status: "pending", accountType: "teacher" });
    expect(asked.frank).toMatchObject({ status: "pending", accountType: null });
    expect((await session(tomas.token)).joinRequest).toMatchObject({ id: asked.tomas.id, status: "pending", accountType: "teacher" });
    const list = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/join-requests`)).json()) as any;
    expect(Object.fromEntries(list.requests.map((r: any) => [r.account.name, r.accountType]))).toEqual({
      "Tomás Teacher": "teacher",
      "Sam Student": "student",
      "Frank Faculty": null,
    });

    // Tomás as asked; Sam, who said student, the admin makes a teacher; Frank said nothing.
    const decided = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [
        { id: asked.tomas.id, decision: "approve" },
        { id: asked.sam.id, decision: "approve", accountType: "teacher" },
        { id: asked.frank.id, decision: "approve" },
      ],
    });
    expect(((await decided.json()) as any).results.map((r: any) => r.outcome)).toEqual(["approved", "approved", "approved"]);
    const members = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members`)).json()) as any;
    const typeOf = (name: string) => {
      const m = members.members.find((x: any) => x.name === name);
      return [m.accountType, m.accountTypeSource, m.accountTypeReason];
    };
    expect(typeOf("Tomás Teacher")).toEqual(["teacher", "request", "As asked in the request to join"]);
    expect(typeOf("Sam Student")).toEqual(["teacher", "admin", "Set by the admin who approved the request"]);
    expect(typeOf("Frank Faculty")).toEqual(["student", "default", "Joined by request, without saying student or teacher"]);

    // Their next sign-in: members as approved, and still no Graph call.
    const again = await widgetSignIn("tomas@northwood.edu");
    expect((await session(again.token)).membership).toEqual({ role: "member", accountType: "teacher", accountTypeSource: "request" });
    expect((await emulator("/_emulator/stats")).graphByPath ?? {}).toEqual({});
  });

  it("shows the decision until the requester has read it, on every device", async () => {
    const { tomas, org, admin } = await schoolThenConnected();
    const request = (await (await askAs(tomas.token, org, "teacher")).json()) as any;
    await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [{ id: request.id, decision: "approve" }],
    });
    expect((await session(tomas.token)).joinRequest).toMatchObject({ id: request.id, status: "approved" });
    const seen = await orgApi(tomas.token, "POST", `/api/join-requests/${request.id}/seen`);
    expect(seen.status).toBe(200);
    expect(await seen.json()).toEqual({ id: request.id, seen: true });
    expect((await session(tomas.token)).joinRequest).toBeNull();
    const elsewhere = await widgetSignIn("tomas@northwood.edu");
    expect((await session(elsewhere.token)).joinRequest).toBeNull();
    // Only one's own decided request: someone else's id, or a pending one, is not found.
    const other = await orgApi(admin.token, "POST", `/api/join-requests/${request.id}/seen`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as any).error).toEqual({
      code: "no_decided_request",
      message: "You have no decided request to join with this id.",
    });
  });

  it("refuses an account type for a business, and anything but student or teacher for a school", async () => {
    const { chris, org, admin } = await existingThenConnected();
    const refused = await askAs(chris.token, org, "teacher");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error).toEqual({
      code: "invalid_account_type",
      message: "In a business organization the account type is member.",
    });
    const request = (await (await ask(chris.token, org)).json()) as any;
    const decided = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
      decisions: [{ id: request.id, decision: "approve", accountType: "student" }],
    });
    expect(decided.status).toBe(400);
    const school = await schoolThenConnected();
    const odd = await orgApi(school.sam.token, "POST", "/api/join-requests", { organizationId: school.org.id, accountType: "member" });
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as any).error.code).toBe("invalid_request");
  });
});
