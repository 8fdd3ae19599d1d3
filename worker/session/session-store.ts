/**
 * Sessions: a random token, stored hashed, bound to the one site (origin) it was
 * handed to, looked up with its account view.
 *
 * Only GET /api/session may answer from this isolate's cache: every page
 * load with the widget asks it, so its warm path must not wait on D1. Every other
 * authenticated route reads D1 (`fresh`). Revocation is therefore immediate for D1
 * checks and in the isolate that revoked the session (or changed the account's
 * membership: evictAccount), and reaches every other isolate within SESSION_CACHE_TTL_MS.
 */
import { randomToken, sha256 } from "../crypto";
import { toAccountExtras, toAccountView, type AccountExtrasRow, type AccountView, type AccountViewRow } from "../storage/accounts";
import { insertSession, revokeSession, selectSession, type SessionEnd, type SessionKind } from "../storage/sessions";

export const SESSION_CACHE_TTL_MS = 60_000;
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
const CACHE_LIMIT = 10_000;

export interface LiveSession {
  tokenHash: string;
  /** The site this session was handed to; it is honoured only for requests from there. */
  origin: string;
  expiresAt: number;
  view: AccountView;
}

interface Entry {
  session: LiveSession;
  loadedAt: number;
}

class SessionCache {
  private entries = new Map<string, Entry>();

  get size() {
    return this.entries.size;
  }

  get(tokenHash: string, now: number): Entry | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.loadedAt >= SESSION_CACHE_TTL_MS || entry.session.expiresAt <= now) {
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

  /** Forgets every cached session of these accounts: their membership or role just changed. */
  evictAccounts(accountIds: Iterable<string>) {
    const ids = new Set(accountIds);
    for (const [hash, entry] of this.entries) if (ids.has(entry.session.view.account.id)) this.entries.delete(hash);
  }
}

export const sessionCache = new SessionCache();

/** A token's session: live, ended (and why), or unknown (neither). */
export type SessionState = { session: LiveSession; ended: null } | { session: null; ended: SessionEnd | null };

/**
 * The session of a token, in one D1 read. Unless `cached` is asked for (GET /api/session
 * only), D1 is read; either way the cache is refreshed with what D1 said. Only live
 * sessions are cached: a token D1 does not know (a guess) or a session that ended is not
 * kept, so random tokens cannot push real sessions out of the cache.
 */
export async function loadSession(db: D1Database, token: string, now: number, { cached = false } = {}): Promise<SessionState> {
  const tokenHash = await sha256(token);
  if (cached) {
    const hit = sessionCache.get(tokenHash, now);
    if (hit) return { session: hit.session, ended: null };
  }
  const row = await selectSession(db, tokenHash, now).first<
    AccountViewRow & AccountExtrasRow & { expires_at: number; origin: string; ended: SessionEnd | null }
  >();
  if (!row || row.ended) {
    sessionCache.delete(tokenHash);
    return { session: null, ended: row?.ended ?? null };
  }
  const session = {
    tokenHash,
    origin: row.origin,
    expiresAt: row.expires_at,
    view: { ...toAccountView(row), extras: toAccountExtras(row) },
  };
  sessionCache.set(tokenHash, { session, loadedAt: now });
  return { session, ended: null };
}

/** A new session's token and the statement that stores it, for the caller's batch. */
export async function newSession(
  db: D1Database,
  p: { accountId: string; kind: SessionKind; origin: string; browserHash: string | null; now: number },
) {
  const token = randomToken(32);
  const tokenHash = await sha256(token);
  const expiresAt = p.now + SESSION_LIFETIME_MS;
  return { token, tokenHash, expiresAt, statement: insertSession(db, { id: crypto.randomUUID(), tokenHash, ...p, expiresAt }) };
}

export async function revokeStatement(db: D1Database, token: string, now: number, reason: "signed_out" | "replaced") {
  const tokenHash = await sha256(token);
  sessionCache.delete(tokenHash);
  return revokeSession(db, tokenHash, now, reason);
}
