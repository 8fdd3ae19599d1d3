/**
 * The Users tab's API (members, account types and roles, the
 * last admin, removal) and the tenant's accounts that are not members yet; every
 * list keyset-paged and index-backed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { EMBEDDER, TestBrowser, WORKER, emulator, newHandoff, popupUntilCallback, collect, workerFetch } from "../support/browser";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, support, widgetSignIn } from "../support/orgs";

beforeEach(async () => {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
  await db().prepare("DELETE FROM accounts").run();
});

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });

describe("members", () => {
  it("lists members by name with search and keyset paging", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "ada@northwood.edu");
    const now = Date.now();
    const names = ["Zoe Zed", "Anna Alpha", "Aaron Aa", "Bob Beta", "anders andersson"];
    await db().batch(
      names.flatMap((name, i) => [
        db()
          .prepare("INSERT INTO accounts (id, display_name, email, email_verified, created_at) VALUES (?1, ?2, ?3, 1, ?4)")
          .bind(`m-${i}`, name, `p${i}@northwood.edu`, now),
        db()
          .prepare(
            "INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, name_key, created_at, updated_at) VALUES (?1, ?2, 'member', 'student', 'default', lower(?3), ?4, ?4)",
          )
          .bind(`m-${i}`, org.id, name, now),
      ]),
    );
    const page1 = (await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members?limit=2`))).body;
    expect(page1.members.map((m: any) => m.name)).toEqual(["Aaron Aa", "Ada Lovelace"]);
    const page2 = (await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members?limit=2&cursor=${page1.nextCursor}`))).body;
    expect(page2.members.map((m: any) => m.name)).toEqual(["anders andersson", "Anna Alpha"]);
    const search = (await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members?q=AN`))).body;
    expect(search.members.map((m: any) => m.name)).toEqual(["anders andersson", "Anna Alpha"]);
    expect(search.nextCursor).toBeNull();
    expect(search.members[1]).toMatchObject({
      accountId: "m-1",
      email: "p1@northwood.edu",
      role: "member",
      accountType: "student",
      accountTypeSource: "default",
      joinedAt: expect.any(String),
    });
    expect((await orgApi(admin.token, "GET", `/api/orgs/${org.id}/members?cursor=garbage`)).status).toBe(400);
  });

  it("changes account type and role, keeps the last admin, and audits each change", async () => {
    const org = await createOrg();
    const ada = await adminOf(org, "ada@northwood.edu");
    const sam = await adminOf(org, "sam@northwood.edu");
    const patch = (accountId: string, body: unknown, token = ada.token) =>
      orgApi(token, "PATCH", `/api/orgs/${org.id}/members/${accountId}`, body).then(json);
    expect(await patch(sam.accountId, { role: "member", accountType: "student" })).toMatchObject({
      status: 200,
      body: { role: "member", accountType: "student", accountTypeSource: "admin", accountTypeReason: "Set by an organization admin" },
    });
    expect(await patch(sam.accountId, { accountType: "teacher" })).toMatchObject({
      body: { accountType: "teacher", accountTypeSource: "admin" },
    });
    expect(await patch(sam.accountId, { accountType: "member" })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_account_type" } },
    });
    expect(await patch(ada.accountId, { role: "member" })).toEqual({
      status: 409,
      body: { error: { code: "last_admin", message: "This is the organization's last admin: make someone else an admin first." } },
    });
    expect(await patch("nobody", { role: "admin" })).toMatchObject({ status: 404 });
    // Sam is a member now: the member's own session says so at once (this isolate forgot it).
    expect((await json(await orgApi(sam.token, "GET", "/api/session"))).body.membership).toMatchObject({
      role: "member",
      accountType: "teacher",
    });
    expect((await orgApi(sam.token, "GET", `/api/orgs/${org.id}/members`)).status).toBe(403);
    const actions = ((await json(await orgApi(ada.token, "GET", `/api/orgs/${org.id}/audit`))).body.events as any[]).filter(
      (e) => e.action === "member.updated",
    );
    expect(actions).toHaveLength(2);
  });

  it("removes a member and ends their sessions at once; the last admin stays", async () => {
    const org = await createOrg();
    const ada = await adminOf(org, "ada@northwood.edu");
    const sam = await adminOf(org, "sam@northwood.edu");
    expect((await orgApi(ada.token, "DELETE", `/api/orgs/${org.id}/members/${sam.accountId}`)).status).toBe(200);
    expect((await json(await orgApi(sam.token, "GET", "/api/session"))).body).toEqual({ account: null, ended: "removed" });
    const revoked = await db()
      .prepare("SELECT COUNT(*) AS n FROM sessions WHERE account_id = ? AND revoked_at IS NULL")
      .bind(sam.accountId)
      .first();
    expect(revoked).toEqual({ n: 0 });
    expect(await json(await orgApi(ada.token, "DELETE", `/api/orgs/${org.id}/members/${ada.accountId}`))).toMatchObject({
      status: 409,
      body: { error: { code: "last_admin" } },
    });
    // Someone who is not a member: nothing happens to their sessions.
    const tomas = await widgetSignIn("tomas@northwood.edu");
    expect((await orgApi(ada.token, "DELETE", `/api/orgs/${org.id}/members/${tomas.accountId}`)).status).toBe(404);
    expect((await json(await orgApi(tomas.token, "GET", "/api/session"))).body.account).not.toBeNull();
  });
});

describe("the tenant's accounts that are not members", () => {
  it("lists them (even from another organization) and adds one or many, moving them in", async () => {
    const tomas = await widgetSignIn("tomas@northwood.edu");
    const sam = await widgetSignIn("sam@northwood.edu");
    const ray = await widgetSignIn("ray@riverside-academy.org");
    const elsewhere = await createOrg({ name: "Elsewhere" });
    await support("PUT", `/api/support/organizations/${elsewhere.id}/admins/${sam.accountId}`);
    const org = await createOrg({ name: "Northwood (members test)" });
    const admin = await adminOf(org, "ada@northwood.edu");
    const noTenant = {
      status: 409,
      body: {
        error: {
          code: "no_tenant",
          message:
            "Connect the organization's Microsoft tenant first (Integrations): its people are listed and added once the integration is active.",
        },
      },
    };
    expect(await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts`))).toEqual(noTenant);
    // A tenant ID only typed in proves nothing: its people are neither listed nor added.
    expect((await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);
    expect(await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts`))).toEqual(noTenant);
    expect(await json(await orgApi(admin.token, "POST", `/api/orgs/${org.id}/members`, { accountIds: [tomas.accountId] }))).toEqual(
      noTenant,
    );
    expect((await json(await orgApi(tomas.token, "GET", "/api/session"))).body.organization).toBeNull();
    expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);

    const list = (await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts?limit=1`))).body;
    expect(list.accounts).toHaveLength(1);
    const all = [
      list.accounts[0],
      ...(await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts?cursor=${list.nextCursor}`))).body.accounts,
    ];
    expect(all.map((a: any) => a.name).sort()).toEqual(["Sam Student", "Tomás Teacher"]);
    expect(all.find((a: any) => a.name === "Sam Student")).toMatchObject({
      upn: "sam@northwood.edu",
      organization: { id: elsewhere.id, name: "Elsewhere" },
      pendingRequest: false,
    });

    const add = (ids: string[]) => orgApi(admin.token, "POST", `/api/orgs/${org.id}/members`, { accountIds: ids }).then(json);
    // Sam is Elsewhere's only admin: moving him would leave it with none.
    expect((await add([tomas.accountId, sam.accountId, ray.accountId, admin.accountId])).body.results).toEqual([
      { accountId: tomas.accountId, outcome: "added" },
      {
        accountId: sam.accountId,
        outcome: "last_admin",
        message:
          "This person is the only admin of Elsewhere, which would be left with none. They can join once someone else is an admin there; nothing changed.",
      },
      { accountId: ray.accountId, outcome: "not_in_tenant" },
      { accountId: admin.accountId, outcome: "already_member" },
    ]);
    expect((await json(await orgApi(sam.token, "GET", "/api/session"))).body).toMatchObject({
      organization: { id: elsewhere.id },
      membership: { role: "admin" },
    });
    // Support cannot move him either.
    expect(await json(await support("PUT", `/api/support/organizations/${org.id}/admins/${sam.accountId}`))).toEqual({
      status: 409,
      body: {
        error: { code: "last_admin", message: "This account is the only admin of Elsewhere: make someone else an admin there first." },
      },
    });
    await support("PUT", `/api/support/organizations/${elsewhere.id}/admins/${ray.accountId}`);
    expect((await add([sam.accountId])).body.results).toEqual([{ accountId: sam.accountId, outcome: "moved" }]);
    expect((await json(await orgApi(tomas.token, "GET", "/api/session"))).body).toMatchObject({
      organization: { id: org.id },
      membership: { role: "member", accountType: "student", accountTypeSource: "default" },
    });
    expect((await json(await orgApi(admin.token, "GET", `/api/orgs/${org.id}/tenant-accounts`))).body.accounts).toEqual([]);
    // Why Tomás is a student for now, in the panel's language (Accept-Language).
    const inFinnish = await workerFetch(
      new Request(`${WORKER}/api/orgs/${org.id}/members?q=tom`, {
        headers: { origin: EMBEDDER, authorization: `Bearer ${admin.token}`, "accept-language": "fi" },
      }),
    );
    expect(((await inFinnish.json()) as any).members[0]).toMatchObject({
      name: "Tomás Teacher",
      accountTypeSource: "default",
      accountTypeReason: "Ylläpitäjä lisäsi",
    });
    const audit = await db()
      .prepare("SELECT target FROM audit_events WHERE organization_id = ? AND action = 'member.added' ORDER BY target")
      .bind(org.id)
      .all();
    expect(audit.results.map((r: any) => r.target).sort()).toEqual([tomas.accountId, sam.accountId].sort());
    // Support can do the same for any organization.
    const viaSupport = await json(await support("GET", `/api/support/organizations/${org.id}/tenant-accounts`));
    expect(viaSupport).toEqual({ status: 200, body: { accounts: [], nextCursor: null } });
  });

  it("never reads Graph after sign-up: a member support adds is a student until an admin says otherwise", async () => {
    const org = await createOrg({ name: "Northwood (added later)" });
    await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood });
    await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
    // Tomás's account existed before (he is a teacher in School Data Sync), and support adds him.
    await db()
      .prepare("INSERT INTO accounts (id, display_name, email, created_at) VALUES ('old-tomas', 'Tomás Teacher', 'tomas@northwood.edu', 1)")
      .run();
    await db()
      .prepare(
        "INSERT INTO identities (tid, oid, account_id, upn, created_at, last_sign_in_at) VALUES (?, '0a1b2c3d-0001-4000-8000-000000000002', 'old-tomas', 'tomas@northwood.edu', 1, 1)",
      )
      .bind(TENANT.northwood)
      .run();
    expect(
      (await json(await support("POST", `/api/support/organizations/${org.id}/members`, { accountIds: ["old-tomas"] }))).body.results,
    ).toEqual([{ accountId: "old-tomas", outcome: "added" }]);
    await emulator("/_emulator/stats/reset", {});
    const signIn = async () => {
      const browser = new TestBrowser();
      const handoff = await newHandoff();
      const callback = await popupUntilCallback(browser, "tomas@northwood.edu", handoff);
      await browser.follow(await browser.worker(callback.pathname + callback.search));
      return (await (await collect(handoff.secret)).json()) as any;
    };
    expect((await signIn()).membership).toMatchObject({ accountType: "student", accountTypeSource: "default" });
    await signIn();
    expect((await emulator("/_emulator/stats")).graphByPath ?? {}).toEqual({});
  });
});
