/**
 * SQL for `used_flow_states`: a state is redeemed once, at the callback.
 * Expired rows are swept by the daily cron trigger (housekeeping.ts), not on the sign-in path.
 */
export function redeemFlowState(db: D1Database, stateHash: string, expiresAt: number) {
  return db
    .prepare("INSERT INTO used_flow_states (state_hash, expires_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
    .bind(stateHash, expiresAt);
}

export function sweepFlowStates(db: D1Database, now: number) {
  return db.prepare("DELETE FROM used_flow_states WHERE expires_at < ?1").bind(now);
}
