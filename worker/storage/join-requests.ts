/**
 * SQL for `join_requests`: pending → approved | rejected | cancelled, one pending per
 * account (a partial unique index). Bulk decisions are set-based over a JSON list, so
 * 500 of them are four statements in one batch, and a request is decided once: only
 * rows still pending change, stamped with the deciding call's id.
 */
import { LATEST_UPN, VERIFIED_EMAIL } from "./accounts";
import { soleAdminElsewhere } from "./memberships";

export type JoinRequestStatus = "pending" | "approved" | "rejected" | "cancelled";

/** `accountType`: what a school's requester says they are (null: they did not say, or a business). */
export function insertPendingJoinRequest(
  db: D1Database,
  r: { id: string; accountId: string; organizationId: string; accountType: "student" | "teacher" | null; now: number },
) {
  // The partial unique index turns a second pending request into a no-op.
  return db
    .prepare(
      `INSERT INTO join_requests (id, account_id, organization_id, status, account_type, created_at)
       VALUES (?1, ?2, ?3, 'pending', ?5, ?4) ON CONFLICT DO NOTHING`,
    )
    .bind(r.id, r.accountId, r.organizationId, r.now, r.accountType);
}

export interface JoinRequestRow {
  id: string;
  account_id: string;
  organization_id: string;
  organization_name: string;
  status: JoinRequestStatus;
  account_type: "student" | "teacher" | null;
  created_at: number;
  decided_at: number | null;
}

export function selectPendingJoinRequest(db: D1Database, accountId: string) {
  return db
    .prepare(
      `SELECT jr.id, jr.account_id, jr.organization_id, o.name AS organization_name, jr.status, jr.account_type, jr.created_at, jr.decided_at
       FROM join_requests jr JOIN organizations o ON o.id = jr.organization_id WHERE jr.account_id = ?1 AND jr.status = 'pending'`,
    )
    .bind(accountId);
}

/** The requester withdraws: only their own pending request. */
export function cancelPendingJoinRequest(db: D1Database, accountId: string, now: number) {
  return db
    .prepare(
      "UPDATE join_requests SET status = 'cancelled', decided_at = ?2, decided_by = ?1 WHERE account_id = ?1 AND status = 'pending' RETURNING id, organization_id",
    )
    .bind(accountId, now);
}

export interface PendingListRow {
  id: string;
  account_id: string;
  display_name: string;
  email: string | null;
  upn: string | null;
  status: JoinRequestStatus;
  account_type: "student" | "teacher" | null;
  created_at: number;
  decided_at: number | null;
  decided_by_name: string | null;
}

/** One page of an organization's requests in a status, oldest first, keyset-paged by (created_at, id). */
export function selectJoinRequestPage(
  db: D1Database,
  p: { organizationId: string; status: JoinRequestStatus; after: [number, string] | null; limit: number },
) {
  return db
    .prepare(
      `SELECT jr.id, jr.account_id, a.display_name, ${VERIFIED_EMAIL},
         ${LATEST_UPN("jr.account_id")},
         jr.status, jr.account_type, jr.created_at, jr.decided_at, d.display_name AS decided_by_name
       FROM join_requests jr JOIN accounts a ON a.id = jr.account_id LEFT JOIN accounts d ON d.id = jr.decided_by
       WHERE jr.organization_id = ?1 AND jr.status = ?2 AND (jr.created_at, jr.id) > (?3, ?4)
       ORDER BY jr.created_at, jr.id LIMIT ?5`,
    )
    .bind(p.organizationId, p.status, p.after?.[0] ?? -1, p.after?.[1] ?? "", p.limit);
}

/** Decides the still-pending requests of `decisions` (JSON [{id, decision, accountType?}]) for this organization. */
export function decideJoinRequests(
  db: D1Database,
  p: { organizationId: string; decisions: string; decisionId: string; actorId: string; now: number },
) {
  return db
    .prepare(
      `UPDATE join_requests SET status = CASE d.value ->> 'decision' WHEN 'approve' THEN 'approved' ELSE 'rejected' END,
         approved_type = CASE d.value ->> 'decision' WHEN 'approve' THEN d.value ->> 'accountType' END,
         decided_at = ?3, decided_by = ?4, decision_id = ?5
       FROM json_each(?1) d
       WHERE join_requests.id = d.value ->> 'id' AND join_requests.organization_id = ?2 AND join_requests.status = 'pending'
         AND NOT (d.value ->> 'decision' = 'approve' AND ${soleAdminElsewhere("join_requests.account_id", "?2")})`,
    )
    .bind(p.decisions, p.organizationId, p.now, p.actorId, p.decisionId);
}

/** Audit rows for everything one decision call decided. */
export function auditDecisions(db: D1Database, p: { organizationId: string; decisionId: string; actorId: string; now: number }) {
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       SELECT ?1, 'account', ?3, CASE jr.status WHEN 'approved' THEN 'join_request.approved' ELSE 'join_request.rejected' END,
         jr.account_id, json_object('requestId', jr.id), ?4
       FROM join_requests jr WHERE jr.decision_id = ?2`,
    )
    .bind(p.organizationId, p.decisionId, p.actorId, p.now);
}

export interface DecisionOutcomeRow {
  id: string;
  decision: "approve" | "reject";
  account_id: string | null;
  status: JoinRequestStatus | null;
  decision_id: string | null;
  decided_at: number | null;
  decided_by_name: string | null;
  requester_name: string | null;
  requester_organization_name: string | null;
}

/** What became of each decision asked for (read after the decisions, in the same batch). */
export function selectDecisionOutcomes(db: D1Database, p: { organizationId: string; decisions: string }) {
  return db
    .prepare(
      `SELECT d.value ->> 'id' AS id, d.value ->> 'decision' AS decision, jr.account_id, jr.status, jr.decision_id, jr.decided_at,
         a.display_name AS decided_by_name, r.display_name AS requester_name, o.name AS requester_organization_name
       FROM json_each(?1) d
       LEFT JOIN join_requests jr ON jr.id = d.value ->> 'id' AND jr.organization_id = ?2
       LEFT JOIN accounts a ON a.id = jr.decided_by
       LEFT JOIN accounts r ON r.id = jr.account_id
       LEFT JOIN memberships m ON m.account_id = jr.account_id LEFT JOIN organizations o ON o.id = m.organization_id
       ORDER BY d.key`,
    )
    .bind(p.decisions, p.organizationId);
}

/** Accounts added by an admin: their pending requests to this organization are approved by that. */
export function approveRequestsOfAdded(
  db: D1Database,
  p: { organizationId: string; accountIds: string; decisionId: string; actorId: string; now: number },
) {
  return db
    .prepare(
      `UPDATE join_requests SET status = 'approved', decided_at = ?3, decided_by = ?4, decision_id = ?5
       WHERE organization_id = ?2 AND status = 'pending' AND account_id IN (SELECT value FROM json_each(?1))
         AND account_id IN (SELECT account_id FROM memberships WHERE organization_id = ?2)`,
    )
    .bind(p.accountIds, p.organizationId, p.now, p.actorId, p.decisionId);
}

/** The requester has read the decision of their request: it is shown no more (RETURNING the id when there was one to mark). */
export function markOutcomeSeen(db: D1Database, p: { id: string; accountId: string; now: number }) {
  return db
    .prepare(
      `UPDATE join_requests SET outcome_seen_at = coalesce(outcome_seen_at, ?3)
       WHERE id = ?1 AND account_id = ?2 AND status IN ('approved', 'rejected') RETURNING id`,
    )
    .bind(p.id, p.accountId, p.now);
}

/** The "Not now" of the join prompt: away for `until`. */
export function dismissJoinSuggestion(db: D1Database, p: { accountId: string; organizationId: string; until: number }) {
  return db
    .prepare(
      `INSERT INTO join_dismissals (account_id, organization_id, until) VALUES (?1, ?2, ?3)
       ON CONFLICT (account_id, organization_id) DO UPDATE SET until = excluded.until`,
    )
    .bind(p.accountId, p.organizationId, p.until);
}

/** The audit row of a cancellation made in the same batch (the request names the organization). */
export function auditCancellation(db: D1Database, accountId: string, now: number) {
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       SELECT jr.organization_id, 'account', ?1, 'join_request.cancelled', ?1, json_object('requestId', jr.id), ?2
       FROM join_requests jr WHERE jr.account_id = ?1 AND jr.status = 'cancelled' AND jr.decided_at = ?2`,
    )
    .bind(accountId, now);
}
