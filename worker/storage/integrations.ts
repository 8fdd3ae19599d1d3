/** SQL for `integrations`: one per organization, a tenant linked to at most one. */
export type IntegrationStatus = "not_configured" | "awaiting_consent" | "active" | "disabled";

export interface IntegrationRow {
  organization_id: string;
  tenant_id: string | null;
  status: IntegrationStatus;
  consent_granted_by: string | null;
  consent_granted_oid: string | null;
  consent_granted_at: number | null;
  consent_method: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
  updated_at: number;
}

export function selectIntegration(db: D1Database, organizationId: string) {
  return db.prepare("SELECT * FROM integrations WHERE organization_id = ?1").bind(organizationId);
}

/** The organization an active integration links this tenant to, if any. */
export function selectActiveOrganizationForTenant(db: D1Database, tenantId: string) {
  return db
    .prepare(
      `SELECT o.* FROM integrations i JOIN organizations o ON o.id = i.organization_id
       WHERE i.tenant_id = ?1 AND i.status = 'active'`,
    )
    .bind(tenantId);
}

export function upsertActiveIntegration(
  db: D1Database,
  i: { organizationId: string; tenantId: string; method: string; grantedBy: string | null; grantedOid: string | null; now: number },
) {
  return db
    .prepare(
      `INSERT INTO integrations (organization_id, tenant_id, status, consent_granted_by, consent_granted_oid,
         consent_granted_at, consent_method, updated_at)
       VALUES (?1, ?2, 'active', ?3, ?4, ?5, ?6, ?5)
       ON CONFLICT (organization_id) DO UPDATE SET tenant_id = excluded.tenant_id, status = 'active',
         consent_granted_by = excluded.consent_granted_by, consent_granted_oid = excluded.consent_granted_oid,
         consent_granted_at = excluded.consent_granted_at, consent_method = excluded.consent_method,
         last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, updated_at = excluded.updated_at`,
    )
    .bind(i.organizationId, i.tenantId, i.grantedBy, i.grantedOid, i.now, i.method);
}
