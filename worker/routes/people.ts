/**
 * Organization admin API for people: join requests and decisions, members,
 * and the tenant's accounts that are not members yet. Behind requireOrgAdmin (app.ts).
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { register } from "../http/register";
import { route } from "../api/registry";
import { PageQuery, pageLimit } from "../api/schemas";
import { AccountIds, AddResults, DecisionResults, JoinRequest, Member, TenantAccount } from "../api/people-schemas";
import { addMembers, decide, listJoinRequests, listMembers, listTenantAccounts } from "../members/people";
import { reasonText } from "../account-type-reason";
import { pageLang } from "../pages/strings";
import { AppError } from "../errors";
import { changeMember, commit, removeMember as removal } from "../members/write-path";
import { selectMember, type AccountType } from "../storage/memberships";

const listRequests = route({
  method: "get",
  path: "/api/orgs/{id}/join-requests",
  auth: "org_admin",
  query: () => z.extend(PageQuery(), { status: z.optional(z.enum(["pending", "approved", "rejected", "cancelled"])) }),
  docs: __DOCS__ && {
    summary: "Join requests (pending by default), oldest first, with the requester's name, email and tenant UPN",
    response: z.object({ requests: z.array(JoinRequest), nextCursor: z.nullable(z.string()) }),
  },
});
const decisions = route({
  method: "post",
  path: "/api/orgs/{id}/join-requests/decisions",
  auth: "org_admin",
  body: () =>
    z.object({
      decisions: z
        .array(
          z.object({
            id: z.string().check(z.maxLength(64)),
            decision: z.enum(["approve", "reject"]),
            /** A school's account type for the approved member, when it is not the one the request asked for. */
            accountType: z.optional(z.enum(["student", "teacher"])),
          }),
        )
        .check(z.minLength(1), z.maxLength(500)),
    }),
  docs: __DOCS__ && {
    summary: "Approve or reject requests, one or up to 500 at once; a request already decided reports so and is not decided again",
    response: DecisionResults,
  },
});
const members = route({
  method: "get",
  path: "/api/orgs/{id}/members",
  auth: "org_admin",
  query: () => z.extend(PageQuery(), { q: z.optional(z.string().check(z.maxLength(100))) }),
  docs: __DOCS__ && {
    summary: "Members by name (q: name prefix), keyset-paged",
    response: z.object({ members: z.array(Member), nextCursor: z.nullable(z.string()) }),
  },
});
const patchMember = route({
  method: "patch",
  path: "/api/orgs/{id}/members/{accountId}",
  auth: "org_admin",
  body: () =>
    z.object({ accountType: z.optional(z.enum(["student", "teacher", "member"])), role: z.optional(z.enum(["admin", "member"])) }),
  docs: __DOCS__ && {
    summary: "Change a member's account type and/or role (the last admin cannot be demoted)",
    response: z.object({
      accountId: z.string(),
      role: z.string(),
      accountType: z.string(),
      accountTypeSource: z.string(),
      accountTypeReason: z.nullable(z.string()),
    }),
    errors: { 404: "Not a member", 409: "The last admin" },
  },
});
const removeMember = route({
  method: "delete",
  path: "/api/orgs/{id}/members/{accountId}",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary: "Remove a member; their sessions end at once",
    response: z.object({ removed: z.literal(true) }),
    errors: { 404: "Not a member", 409: "The last admin" },
  },
});
const tenantAccounts = route({
  method: "get",
  path: "/api/orgs/{id}/tenant-accounts",
  auth: "org_admin",
  query: PageQuery,
  docs: __DOCS__ && {
    summary: "Existing accounts from the organization's tenant that are not members (its tenant once proven: 409 before)",
    response: z.object({ accounts: z.array(TenantAccount), nextCursor: z.nullable(z.string()) }),
    errors: { 409: "No proven tenant: the integration is not active" },
  },
});
const addMembersRoute = route({
  method: "post",
  path: "/api/orgs/{id}/members",
  auth: "org_admin",
  body: AccountIds,
  docs: __DOCS__ && {
    summary: "Add tenant accounts pre-emptively (one or many)",
    response: AddResults,
    errors: { 409: "No proven tenant: the integration is not active" },
  },
});

const org = (c: Context<AppEnv>) => c.var.admin.organization;
const actorId = (c: Context<AppEnv>) => c.var.admin.actor.view.account.id;

export const peopleRoutes = new Hono<AppEnv>();

register(peopleRoutes, listRequests, async (c, input) => {
  const q = input.query;
  return c.json(
    await listJoinRequests(c.env.DB, {
      organizationId: org(c).id,
      status: q.status ?? "pending",
      cursor: q.cursor,
      limit: pageLimit(q.limit),
    }),
  );
});
register(peopleRoutes, decisions, async (c, input) => {
  const body = input.body;
  if (new Set(body.decisions.map((d) => d.id)).size !== body.decisions.length)
    throw new AppError(400, "invalid_request.same_request_twice");
  if (org(c).kind === "business" && body.decisions.some((d) => d.accountType))
    throw new AppError(400, "invalid_account_type", { kind: "business", allowed: ["member"] });
  return c.json({ results: await decide(c.env.DB, { org: org(c), decisions: body.decisions, actorId: actorId(c), now: c.var.now() }) });
});
register(peopleRoutes, members, async (c, input) => {
  const q = input.query;
  return c.json(
    await listMembers(c.env.DB, { organizationId: org(c).id, q: q.q, cursor: q.cursor, limit: pageLimit(q.limit), lang: pageLang(c) }),
  );
});
register(peopleRoutes, patchMember, async (c, input) => {
  const body = input.body;
  const accountId = c.req.param("accountId")!;
  const allowed: AccountType[] = org(c).kind === "education" ? ["student", "teacher"] : ["member"];
  if (body.accountType && !allowed.includes(body.accountType)) {
    throw new AppError(400, "invalid_account_type", { kind: org(c).kind, allowed });
  }
  if (!body.accountType && !body.role) throw new AppError(400, "invalid_request.no_change");
  const db = c.env.DB;
  const change = changeMember(db, {
    organizationId: org(c).id,
    accountId,
    role: body.role ?? null,
    accountType: body.accountType ?? null,
    actor: { type: "account", id: actorId(c) },
    now: c.var.now(),
  });
  const [updated] = await commit(db, change);
  const row = updated.results[0] as
    { account_id: string; role: string; account_type: string; account_type_source: string; account_type_reason: string | null } | undefined;
  if (!row) throw await whyNot(db, accountId, org(c).id);
  return c.json({
    accountId: row.account_id,
    role: row.role,
    accountType: row.account_type,
    accountTypeSource: row.account_type_source,
    accountTypeReason: reasonText(pageLang(c), row.account_type_reason),
  });
});
register(peopleRoutes, removeMember, async (c) => {
  const accountId = c.req.param("accountId")!;
  const db = c.env.DB;
  const [removed] = await commit(
    db,
    removal(db, { organizationId: org(c).id, accountId, actor: { type: "account", id: actorId(c) }, now: c.var.now() }),
  );
  if (!removed.results.length) throw await whyNot(db, accountId, org(c).id);
  return c.json({ removed: true as const });
});
register(peopleRoutes, tenantAccounts, async (c, input) => {
  const q = input.query;
  return c.json(await listTenantAccounts(c.env.DB, { organizationId: org(c).id, cursor: q.cursor, limit: pageLimit(q.limit) }));
});
register(peopleRoutes, addMembersRoute, async (c, input) => {
  const { accountIds } = input.body;
  return c.json({
    results: await addMembers(c.env.DB, { org: org(c), accountIds, actor: { type: "account", id: actorId(c) }, now: c.var.now() }),
  });
});

/** Why a member change did nothing: not a member (404), or the last admin (409). */
async function whyNot(db: D1Database, accountId: string, organizationId: string) {
  const member = await selectMember(db, { accountId, organizationId }).first<{ role: string }>();
  if (!member) return new AppError(404, "member_not_found");
  return new AppError(409, "last_admin");
}
