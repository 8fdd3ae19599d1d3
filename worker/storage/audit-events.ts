/** SQL for `audit_events`: every admin/support action and consent change, with actor and time. */
export type ActorType = "account" | "support" | "tenant_admin" | "system";

export interface AuditInput {
  organizationId: string | null;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  now: number;
}

export function insertAuditEvent(db: D1Database, e: AuditInput) {
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(e.organizationId, e.actorType, e.actorId, e.action, e.target ?? null, e.detail ? JSON.stringify(e.detail) : null, e.now);
}

/**
 * A condition, read after the batch's earlier statements ran, under which an audit row is
 * written: an audit row never claims a change that did not happen. Each table's module names
 * its own (storage/integrations.ts, storage/memberships.ts); `:1`, `:2`… are its own values.
 */
export interface Predicate {
  sql: string;
  params: unknown[];
}

/** The statement just before changed a row. */
export const afterChange = (): Predicate => ({ sql: "changes() > 0", params: [] });

/** The same, written only when `when` holds once the batch's earlier statements ran. */
export function insertAuditEventWhen(db: D1Database, e: AuditInput, when: Predicate) {
  // The predicate's own values follow the event's seven.
  const condition = when.sql.replace(/:(\d+)/g, (_m, n: string) => `?${7 + Number(n)}`);
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ${condition}`,
    )
    .bind(
      e.organizationId,
      e.actorType,
      e.actorId,
      e.action,
      e.target ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
      e.now,
      ...when.params,
    );
}

export interface AuditRow {
  id: number;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  target_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  created_at: number;
}

/** One page, newest first, keyset-paged by id (index audit_events_by_org_id). */
export function selectAuditPage(db: D1Database, organizationId: string, before: number | null, limit: number) {
  return db
    .prepare(
      `SELECT e.id, e.actor_type, e.actor_id, a.display_name AS actor_name, e.action, e.target, t.display_name AS target_name, e.detail, e.created_at
       FROM audit_events e LEFT JOIN accounts a ON e.actor_type = 'account' AND a.id = e.actor_id
         LEFT JOIN accounts t ON (e.action LIKE 'member.%' OR e.action LIKE 'join_request.%' OR e.action LIKE 'organization.admin%') AND t.id = e.target
       WHERE e.organization_id = ?1 AND e.id < ?2 ORDER BY e.id DESC LIMIT ?3`,
    )
    .bind(organizationId, before ?? Number.MAX_SAFE_INTEGER, limit);
}

/** One audit row per account of a JSON list that joined `organizationId` at `now` (a set-based add). */
export function auditJoinedAt(
  db: D1Database,
  p: { organizationId: string; actorType: ActorType; actorId: string | null; action: string; accountIds: string; now: number },
) {
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       SELECT ?1, ?2, ?3, ?4, m.account_id, NULL, ?6
       FROM json_each(?5) d JOIN memberships m ON m.account_id = d.value AND m.organization_id = ?1 AND m.created_at = ?6`,
    )
    .bind(p.organizationId, p.actorType, p.actorId, p.action, p.accountIds, p.now);
}
