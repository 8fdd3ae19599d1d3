/** SQL for `organizations`. */
export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  kind: "education" | "business";
  license: string;
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

export function updateOrganization(db: D1Database, id: string, change: { name?: string; license?: string }) {
  return db
    .prepare("UPDATE organizations SET name = coalesce(?2, name), license = coalesce(?3, license) WHERE id = ?1 RETURNING *")
    .bind(id, change.name ?? null, change.license ?? null);
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

/** A slug from a name: "Northwood School District" → "northwood-school-district". */
export function slugFrom(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/g, "");
  return isValidSlug(slug) ? slug : `org-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * One page of organizations whose name (case-insensitive) or slug starts with `prefix`, ordered by
 * name, keyset-paged on (lower(name), id): each prefix is one range of an index
 * (organizations_by_name, the slug's unique index), and only the matches are sorted.
 */
export function selectOrganizationPage(db: D1Database, p: { prefix: string; after: [string, string] | null; limit: number }) {
  return db
    .prepare(
      `SELECT *, lower(name) AS name_key FROM organizations
       WHERE id IN (SELECT id FROM organizations WHERE lower(name) >= lower(?1) AND lower(name) < lower(?1) || char(1114111)
                    UNION SELECT id FROM organizations WHERE slug >= lower(?1) AND slug < lower(?1) || char(1114111))
         AND (lower(name), id) > (?2, ?3)
       ORDER BY lower(name), id LIMIT ?4`,
    )
    .bind(p.prefix, p.after?.[0] ?? "", p.after?.[1] ?? "", p.limit);
}

export interface OrganizationCountsRow {
  members: number;
  admins: number;
  pending_requests: number;
}

/** Counts for the admin panel and support; each index-backed (memberships_by_org, join_requests_by_org). */
export function selectOrganizationCounts(db: D1Database, id: string) {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM memberships WHERE organization_id = ?1) AS members,
              (SELECT COUNT(*) FROM memberships WHERE organization_id = ?1 AND role = 'admin') AS admins,
              (SELECT COUNT(*) FROM join_requests WHERE organization_id = ?1 AND status = 'pending') AS pending_requests`,
    )
    .bind(id);
}

export const countsOf = (n: OrganizationCountsRow) => ({ members: n.members, admins: n.admins, pendingRequests: n.pending_requests });
