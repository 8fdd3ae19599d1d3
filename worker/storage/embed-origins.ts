/**
 * SQL for `embed_origins`: exact https origins of an organization's own sites. A row is
 * `pending` until proven (its site served the token, or support approved it); only
 * `verified` rows have any effect, and one origin is verified for one organization at most
 * (partial unique index embed_origins_proven).
 */
export type EmbedOriginStatus = "pending" | "verified";

export interface EmbedOriginRow {
  origin: string;
  status: EmbedOriginStatus;
  verified_at: number | null;
  verified_by: "site" | "support" | null;
  checked_at: number | null;
  /** Why the last check failed: a code, worded where it is shown. */
  check_error: string | null;
}

export function selectEmbedOrigins(db: D1Database, organizationId: string) {
  return db
    .prepare(
      "SELECT origin, status, verified_at, verified_by, checked_at, check_error FROM embed_origins WHERE organization_id = ?1 ORDER BY origin",
    )
    .bind(organizationId);
}

export function selectEmbedOrigin(db: D1Database, organizationId: string, origin: string) {
  return db
    .prepare(
      "SELECT origin, status, verified_at, verified_by, checked_at, check_error FROM embed_origins WHERE organization_id = ?1 AND origin = ?2",
    )
    .bind(organizationId, origin);
}

/** Every proven embed origin with its organization, for the per-isolate origin map. */
export function selectVerifiedEmbedOrigins(db: D1Database) {
  return db.prepare(
    "SELECT e.origin, e.organization_id, o.slug FROM embed_origins e JOIN organizations o ON o.id = e.organization_id WHERE e.status = 'verified'",
  );
}

/**
 * Replacing an organization's list: origins no longer listed go, new ones come in pending, and
 * those that stay keep their proof. These statements go in one batch with the audit event.
 */
export function replaceEmbedOrigins(db: D1Database, organizationId: string, origins: readonly string[], now: number) {
  return [
    db
      .prepare("DELETE FROM embed_origins WHERE organization_id = ?1 AND origin NOT IN (SELECT value FROM json_each(?2))")
      .bind(organizationId, JSON.stringify(origins)),
    db
      .prepare(
        "INSERT INTO embed_origins (organization_id, origin, created_at) SELECT ?1, value, ?3 FROM json_each(?2) WHERE true ON CONFLICT (organization_id, origin) DO NOTHING",
      )
      .bind(organizationId, JSON.stringify(origins), now),
  ];
}

/** A proof: the origin becomes the organization's. Fails on the unique index when another organization proved it first. */
export function markEmbedOriginVerified(
  db: D1Database,
  p: { organizationId: string; origin: string; by: "site" | "support"; now: number },
) {
  return db
    .prepare(
      `UPDATE embed_origins SET status = 'verified', verified_at = ?3, verified_by = ?4, checked_at = ?3, check_error = NULL
       WHERE organization_id = ?1 AND origin = ?2 AND status = 'pending'`,
    )
    .bind(p.organizationId, p.origin, p.now, p.by);
}

/** Support approves an origin the organization may not have listed yet: listed and proven at once. */
export function insertEmbedOriginIfAbsent(db: D1Database, p: { organizationId: string; origin: string; now: number }) {
  return db
    .prepare(
      "INSERT INTO embed_origins (organization_id, origin, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (organization_id, origin) DO NOTHING",
    )
    .bind(p.organizationId, p.origin, p.now);
}

/** A failed check keeps its reason and time on a pending origin. */
export function recordEmbedOriginCheck(db: D1Database, p: { organizationId: string; origin: string; error: string; now: number }) {
  return db
    .prepare("UPDATE embed_origins SET checked_at = ?3, check_error = ?4 WHERE organization_id = ?1 AND origin = ?2 AND status = 'pending'")
    .bind(p.organizationId, p.origin, p.now, p.error);
}
