-- Organizations and the Microsoft integration (SPEC §2, §3.4).
--
-- A tenant links to at most one organization, but only a *proven* link holds it:
-- several organizations may await consent for the same tenant (otherwise whoever
-- typed a school's tenant ID first would lock the school out); the proof decides.
-- SQLite cannot drop the old column-level UNIQUE, so the table is rebuilt.
CREATE TABLE integrations_new (
  organization_id      TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  tenant_id            TEXT,
  status               TEXT NOT NULL CHECK (status IN ('not_configured', 'awaiting_consent', 'active', 'disabled')),
  consent_granted_by   TEXT,
  consent_granted_upn  TEXT,
  consent_granted_oid  TEXT,
  consent_granted_at   INTEGER,
  consent_method       TEXT CHECK (consent_method IN ('admin_consent', 'admin_link', 'sign_in_consent', 'support')),
  last_error_code      TEXT,
  last_error_message   TEXT,
  last_error_at        INTEGER,
  -- Bumped by every new Global Administrator link: older links stop working.
  link_version         INTEGER NOT NULL DEFAULT 0,
  configured_by        TEXT,
  configured_at        INTEGER,
  updated_at           INTEGER NOT NULL
);
INSERT INTO integrations_new (organization_id, tenant_id, status, consent_granted_by, consent_granted_oid, consent_granted_at,
  consent_method, last_error_code, last_error_message, last_error_at, updated_at)
SELECT organization_id, lower(tenant_id), status, consent_granted_by, consent_granted_oid, consent_granted_at,
  consent_method, last_error_code, last_error_message, last_error_at, updated_at FROM integrations;
DROP TABLE integrations;
ALTER TABLE integrations_new RENAME TO integrations;
CREATE UNIQUE INDEX integrations_one_org_per_tenant ON integrations(tenant_id) WHERE status IN ('active', 'disabled');
CREATE INDEX integrations_by_tenant ON integrations(tenant_id, status);

-- Sites of an organization where the widget may run for its people: exact https origins.
CREATE TABLE embed_origins (
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  origin          TEXT NOT NULL CHECK (origin LIKE 'https://%'),
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (organization_id, origin)
);
CREATE INDEX embed_origins_by_origin ON embed_origins(origin);
ALTER TABLE organizations DROP COLUMN embed_origins;

-- The audit list is paged newest first by id within an organization.
CREATE INDEX audit_events_by_org_id ON audit_events(organization_id, id);
