/** SQL for `embed_origins`: exact https origins where an organization's people may use the widget. */
export function selectEmbedOrigins(db: D1Database, organizationId: string) {
  return db.prepare("SELECT origin FROM embed_origins WHERE organization_id = ?1 ORDER BY origin").bind(organizationId);
}

/** Every embed origin with its organization, for the per-isolate origin map. */
export function selectAllEmbedOrigins(db: D1Database) {
  return db.prepare("SELECT e.origin, e.organization_id, o.slug FROM embed_origins e JOIN organizations o ON o.id = e.organization_id");
}

/** Replacing an organization's list: these statements go in one batch with the audit event. */
export function replaceEmbedOrigins(db: D1Database, organizationId: string, origins: readonly string[], now: number) {
  return [
    db.prepare("DELETE FROM embed_origins WHERE organization_id = ?1").bind(organizationId),
    ...origins.map((origin) => db.prepare("INSERT INTO embed_origins (organization_id, origin, created_at) VALUES (?1, ?2, ?3)").bind(organizationId, origin, now)),
  ];
}
