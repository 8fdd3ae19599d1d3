/**
 * Daily sweep of rows that can never be used again: sessions past their expiry (or
 * revoked a day ago), expired hand-offs and redeemed flow states. One batch.
 */
import { sweepFlowStates } from "./flow-states";
import { sweepHandoffs } from "./handoffs";

const REVOKED_GRACE_MS = 24 * 60 * 60 * 1000;

export async function sweepExpired(db: D1Database, now: number) {
  const [sessions, handoffs, states] = await db.batch([
    db.prepare("DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?2").bind(now, now - REVOKED_GRACE_MS),
    sweepHandoffs(db, now),
    sweepFlowStates(db, now),
  ]);
  return { sessions: sessions.meta.changes, handoffs: handoffs.meta.changes, flowStates: states.meta.changes };
}
