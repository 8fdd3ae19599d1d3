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

export function selectOrganizationById(db: D1Database, id: string) {
  return db.prepare("SELECT * FROM organizations WHERE id = ?1").bind(id);
}

export function selectOrganizationBySlug(db: D1Database, slug: string) {
  return db.prepare("SELECT * FROM organizations WHERE slug = ?1").bind(slug);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The widget's `org` attribute names an organization by id (a UUID) or by slug. The
 * two never overlap, since a slug may not look like a UUID (isValidSlug), so the
 * reference is resolved explicitly, never by `id = ? OR slug = ?`.
 */
export function selectOrganizationByRef(db: D1Database, ref: string) {
  return UUID.test(ref) ? selectOrganizationById(db, ref.toLowerCase()) : selectOrganizationBySlug(db, ref.toLowerCase());
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 63 && !UUID.test(slug);
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
