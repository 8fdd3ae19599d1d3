/**
 * The one way a membership changes (docs/architecture.md, "The membership write path"):
 * joining, moving, a role or account type changed, removal — and the join requests that
 * show in a person's session. Each change is built here as one D1 batch (the change and its
 * audit row, written only if the change happened), and `commit` runs it and forgets the
 * affected accounts' sessions in this isolate, so nobody is served a stale session by it.
 * Routes and flows never write memberships themselves.
 */
import type { AccountTypeDecision } from "./account-type";
import { sessionCache } from "../session/session-store";
import { afterChange, auditJoinedAt, insertAuditEventWhen, type ActorType } from "../storage/audit-events";
import {
  approveRequestsOfAdded,
  auditDecisions,
  decideJoinRequests,
  selectDecisionOutcomes,
  type DecisionOutcomeRow,
} from "../storage/join-requests";
import {
  addTenantMembers,
  deleteMember,
  insertMembershipIfAbsent,
  isMember,
  joinApprovedRequests,
  selectMembershipStates,
  updateMember,
  upsertMembership,
  type AccountType,
  type JoinedType,
  type MembershipStateRow,
} from "../storage/memberships";
import { revokeAccountSessions } from "../storage/sessions";

/** A decided account type as the membership's columns. */
const typeFields = (type: AccountTypeDecision) => ({
  accountType: type.accountType,
  accountTypeSource: type.source,
  accountTypeReason: type.reason,
});

/** A change to run in one batch, and which accounts' sessions it makes stale (read from its results). */
export interface MembershipChange {
  statements: D1PreparedStatement[];
  affected: (results: D1Result[]) => string[];
}

/** Runs the change in one batch, then forgets the sessions it affected (other isolates within a minute). */
export async function commit(db: D1Database, change: MembershipChange): Promise<D1Result[]> {
  const results = await db.batch(change.statements);
  sessionCache.evictAccounts(change.affected(results));
  return results;
}

/** Who makes a change: an organization's admin, support, or ThingLink itself. */
export interface Actor {
  type: ActorType;
  id: string | null;
}

const changedRow = (results: D1Result[], accountId: string) => (results[0].results.length ? [accountId] : []);

/**
 * A new account joins its tenant's organization as it is created (statements for the sign-up's
 * own batch: when first sign-ins of one person race, only the winner's membership is audited).
 */
export function joinAtSignUp(
  db: D1Database,
  p: { accountId: string; organizationId: string; type: AccountTypeDecision; now: number },
): D1PreparedStatement[] {
  return [
    insertMembershipIfAbsent(db, {
      accountId: p.accountId,
      organizationId: p.organizationId,
      role: "member",
      ...typeFields(p.type),
      now: p.now,
    }),
    insertAuditEventWhen(
      db,
      {
        organizationId: p.organizationId,
        actorType: "system",
        actorId: null,
        action: "member.joined",
        target: p.accountId,
        detail: { how: "sign_up", accountType: p.type.accountType, source: p.type.source },
        now: p.now,
      },
      isMember(p.accountId),
    ),
  ];
}

/** An admin changes a member's role and/or account type; the first statement returns the row (none: nothing changed). */
export function changeMember(
  db: D1Database,
  p: {
    organizationId: string;
    accountId: string;
    role: "admin" | "member" | null;
    accountType: AccountType | null;
    actor: Actor;
    now: number;
  },
): MembershipChange {
  const detail = { ...(p.role ? { role: p.role } : {}), ...(p.accountType ? { accountType: p.accountType } : {}) };
  return {
    statements: [
      updateMember(db, { accountId: p.accountId, organizationId: p.organizationId, role: p.role, accountType: p.accountType, now: p.now }),
      insertAuditEventWhen(
        db,
        {
          organizationId: p.organizationId,
          actorType: p.actor.type,
          actorId: p.actor.id,
          action: "member.updated",
          target: p.accountId,
          detail,
          now: p.now,
        },
        afterChange(),
      ),
    ],
    affected: (results) => changedRow(results, p.accountId),
  };
}

/** An admin removes a member; their sessions end with the membership (only if it was removed). */
export function removeMember(
  db: D1Database,
  p: { organizationId: string; accountId: string; actor: Actor; now: number },
): MembershipChange {
  return {
    statements: [
      deleteMember(db, { accountId: p.accountId, organizationId: p.organizationId }),
      insertAuditEventWhen(
        db,
        {
          organizationId: p.organizationId,
          actorType: p.actor.type,
          actorId: p.actor.id,
          action: "member.removed",
          target: p.accountId,
          now: p.now,
        },
        afterChange(),
      ),
      revokeAccountSessions(db, p.accountId, p.now, { ifAudited: { organizationId: p.organizationId, action: "member.removed" } }),
    ],
    affected: (results) => changedRow(results, p.accountId),
  };
}

/** Support makes an account an admin of an organization, moving it in when it belongs elsewhere. */
export function makeAdmin(
  db: D1Database,
  p: { organizationId: string; accountId: string; type: AccountTypeDecision; movedFrom: string | null; now: number },
): MembershipChange {
  return {
    statements: [
      upsertMembership(db, {
        accountId: p.accountId,
        organizationId: p.organizationId,
        role: "admin",
        ...typeFields(p.type),
        via: "support",
        now: p.now,
      }),
      insertAuditEventWhen(
        db,
        {
          organizationId: p.organizationId,
          actorType: "support",
          actorId: null,
          action: "organization.admin_added",
          target: p.accountId,
          detail: { movedFrom: p.movedFrom },
          now: p.now,
        },
        afterChange(),
      ),
    ],
    affected: () => [p.accountId],
  };
}

/** Statements that change what a person's own session shows (a join request, a dismissed prompt), for `accountId`. */
export function sessionChange(accountId: string, statements: D1PreparedStatement[]): MembershipChange {
  return { statements, affected: () => [accountId] };
}

/**
 * Up to 500 join requests decided at once, each once, by whoever was first: approvals join their
 * accounts (moving them in). Its results: [decided, joined, audited, outcomes]; `decisionId` marks
 * the rows this change decided.
 */
export function decideRequests(
  db: D1Database,
  p: {
    organizationId: string;
    decisions: Array<{ id: string; decision: "approve" | "reject"; accountType?: "student" | "teacher" }>;
    kind: "education" | "business";
    actorId: string;
    now: number;
  },
): MembershipChange & { decisionId: string } {
  const decisions = JSON.stringify(p.decisions);
  const decisionId = crypto.randomUUID();
  const base = { organizationId: p.organizationId, decisionId, actorId: p.actorId, now: p.now };
  return {
    decisionId,
    statements: [
      decideJoinRequests(db, { ...base, decisions }),
      joinApprovedRequests(db, { organizationId: p.organizationId, decisionId, kind: p.kind, now: p.now }),
      auditDecisions(db, base),
      selectDecisionOutcomes(db, { organizationId: p.organizationId, decisions }),
    ],
    affected: (results) =>
      (results[3].results as unknown as DecisionOutcomeRow[])
        .filter((r) => r.decision_id === decisionId && r.account_id)
        .map((r) => r.account_id!),
  };
}

/**
 * Accounts of the organization's tenant added to it at once (moved from another organization
 * when needed; their pending requests count as approved). Its first result is each account's
 * state before: who was added or moved is read from it.
 */
export function addToOrganization(
  db: D1Database,
  p: { organizationId: string; tenantId: string; accountIds: string[]; type: JoinedType; actor: Actor; now: number },
): MembershipChange {
  const ids = JSON.stringify([...new Set(p.accountIds)]);
  const decisionId = crypto.randomUUID();
  return {
    statements: [
      selectMembershipStates(db, { tenantId: p.tenantId, organizationId: p.organizationId, accountIds: ids }),
      addTenantMembers(db, {
        organizationId: p.organizationId,
        tenantId: p.tenantId,
        accountIds: ids,
        type: p.type,
        via: p.actor.type === "support" ? "support" : "admin",
        now: p.now,
      }),
      approveRequestsOfAdded(db, {
        organizationId: p.organizationId,
        accountIds: ids,
        decisionId,
        actorId: p.actor.id ?? "support",
        now: p.now,
      }),
      auditJoinedAt(db, {
        organizationId: p.organizationId,
        actorType: p.actor.type,
        actorId: p.actor.id,
        action: "member.added",
        accountIds: ids,
        now: p.now,
      }),
    ],
    affected: (results) =>
      (results[0].results as unknown as MembershipStateRow[])
        .filter((b) => b.in_tenant && b.organization_id !== p.organizationId && !b.sole_admin)
        .map((b) => b.account_id),
  };
}
