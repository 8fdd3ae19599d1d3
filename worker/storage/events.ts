/**
 * SQL for `events`: the outbox and the feed. Rows are written by the database's triggers in
 * the same statement as each change (migration 0008); this module only reads them, hands
 * them to the delivery queue, and ages them out.
 */
export interface EventRow {
  seq: number;
  id: string;
  type: string;
  organization_id: string | null;
  data: string;
  occurred_at: number;
}

const COLUMNS = "seq, id, type, organization_id, data, occurred_at";

/**
 * Takes up to `limit` events that are due for hand-over, oldest first, with a lease: they are
 * due again at `leaseUntil` unless `handedOver` clears them first (a hand-over that died midway
 * is retried by the sweep, never lost). One statement, so two claimers never take the same row.
 */
export function claimDueEvents(db: D1Database, p: { now: number; leaseUntil: number; limit: number }) {
  return db
    .prepare(
      `UPDATE events SET dispatch_due_at = ?2
       WHERE seq IN (SELECT seq FROM events WHERE dispatch_due_at <= ?1 ORDER BY dispatch_due_at, seq LIMIT ?3)
       RETURNING ${COLUMNS}`,
    )
    .bind(p.now, p.leaseUntil, p.limit);
}

/** The queue has these events (a JSON list of seqs): nothing more to hand over. */
export function markHandedOver(db: D1Database, seqs: number[]) {
  return db.prepare("UPDATE events SET dispatch_due_at = NULL WHERE seq IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(seqs));
}

/** Whether an event (a feed cursor) is known: one that aged out cannot be continued from. */
export function selectEventSeq(db: D1Database, id: string) {
  return db.prepare("SELECT seq FROM events WHERE id = ?1").bind(id);
}

/** One page of the feed, oldest first, after the event `afterId` (from the start without one). */
export function selectEventPage(db: D1Database, p: { afterId: string | null; organizationId: string | null; limit: number }) {
  return db
    .prepare(
      // An unknown cursor starts past the end (the route refuses it); one organization's feed reads its index.
      `SELECT ${COLUMNS} FROM events
       WHERE seq > coalesce((SELECT seq FROM events WHERE id = ?1), CASE WHEN ?1 IS NULL THEN 0 ELSE 9223372036854775807 END)
         ${p.organizationId === null ? "" : "AND organization_id = ?3"}
       ORDER BY seq LIMIT ?2`,
    )
    .bind(p.afterId, p.limit, ...(p.organizationId === null ? [] : [p.organizationId]));
}

export function selectEvent(db: D1Database, id: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?1`).bind(id);
}

/** Events are kept this long (docs/events.md): long enough to reconcile after any outage we plan for. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export function sweepOldEvents(db: D1Database, now: number) {
  return db.prepare("DELETE FROM events WHERE occurred_at < ?1 AND dispatch_due_at IS NULL").bind(now - EVENT_RETENTION_MS);
}
