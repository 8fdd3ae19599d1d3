/**
 * The signed-in account's side of joining: ask to join the
 * organization its tenant links to, cancel, or "Not now" (30 days, on every device).
 * Every route reads the session from D1; asking twice gives the same request.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { register } from "../http/register";
import { route } from "../api/registry";
import { dateTime } from "../api/schemas";
import { AppError } from "../errors";
import { sha256 } from "../crypto";
import { byClientAddress, rateLimit } from "../http/rate-limit";
import { sessionTokenOf } from "../http/session-token";
import { integrationAvailability } from "../integration/availability";
import { commit, sessionChange } from "../members/write-path";
import { afterChange, insertAuditEventWhen } from "../storage/audit-events";
import { selectJoinableOrganization } from "../storage/integrations";
import {
  auditCancellation,
  cancelPendingJoinRequest,
  dismissJoinSuggestion,
  insertPendingJoinRequest,
  markOutcomeSeen,
  selectPendingJoinRequest,
  type JoinRequestRow,
} from "../storage/join-requests";
import { countAdmins } from "../storage/memberships";
import type { OrganizationRow } from "../storage/organizations";

const JOIN_PROMPT_QUIET_MS = 30 * 24 * 60 * 60 * 1000;
const organizationId = () => z.string().check(z.minLength(1), z.maxLength(64));
const Request = __DOCS__
  ? z.object({
      id: z.string(),
      organization: z.object({ id: z.string(), name: z.string() }),
      status: z.literal("pending"),
      accountType: z.nullable(z.enum(["student", "teacher"])),
      createdAt: dateTime,
      decidedAt: z.null(),
    })
  : (null as never);

const create = route({
  method: "post",
  path: "/api/join-requests",
  auth: "session",
  body: () => z.object({ organizationId: organizationId(), accountType: z.optional(z.enum(["student", "teacher"])) }),
  docs: __DOCS__ && {
    summary:
      "Ask to join the organization your Microsoft tenant links to (a school's asks whether you are a student or a teacher); asking twice returns the same pending request",
    response: Request,
    errors: {
      404: "Not an organization you can ask to join",
      409: "Already a member, a request is pending elsewhere, or you are the only admin of your organization",
    },
  },
});
const cancel = route({
  method: "delete",
  path: "/api/join-requests/current",
  auth: "session",
  docs: __DOCS__ && {
    summary: "Cancel your pending request",
    response: z.object({ cancelled: z.literal(true), id: z.string() }),
    errors: { 404: "No pending request" },
  },
});
const seen = route({
  method: "post",
  path: "/api/join-requests/{requestId}/seen",
  auth: "session",
  docs: __DOCS__ && {
    summary: "The requester has read the decision of their request (joined, or not): it is not shown again, on any device",
    response: z.object({ id: z.string(), seen: z.literal(true) }),
    errors: { 404: "No decided request of yours with this id" },
  },
});
const dismiss = route({
  method: "post",
  path: "/api/join-suggestions/dismiss",
  auth: "session",
  body: () => z.object({ organizationId: organizationId() }),
  docs: __DOCS__ && {
    summary: "Not now: the join prompt stays away for 30 days",
    response: z.object({ organizationId: z.string(), dismissedUntil: dateTime }),
  },
});

const view = (r: JoinRequestRow) => ({
  id: r.id,
  organization: { id: r.organization_id, name: r.organization_name },
  status: "pending" as const,
  accountType: r.account_type,
  createdAt: new Date(r.created_at).toISOString(),
  decidedAt: null,
});

async function joinable(c: Context<AppEnv>, accountId: string, orgId: string) {
  const org = await selectJoinableOrganization(c.env.DB, accountId, orgId).first<OrganizationRow>();
  if (!org || !integrationAvailability(org).available) throw new AppError(404, "not_joinable");
  return org;
}

// A person asks rarely; this keeps a script from filling an admin's list. Keyed by the
// session token (its hash), so a school's NAT address shares nothing.
const joinLimit = rateLimit("JOIN_LIMITER", "join", async (c) => {
  // The token as the session parser reads it: spelling the header differently is the same session.
  const token = sessionTokenOf(c)?.token;
  return token ? `s:${await sha256(token)}` : byClientAddress(c);
});

export const joinRoutes = new Hono<AppEnv>();

register(
  joinRoutes,
  create,
  async (c, input) => {
    const { organizationId: orgId, accountType = null } = input.body;
    const session = c.var.session;
    const accountId = session.view.account.id;
    if (session.view.organization?.id === orgId) throw new AppError(409, "already_member");
    const org = await joinable(c, accountId, orgId);
    if (org.kind === "business" && accountType) throw new AppError(400, "invalid_account_type", { kind: "business", allowed: ["member"] });
    const db = c.env.DB;
    const current = session.view.organization;
    if (session.view.membership?.role === "admin" && current) {
      // Approval would leave their organization without an admin (approval checks again).
      const admins = await countAdmins(db, current.id).first<number>("n");
      if (admins === 1) throw new AppError(409, "last_admin.joining", { current: current.name, org: org.name });
    }
    const now = c.var.now();
    const id = crypto.randomUUID();
    const [, , pending] = await commit(
      db,
      sessionChange(accountId, [
        insertPendingJoinRequest(db, { id, accountId, organizationId: org.id, accountType, now }),
        insertAuditEventWhen(
          db,
          {
            organizationId: org.id,
            actorType: "account",
            actorId: accountId,
            action: "join_request.created",
            target: accountId,
            detail: { requestId: id },
            now,
          },
          afterChange(),
        ),
        selectPendingJoinRequest(db, accountId),
      ]),
    );
    const row = pending.results[0] as JoinRequestRow;
    if (row.organization_id !== org.id) throw new AppError(409, "request_pending_elsewhere", { org: row.organization_name });
    return c.json(view(row), row.id === id ? 201 : 200);
  },
  { before: [joinLimit] },
);
register(
  joinRoutes,
  cancel,
  async (c) => {
    const session = c.var.session;
    const accountId = session.view.account.id;
    const db = c.env.DB;
    const now = c.var.now();
    const [cancelled] = await commit(
      db,
      sessionChange(accountId, [cancelPendingJoinRequest(db, accountId, now), auditCancellation(db, accountId, now)]),
    );
    const row = cancelled.results[0] as { id: string; organization_id: string } | undefined;
    if (!row) throw new AppError(404, "no_pending_request");
    return c.json({ cancelled: true as const, id: row.id });
  },
  { before: [joinLimit] },
);
register(joinRoutes, seen, async (c) => {
  const accountId = c.var.session.view.account.id;
  const id = c.req.param("requestId")!;
  const [marked] = await commit(c.env.DB, sessionChange(accountId, [markOutcomeSeen(c.env.DB, { id, accountId, now: c.var.now() })]));
  if (!marked.results.length) throw new AppError(404, "no_decided_request");
  return c.json({ id, seen: true as const });
});
register(
  joinRoutes,
  dismiss,
  async (c, input) => {
    const { organizationId: orgId } = input.body;
    const session = c.var.session;
    const accountId = session.view.account.id;
    await joinable(c, accountId, orgId);
    const until = c.var.now() + JOIN_PROMPT_QUIET_MS;
    await commit(c.env.DB, sessionChange(accountId, [dismissJoinSuggestion(c.env.DB, { accountId, organizationId: orgId, until })]));
    return c.json({ organizationId: orgId, dismissedUntil: new Date(until).toISOString() });
  },
  { before: [joinLimit] },
);
