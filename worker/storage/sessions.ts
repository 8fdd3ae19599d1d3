/** SQL for `sessions`. Only the SHA-256 of a session token is ever stored. */
import { ACCOUNT_VIEW_COLUMNS, ACCOUNT_VIEW_JOINS, accountExtras } from "./accounts";

export type SessionKind = "cookie" | "widget";

export function insertSession(
  db: D1Database,
  s: {
    id: string;
    tokenHash: string;
    accountId: string;
    kind: SessionKind;
    origin: string;
    browserHash: string | null;
    now: number;
    expiresAt: number;
  },
) {
  return db
    .prepare(
      `INSERT INTO sessions (id, token_hash, account_id, kind, origin, created_at, expires_at, browser_hash)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(s.id, s.tokenHash, s.accountId, s.kind, s.origin, s.now, s.expiresAt, s.browserHash);
}

/** Why a session ended: signed out, removed from the organization, replaced by a new sign-in, or expired. */
export type SessionEnd = "signed_out" | "removed" | "replaced" | "expired";

export function revokeSession(db: D1Database, tokenHash: string, now: number, reason: "signed_out" | "replaced") {
  return db
    .prepare("UPDATE sessions SET revoked_at = ?2, end_reason = ?3 WHERE token_hash = ?1 AND revoked_at IS NULL")
    .bind(tokenHash, now, reason);
}

/** A session with its account view; `ended` says why it is no longer live (null while it is). */
const SESSION = `SELECT s.expires_at, s.origin, s.browser_hash,
    CASE WHEN s.revoked_at IS NOT NULL THEN coalesce(s.end_reason, 'signed_out')
         WHEN s.expires_at <= ?2 OR s.origin IS NULL THEN 'expired' END AS ended,
    ${ACCOUNT_VIEW_COLUMNS}, ${accountExtras("?2")}
  FROM sessions s JOIN accounts a ON a.id = s.account_id ${ACCOUNT_VIEW_JOINS}
  WHERE s.token_hash = ?1`;

/** The session of a token hash, live or ended (sessions from before they were bound to a site count as expired). */
export function selectSession(db: D1Database, tokenHash: string, now: number) {
  return db.prepare(SESSION).bind(tokenHash, now);
}

/** The live session for a token hash; no row when it has ended. */
export function selectLiveSession(db: D1Database, tokenHash: string, now: number) {
  return db.prepare(`${SESSION} AND s.revoked_at IS NULL AND s.expires_at > ?2 AND s.origin IS NOT NULL`).bind(tokenHash, now);
}

/**
 * Ends every session of an account (removal from an organization). With
 * `ifAudited`, only when that audit row was written in this same batch at `now`.
 */
export function revokeAccountSessions(
  db: D1Database,
  accountId: string,
  now: number,
  o: { ifAudited?: { organizationId: string; action: string } } = {},
) {
  const condition = o.ifAudited
    ? " AND EXISTS (SELECT 1 FROM audit_events WHERE organization_id = ?3 AND action = ?4 AND target = ?1 AND created_at = ?2)"
    : " AND ?3 IS NULL AND ?4 IS NULL";
  return db
    .prepare(`UPDATE sessions SET revoked_at = ?2, end_reason = 'removed' WHERE account_id = ?1 AND revoked_at IS NULL${condition}`)
    .bind(accountId, now, o.ifAudited?.organizationId ?? null, o.ifAudited?.action ?? null);
}
