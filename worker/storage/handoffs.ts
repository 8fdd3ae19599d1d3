/** SQL for `handoffs`: a sign-in result parked for the widget that holds the secret. */
export interface HandoffInput {
  challenge: string;
  accountId: string | null;
  error: { code: string; message: string } | null;
  codeHash: string | null;
  returnOrigin: string;
  /** The hash of the signing-in browser's cookie (session/browser-cookie.ts); null for a report. */
  browserHash: string | null;
  now: number;
  expiresAt: number;
}

export interface HandoffRow {
  account_id: string | null;
  error_code: string | null;
  error_message: string | null;
  code_hash: string | null;
  return_origin: string;
  browser_hash: string | null;
}

export function insertHandoff(db: D1Database, h: HandoffInput) {
  // A newer result for the same challenge replaces an uncollected one.
  return db
    .prepare(
      `INSERT INTO handoffs (challenge, account_id, error_code, error_message, code_hash, return_origin, created_at, expires_at, browser_hash)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT (challenge) DO UPDATE SET account_id = excluded.account_id, error_code = excluded.error_code,
         error_message = excluded.error_message, code_hash = excluded.code_hash, return_origin = excluded.return_origin,
         created_at = excluded.created_at, expires_at = excluded.expires_at, browser_hash = excluded.browser_hash`,
    )
    .bind(
      h.challenge,
      h.accountId,
      h.error?.code ?? null,
      h.error?.message ?? null,
      h.codeHash,
      h.returnOrigin,
      h.now,
      h.expiresAt,
      h.browserHash,
    );
}

/** Takes the hand-off out in one statement, so two collectors can never both get it. */
export function takeHandoff(db: D1Database, challenge: string, now: number) {
  return db
    .prepare(
      "DELETE FROM handoffs WHERE challenge = ?1 AND expires_at > ?2 RETURNING account_id, error_code, error_message, code_hash, return_origin, browser_hash",
    )
    .bind(challenge, now);
}

export function sweepHandoffs(db: D1Database, now: number) {
  return db.prepare("DELETE FROM handoffs WHERE expires_at < ?1").bind(now);
}

/** Reads a ready hand-off without writing: a poll that finds nothing costs no D1 write. */
export function selectHandoff(db: D1Database, challenge: string, now: number) {
  return db
    .prepare(
      "SELECT account_id, error_code, error_message, code_hash, return_origin, browser_hash FROM handoffs WHERE challenge = ?1 AND expires_at > ?2",
    )
    .bind(challenge, now);
}

/** Parks a result only if none is there yet: a report must never overwrite a real sign-in. */
export function insertHandoffIfAbsent(db: D1Database, h: HandoffInput) {
  return db
    .prepare(
      `INSERT INTO handoffs (challenge, account_id, error_code, error_message, code_hash, return_origin, created_at, expires_at, browser_hash)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (challenge) DO NOTHING`,
    )
    .bind(
      h.challenge,
      h.accountId,
      h.error?.code ?? null,
      h.error?.message ?? null,
      h.codeHash,
      h.returnOrigin,
      h.now,
      h.expiresAt,
      h.browserHash,
    );
}
