/**
 * Daily sweep of rows that can never be used again: sessions past their expiry (or
 * revoked a day ago), expired hand-offs and redeemed flow states, and events (with the
 * failed deliveries kept for a replay) past their retention (docs/events.md). One batch.
 */
import { EVENT_RETENTION_MS, sweepOldEvents } from "./events";
import { sweepFlowStates } from "./flow-states";
import { sweepHandoffs } from "./handoffs";
import { sweepOldFailures } from "./webhook-endpoints";

const REVOKED_GRACE_MS = 24 * 60 * 60 * 1000;

export async function sweepExpired(db: D1Database, now: number) {
  const [sessions, handoffs, states, events, failures] = await db.batch([
    db.prepare("DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?2").bind(now, now - REVOKED_GRACE_MS),
    sweepHandoffs(db, now),
    sweepFlowStates(db, now),
    sweepOldEvents(db, now),
    sweepOldFailures(db, now - EVENT_RETENTION_MS),
  ]);
  return {
    sessions: sessions.meta.changes,
    handoffs: handoffs.meta.changes,
    flowStates: states.meta.changes,
    events: events.meta.changes,
    failedDeliveries: failures.meta.changes,
  };
}
