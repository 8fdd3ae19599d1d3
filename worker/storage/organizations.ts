/** SQL for `organizations`. */
export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  kind: "education" | "business";
  license: string;
  embed_origins: string;
  created_at: number;
}

export function insertOrganization(
  db: D1Database,
  o: { id: string; slug: string; name: string; kind: OrganizationRow["kind"]; license: string; now: number },
) {
  return db
    .prepare("INSERT INTO organizations (id, slug, name, kind, license, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(o.id, o.slug, o.name, o.kind, o.license, o.now);
}

/** By id or slug: the widget's `org` attribute accepts either. */
export function selectOrganization(db: D1Database, idOrSlug: string) {
  return db.prepare("SELECT * FROM organizations WHERE id = ?1 OR slug = ?1").bind(idOrSlug);
}

/** Every per-organization embed origin, for the CORS allow-list. */
export function selectEmbedOrigins(db: D1Database) {
  return db.prepare("SELECT embed_origins FROM organizations WHERE embed_origins <> ''");
}

/**
 * SPEC §2: education organizations on any organizational license, business
 * organizations on Enterprise only, may use the Microsoft integration.
 */
export function integrationAvailable(org: Pick<OrganizationRow, "kind" | "license">): boolean {
  return org.kind === "education" || org.license.toLowerCase() === "enterprise";
}
