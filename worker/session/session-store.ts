/**
 * Sessions: a random token, stored hashed, looked up with its account view.
 *
 * The warm path of GET /api/session must not wait on D1 (SPEC §6), so each isolate
 * keeps what it read for up to a minute. Revocation is therefore immediate for D1
 * checks (every state-changing request reads D1) and in the isolate that revoked the
 * session, and reaches every other isolate within SESSION_CACHE_TTL_MS.
 */
import { randomToken, sha256 } from "../crypto";
import type { AccountView, AccountViewRow } from "../storage/accounts";
import { toAccountView } from "../storage/accounts";
import { insertSession, revokeSession, selectLiveSession, type SessionKind } from "../storage/sessions";

export const SESSION_CACHE_TTL_MS = 60_000;
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
const CACHE_LIMIT = 10_000;

export interface LiveSession {
  tokenHash: string;
  expiresAt: number;
  view: AccountView;
}

interface Entry {
  session: LiveSession | null;
  loadedAt: number;
}

class SessionCache {
  private entries = new Map<string, Entry>();

  get(tokenHash: string, now: number): Entry | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.loadedAt >= SESSION_CACHE_TTL_MS || (entry.session && entry.session.expiresAt <= now)) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, entry: Entry) {
    if (this.entries.size >= CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, entry);
  }

  delete(tokenHash: string) {
    this.entries.delete(tokenHash);
  }
}

export const sessionCache = new SessionCache();

/**
 * The live session for a token. `fresh` forces a D1 read (state-changing requests);
 * otherwise a read from this isolate's last minute is reused.
 */
export async function loadSession(db: D1Database, token: string, now: number, { fresh = false } = {}): Promise<LiveSession | null> {
  const tokenHash = await sha256(token);
  if (!fresh) {
    const hit = sessionCache.get(tokenHash, now);
    if (hit) return hit.session;
  }
  const row = await selectLiveSession(db, tokenHash, now).first<AccountViewRow & { expires_at: number }>();
  const session = row ? { tokenHash, expiresAt: row.expires_at, view: toAccountView(row) } : null;
  sessionCache.set(tokenHash, { session, loadedAt: now });
  return session;
}

/** A new session's token and the statement that stores it, for the caller's batch. */
export async function newSession(db: D1Database, accountId: string, kind: SessionKind, now: number) {
  const token = randomToken(32);
  const tokenHash = await sha256(token);
  const expiresAt = now + SESSION_LIFETIME_MS;
  return { token, tokenHash, expiresAt, statement: insertSession(db, { id: crypto.randomUUID(), tokenHash, accountId, kind, now, expiresAt }) };
}

export async function revokeStatement(db: D1Database, token: string, now: number) {
  const tokenHash = await sha256(token);
  sessionCache.delete(tokenHash);
  return revokeSession(db, tokenHash, now);
}
