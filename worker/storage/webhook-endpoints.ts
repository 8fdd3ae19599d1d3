/** SQL for `webhook_endpoints` and `webhook_failures`: where events go, and what could not be delivered. */
export interface WebhookEndpointRow {
  id: string;
  url: string;
  event_types: string | null;
  organization_id: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: number | null;
  created_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_success_at: number | null;
  last_error_excerpt: string | null;
  failed_deliveries: number;
}

const COLUMNS = `id, url, event_types, organization_id, secret, previous_secret, previous_secret_until, created_at,
  last_attempt_at, last_status, last_success_at, last_error_excerpt,
  (SELECT COUNT(*) FROM webhook_failures f WHERE f.endpoint_id = webhook_endpoints.id) AS failed_deliveries`;

export function insertEndpoint(
  db: D1Database,
  e: { id: string; url: string; eventTypes: string[] | null; organizationId: string | null; secret: string; now: number },
) {
  return db
    .prepare(
      `INSERT INTO webhook_endpoints (id, url, event_types, organization_id, secret, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       RETURNING ${COLUMNS}`,
    )
    .bind(e.id, e.url, e.eventTypes ? JSON.stringify(e.eventTypes) : null, e.organizationId, e.secret, e.now);
}

export function selectEndpoints(db: D1Database) {
  return db.prepare(`SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`);
}

export function selectEndpoint(db: D1Database, id: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = ?1`).bind(id);
}

export function deleteEndpoint(db: D1Database, id: string) {
  return db.prepare("DELETE FROM webhook_endpoints WHERE id = ?1 RETURNING id").bind(id);
}

/** A new secret signs from now on; the old one signs too until `overlapUntil`. */
export function rotateSecret(db: D1Database, p: { id: string; secret: string; overlapUntil: number }) {
  return db
    .prepare(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = ?3, secret = ?2 WHERE id = ?1
       RETURNING ${COLUMNS}`,
    )
    .bind(p.id, p.secret, p.overlapUntil);
}

/** What the last attempt of a delivery to this endpoint got (status 0: no answer). */
export function recordAttempt(db: D1Database, p: { id: string; status: number; excerpt: string | null; ok: boolean; now: number }) {
  return db
    .prepare(
      `UPDATE webhook_endpoints SET last_attempt_at = ?2, last_status = ?3,
         last_success_at = CASE WHEN ?4 THEN ?2 ELSE last_success_at END,
         last_error_excerpt = CASE WHEN ?4 THEN NULL ELSE ?5 END
       WHERE id = ?1 AND coalesce(last_attempt_at, 0) <= ?2`,
    )
    .bind(p.id, p.now, p.status, p.ok ? 1 : 0, p.excerpt);
}

/** A delivery that used up its retries, kept for a replay (once per endpoint and event). */
export function insertFailure(
  db: D1Database,
  f: { endpointId: string; eventId: string; attempts: number; status: number | null; excerpt: string | null; now: number },
) {
  return db
    .prepare(
      `INSERT INTO webhook_failures (endpoint_id, event_id, attempts, last_status, excerpt, failed_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ?1)
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET attempts = excluded.attempts, last_status = excluded.last_status,
         excerpt = excluded.excerpt, failed_at = excluded.failed_at`,
    )
    .bind(f.endpointId, f.eventId, f.attempts, f.status, f.excerpt, f.now);
}

/** An endpoint's failed deliveries, oldest first (a replay sends them again). */
export function selectFailures(db: D1Database, endpointId: string) {
  return db.prepare("SELECT event_id FROM webhook_failures WHERE endpoint_id = ?1 ORDER BY failed_at").bind(endpointId);
}

/** Failed deliveries that are back on the queue (a JSON list of event ids). */
export function deleteFailures(db: D1Database, endpointId: string, eventIds: string[]) {
  return db
    .prepare("DELETE FROM webhook_failures WHERE endpoint_id = ?1 AND event_id IN (SELECT value FROM json_each(?2))")
    .bind(endpointId, JSON.stringify(eventIds));
}

export function sweepOldFailures(db: D1Database, before: number) {
  return db.prepare("DELETE FROM webhook_failures WHERE failed_at < ?1").bind(before);
}
