/** SQL for `audit_events`: every admin/support action and consent change, with actor and time. */
export type ActorType = "account" | "support" | "tenant_admin" | "system";

export function insertAuditEvent(
  db: D1Database,
  e: {
    organizationId: string | null;
    actorType: ActorType;
    actorId: string | null;
    action: string;
    target?: string | null;
    detail?: Record<string, unknown>;
    now: number;
  },
) {
  return db
    .prepare(
      `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, target, detail, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(e.organizationId, e.actorType, e.actorId, e.action, e.target ?? null, e.detail ? JSON.stringify(e.detail) : null, e.now);
}
