/**
 * SQL for `integrations`: one per organization. Only a proven link holds its tenant
 * (partial unique index integrations_proven_tenant); any number may await consent for it.
 */
import type { Predicate } from "./audit-events";
import { errorMessage, type PlainErrorKey } from "../error-messages";

export type IntegrationStatus = "not_configured" | "awaiting_consent" | "active" | "disabled";
export type ConsentMethod = "admin_consent" | "admin_link" | "sign_in_consent" | "support";

export interface IntegrationRow {
  organization_id: string;
  tenant_id: string | null;
  status: IntegrationStatus;
  consent_granted_by: string | null;
  consent_granted_upn: string | null;
  consent_granted_oid: string | null;
  consent_granted_at: number | null;
  consent_method: ConsentMethod | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
  link_version: number;
  /** The verified domain the admin typed for the tenant, if they typed one. */
  tenant_domain: string | null;
  /** The account that made the current Global Administrator link. */
  link_created_by: string | null;
  configured_by: string | null;
  configured_at: number | null;
  updated_at: number;
  /** Read by selectIntegrationForAdmin: 1 when another organization holds the tenant. */
  held_elsewhere?: number;
}

export interface Consenter {
  name: string | null;
  upn: string | null;
  oid: string | null;
}

export function selectIntegration(db: D1Database, organizationId: string) {
  return db.prepare("SELECT * FROM integrations WHERE organization_id = ?1").bind(organizationId);
}

/** The integration, with `held_elsewhere` = 1 when another organization's proven integration holds its tenant. */
export function selectIntegrationForAdmin(db: D1Database, organizationId: string) {
  return db
    .prepare(
      `SELECT i.*, EXISTS (SELECT 1 FROM integrations h WHERE h.tenant_id = i.tenant_id AND h.organization_id != i.organization_id
         AND ${holdsTenant("h")}) AS held_elsewhere
       FROM integrations i WHERE i.organization_id = ?1`,
    )
    .bind(organizationId);
}

/**
 * A proven integration: active, or disabled after it was proven. Only such a row holds its
 * tenant (the partial unique index of migration 0005 uses the same condition). A tenant ID an
 * admin only typed in proves nothing: nobody's accounts are listed or added by it, and it
 * keeps nobody else from proving the tenant.
 */
export const holdsTenant = (alias = "integrations") =>
  `(${alias}.status = 'active' OR (${alias}.status = 'disabled' AND ${alias}.consent_granted_at IS NOT NULL))`;

/**
 * Who asked, as a consent page names them: their name, the Microsoft account they last signed in
 * with, and whether that account belongs to the tenant asked for (1) — an admin of another
 * tenant asking for this one is worth a warning. JSON (`Person`), or NULL when `account` is none.
 */
export interface Person {
  name: string;
  upn: string | null;
  inTenant: 0 | 1;
  /** Whether they are still an admin of the organization that asks. */
  isAdmin: 0 | 1;
}

export const parsePerson = (json: string | null): Person | null => (json ? (JSON.parse(json) as Person) : null);
const personOf = (account: string, integration = "i") =>
  `(SELECT json_object('name', pa.display_name,
      'upn', (SELECT upn FROM identities WHERE account_id = pa.id ORDER BY last_sign_in_at DESC LIMIT 1),
      'inTenant', EXISTS (SELECT 1 FROM identities WHERE account_id = pa.id AND tid = ${integration}.tenant_id AND guest = 0),
      'isAdmin', EXISTS (SELECT 1 FROM memberships WHERE account_id = pa.id AND organization_id = ${integration}.organization_id AND role = 'admin'))
    FROM accounts pa WHERE pa.id = ${account})`;

/** The organization's tenant once proven (see holdsTenant). */
export const PROVEN_TENANT = (organization: string) =>
  `(SELECT tenant_id FROM integrations WHERE organization_id = ${organization} AND ${holdsTenant()})`;

export function selectProvenTenant(db: D1Database, organizationId: string) {
  return db.prepare(`SELECT ${PROVEN_TENANT("?1")} AS tenant_id`).bind(organizationId);
}

/**
 * Integrations of this tenant that matter at sign-in: the active one, and any awaiting consent.
 * `tenant_held` says whether a proven integration (of any organization) already holds the tenant:
 * then nobody else is offered to connect it.
 */
export function selectIntegrationsForTenant(db: D1Database, tenantId: string) {
  return db
    .prepare(
      `SELECT i.organization_id, i.status, i.last_error_code, i.last_error_at, i.tenant_domain, o.name AS organization_name,
         o.kind AS organization_kind, o.license AS organization_license, ${personOf("i.configured_by")} AS configured_by,
         EXISTS (SELECT 1 FROM integrations h WHERE h.tenant_id = ?1 AND ${holdsTenant("h")}) AS tenant_held
       FROM integrations i JOIN organizations o ON o.id = i.organization_id
       WHERE i.tenant_id = ?1 AND i.status IN ('active', 'awaiting_consent')`,
    )
    .bind(tenantId);
}

/** The organization whose proven integration holds this tenant, if any. */
export function selectTenantHolder(db: D1Database, tenantId: string) {
  return db
    .prepare(
      `SELECT o.* FROM integrations i JOIN organizations o ON o.id = i.organization_id WHERE i.tenant_id = ?1 AND ${holdsTenant("i")}`,
    )
    .bind(tenantId);
}

/** An organization admin (re-)enters the tenant: back to awaiting consent, whatever it was. */
export function setTenantAwaitingConsent(
  db: D1Database,
  p: { organizationId: string; tenantId: string; tenantDomain: string | null; accountId: string; now: number },
) {
  return db
    .prepare(
      `INSERT INTO integrations (organization_id, tenant_id, tenant_domain, status, configured_by, configured_at, updated_at)
       VALUES (?1, ?2, ?5, 'awaiting_consent', ?3, ?4, ?4)
       ON CONFLICT (organization_id) DO UPDATE SET tenant_id = excluded.tenant_id, tenant_domain = excluded.tenant_domain, status = 'awaiting_consent',
         consent_granted_by = NULL, consent_granted_upn = NULL, consent_granted_oid = NULL, consent_granted_at = NULL,
         consent_method = NULL, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL,
         link_version = link_version + 1, link_created_by = NULL, configured_by = excluded.configured_by,
         configured_at = excluded.configured_at, updated_at = excluded.updated_at`,
    )
    .bind(p.organizationId, p.tenantId, p.accountId, p.now, p.tenantDomain);
}

/**
 * Support clears an organization's integration: back to not configured, holding nothing. The row
 * stays, with its link version bumped, so that a Global Administrator link made before can never
 * come back to life when a tenant is entered again.
 */
export function clearIntegration(db: D1Database, p: { organizationId: string; now: number }) {
  return db
    .prepare(
      `UPDATE integrations SET tenant_id = NULL, tenant_domain = NULL, status = 'not_configured', consent_granted_by = NULL,
         consent_granted_upn = NULL, consent_granted_oid = NULL, consent_granted_at = NULL, consent_method = NULL,
         last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, link_version = link_version + 1,
         link_created_by = NULL, updated_at = ?2
       WHERE organization_id = ?1`,
    )
    .bind(p.organizationId, p.now);
}

/**
 * Activation after a valid proof: only for the tenant the organization awaits consent
 * for (a tenant changed in the meantime, or an integration already active with its
 * tenant-wide consent in place, is left alone), and, when a ThingLink admin started it
 * (`actorId`), only while they are still an admin of that organization. A tenant another
 * organization holds makes this statement fail on the partial unique index, so the whole
 * batch is rolled back: the first proof wins.
 */
export function activateIntegration(
  db: D1Database,
  p: { organizationId: string; tenantId: string; method: ConsentMethod; by: Consenter; actorId: string | null; now: number },
) {
  return db
    .prepare(
      `UPDATE integrations SET status = 'active', consent_granted_by = ?3, consent_granted_upn = ?4, consent_granted_oid = ?5,
         consent_granted_at = ?6, consent_method = ?7, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL,
         updated_at = ?6
       WHERE organization_id = ?1 AND tenant_id = ?2 AND ${NEEDS_CONSENT}
         AND (?8 IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = ?8 AND m.organization_id = ?1 AND m.role = 'admin'))`,
    )
    .bind(p.organizationId, p.tenantId, p.by.name, p.by.upn, p.by.oid, p.now, p.method, p.actorId);
}

/**
 * Active, but a new member's silent roster read met Microsoft's `consent_required`: the
 * tenant-wide grant is missing (way (c) without "Consent on behalf of your organization",
 * or revoked in Entra since). Consent can be given again, and the warning stays until it is.
 */
export const CONSENT_MISSING = "tenant_consent_missing" satisfies PlainErrorKey;
export const NEEDS_CONSENT = `(status = 'awaiting_consent' OR (status = 'active' AND last_error_code = '${CONSENT_MISSING}'))`;
export const needsConsent = (i: Pick<IntegrationRow, "status" | "last_error_code"> | null | undefined) =>
  i?.status === "awaiting_consent" || (i?.status === "active" && i.last_error_code === CONSENT_MISSING);

/** Notes the missing grant once (until consent is given again); `changes()` tells whether this was the first. */
export function markConsentMissing(db: D1Database, p: { organizationId: string; now: number }) {
  return db
    .prepare(
      `UPDATE integrations SET last_error_code = '${CONSENT_MISSING}', last_error_message = ?2, last_error_at = ?3
       WHERE organization_id = ?1 AND status = 'active' AND last_error_code IS NULL`,
    )
    .bind(p.organizationId, errorMessage("en", CONSENT_MISSING), p.now);
}

/** Support links a tenant a customer proved to them: active at once, whatever it was. */
export function upsertActiveIntegration(
  db: D1Database,
  p: { organizationId: string; tenantId: string; method: ConsentMethod; by: Consenter; now: number },
) {
  return db
    .prepare(
      `INSERT INTO integrations (organization_id, tenant_id, status, consent_granted_by, consent_granted_upn, consent_granted_oid,
         consent_granted_at, consent_method, configured_at, updated_at)
       VALUES (?1, ?2, 'active', ?3, ?4, ?5, ?6, ?7, ?6, ?6)
       ON CONFLICT (organization_id) DO UPDATE SET tenant_id = excluded.tenant_id, status = 'active',
         tenant_domain = CASE WHEN tenant_id = excluded.tenant_id THEN tenant_domain END,
         consent_granted_by = excluded.consent_granted_by, consent_granted_upn = excluded.consent_granted_upn,
         consent_granted_oid = excluded.consent_granted_oid, consent_granted_at = excluded.consent_granted_at,
         consent_method = excluded.consent_method, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL,
         link_version = link_version + 1, configured_at = excluded.configured_at, updated_at = excluded.updated_at`,
    )
    .bind(p.organizationId, p.tenantId, p.by.name, p.by.upn, p.by.oid, p.now, p.method);
}

/** A failed step keeps its reason and time; the status is left as it was. */
/** A consent failure: its key (error-messages.ts, worded when shown) and its English words, for whoever reads the table. */
export function recordIntegrationError(
  db: D1Database,
  p: { organizationId: string; tenantId: string; key: string; english: string; now: number },
) {
  return db
    .prepare(
      `UPDATE integrations SET last_error_code = ?3, last_error_message = ?4, last_error_at = ?5, updated_at = ?5
       WHERE organization_id = ?1 AND tenant_id = ?2 AND status = 'awaiting_consent'`,
    )
    .bind(p.organizationId, p.tenantId, p.key, p.english, p.now);
}

/** Disabling keeps the proven link; enabling returns to active only if consent was proven. */
export function setIntegrationEnabled(db: D1Database, p: { organizationId: string; enabled: boolean; now: number }) {
  const sql = p.enabled
    ? `UPDATE integrations SET status = CASE WHEN consent_granted_at IS NOT NULL THEN 'active' ELSE 'awaiting_consent' END, updated_at = ?2
       WHERE organization_id = ?1 AND status = 'disabled'`
    : `UPDATE integrations SET status = 'disabled', updated_at = ?2 WHERE organization_id = ?1 AND status IN ('active', 'awaiting_consent')`;
  return db.prepare(sql).bind(p.organizationId, p.now);
}

/** A new Global Administrator link, made by `accountId`: the version it carries; every older link stops working. */
export function bumpLinkVersion(db: D1Database, p: { organizationId: string; accountId: string; now: number }) {
  return db
    .prepare(
      `UPDATE integrations SET link_version = link_version + 1, link_created_by = ?3, updated_at = ?2
       WHERE organization_id = ?1 AND ${NEEDS_CONSENT} RETURNING link_version, tenant_id`,
    )
    .bind(p.organizationId, p.now, p.accountId);
}

/** The organization this account may ask to join: the one its own (non-guest) tenant is actively linked to. */
export function selectJoinableOrganization(db: D1Database, accountId: string, organizationId: string) {
  return db
    .prepare(
      `SELECT o.* FROM identities i JOIN integrations g ON g.tenant_id = i.tid AND g.status = 'active'
         JOIN organizations o ON o.id = g.organization_id
       WHERE i.account_id = ?1 AND i.guest = 0 AND o.id = ?2 LIMIT 1`,
    )
    .bind(accountId, organizationId);
}

/** What a consent page names: the organization, its integration, who asked, and whether another organization holds the tenant. */
export interface ConsentRequestRow extends IntegrationRow {
  organization_name: string;
  organization_kind: "education" | "business";
  organization_license: string;
  /** Person JSON: who made the current Global Administrator link. */
  link_creator: string | null;
  /** Person JSON of `?2`'s account (the ticket's admin), when asked for. */
  asker: string | null;
  /** 1 when a proven integration of another organization holds this integration's tenant. */
  held_elsewhere: number;
}

export function selectConsentRequest(db: D1Database, organizationId: string, askerId: string | null = null) {
  return db
    .prepare(
      `SELECT i.*, o.name AS organization_name, o.kind AS organization_kind, o.license AS organization_license,
         ${personOf("i.link_created_by")} AS link_creator, ${personOf("?2")} AS asker,
         EXISTS (SELECT 1 FROM integrations h WHERE h.tenant_id = i.tenant_id AND h.organization_id != i.organization_id AND ${holdsTenant("h")}) AS held_elsewhere
       FROM integrations i JOIN organizations o ON o.id = i.organization_id WHERE i.organization_id = ?1`,
    )
    .bind(organizationId, askerId);
}

/** Audit predicates (storage/audit-events.ts): the change a statement of this batch made, at `now`. */
export const activatedAt = (organizationId: string, now: number): Predicate => ({
  sql: "EXISTS (SELECT 1 FROM integrations WHERE organization_id = :1 AND status = 'active' AND consent_granted_at = :2)",
  params: [organizationId, now],
});

/** A new Global Administrator link was made (bumpLinkVersion) at `now`. */
export const linkMadeAt = (organizationId: string, now: number): Predicate => ({
  sql: `EXISTS (SELECT 1 FROM integrations WHERE organization_id = :1 AND ${NEEDS_CONSENT} AND updated_at = :2)`,
  params: [organizationId, now],
});

/** The integration was enabled (or disabled) at `now` (setIntegrationEnabled changed its status). */
export const toggledAt = (organizationId: string, now: number, enabled: boolean): Predicate => ({
  sql: `EXISTS (SELECT 1 FROM integrations WHERE organization_id = :1 AND updated_at = :2 AND status ${enabled ? "IN ('active', 'awaiting_consent')" : "= 'disabled'"})`,
  params: [organizationId, now],
});
