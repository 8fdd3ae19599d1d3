/** SQL for `join_requests`: pending → approved | rejected | cancelled, one pending per account. */
export type JoinRequestStatus = "pending" | "approved" | "rejected" | "cancelled";

export function insertPendingJoinRequest(
  db: D1Database,
  r: { id: string; accountId: string; organizationId: string; now: number },
) {
  // The partial unique index turns a second pending request into a no-op.
  return db
    .prepare(
      `INSERT INTO join_requests (id, account_id, organization_id, status, created_at)
       VALUES (?1, ?2, ?3, 'pending', ?4) ON CONFLICT DO NOTHING`,
    )
    .bind(r.id, r.accountId, r.organizationId, r.now);
}

export function selectPendingJoinRequest(db: D1Database, accountId: string) {
  return db
    .prepare("SELECT * FROM join_requests WHERE account_id = ?1 AND status = 'pending'")
    .bind(accountId);
}
