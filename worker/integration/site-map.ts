/**
 * The proven embed origins, origin → the ids and slugs of the organization that proved it,
 * read from D1 at most once a minute per isolate and at once in the isolate that changed them
 * (forgetEmbedOrigins). Which sites may use the worker, and for whom: http/origins.ts.
 */
import { selectVerifiedEmbedOrigins } from "../storage/embed-origins";

const EMBED_ORIGINS_TTL_MS = 60_000;
let embedOrigins: { byOrigin: Map<string, Set<string>>; at: number } | null = null;

/** Forget the cached embed origins (this isolate just changed them). */
export function forgetEmbedOrigins() {
  embedOrigins = null;
}

/** The organization (its id and slug) that proved `origin`, if any. */
export async function embedOrganizations(db: D1Database, now: number, origin: string): Promise<Set<string> | undefined> {
  if (!embedOrigins || now - embedOrigins.at > EMBED_ORIGINS_TTL_MS) {
    const { results } = await selectVerifiedEmbedOrigins(db).all<{ origin: string; organization_id: string; slug: string }>();
    const byOrigin = new Map<string, Set<string>>();
    for (const r of results) {
      const orgs = byOrigin.get(r.origin) ?? new Set<string>();
      orgs.add(r.organization_id).add(r.slug);
      byOrigin.set(r.origin, orgs);
    }
    embedOrigins = { byOrigin, at: now };
  }
  return embedOrigins.byOrigin.get(origin);
}

/**
 * For a session bound to `origin`: the organizations whose people it may serve — null when the
 * origin is trusted for everyone (the worker's own, or ALLOWED_ORIGINS).
 */
export async function organizationsServedBy(
  p: { db: D1Database; now: number; globallyAllowed: readonly string[] },
  origin: string,
): Promise<Set<string> | null> {
  if (p.globallyAllowed.includes(origin)) return null;
  return (await embedOrganizations(p.db, p.now, origin)) ?? new Set();
}
