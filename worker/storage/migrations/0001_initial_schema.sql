-- thinglink-sso initial schema (SPEC §2). Times are Unix epoch milliseconds.
-- Never edit a migration after it lands; add a new numbered one.

CREATE TABLE organizations (
  id          TEXT PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('education', 'business')),
  license     TEXT NOT NULL,
  -- extra origins allowed to embed the widget for this organization, comma separated
  embed_origins TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);

-- One row per organization that has ever touched the Microsoft integration.
-- tenant_id is UNIQUE: one Entra tenant links to at most one organization.
CREATE TABLE integrations (
  organization_id      TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  tenant_id            TEXT UNIQUE,
  status               TEXT NOT NULL CHECK (status IN ('not_configured', 'awaiting_consent', 'active', 'disabled')),
  consent_granted_by   TEXT,
  consent_granted_oid  TEXT,
  consent_granted_at   INTEGER,
  consent_method       TEXT CHECK (consent_method IN ('admin_consent', 'admin_link', 'sign_in_consent', 'support')),
  last_error_code      TEXT,
  last_error_message   TEXT,
  last_error_at        INTEGER,
  updated_at           INTEGER NOT NULL
);

CREATE TABLE accounts (
  id           TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  email        TEXT,
  created_at   INTEGER NOT NULL
);

-- A Microsoft identity is keyed by (tid, oid), never by email/UPN (nOAuth).
CREATE TABLE identities (
  tid             TEXT NOT NULL,
  oid             TEXT NOT NULL,
  account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  upn             TEXT,
  created_at      INTEGER NOT NULL,
  last_sign_in_at INTEGER NOT NULL,
  PRIMARY KEY (tid, oid)
);
CREATE INDEX identities_by_account ON identities(account_id);
CREATE INDEX identities_by_tenant ON identities(tid);

-- account_id is the key: an account belongs to at most one organization.
CREATE TABLE memberships (
  account_id          TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  organization_id     TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  account_type        TEXT NOT NULL CHECK (account_type IN ('student', 'teacher', 'member')),
  account_type_source TEXT NOT NULL CHECK (account_type_source IN ('graph', 'default', 'admin')),
  account_type_reason TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX memberships_by_org ON memberships(organization_id);

CREATE TABLE join_requests (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
  created_at      INTEGER NOT NULL,
  decided_at      INTEGER,
  decided_by      TEXT
);
-- At most one pending request per account.
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests(account_id) WHERE status = 'pending';
CREATE INDEX join_requests_by_org ON join_requests(organization_id, status);

-- Session tokens are stored as SHA-256 hashes only.
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('cookie', 'widget')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE audit_events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id TEXT,
  actor_type      TEXT NOT NULL CHECK (actor_type IN ('account', 'support', 'tenant_admin', 'system')),
  actor_id        TEXT,
  action          TEXT NOT NULL,
  target          TEXT,
  detail          TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX audit_events_by_org ON audit_events(organization_id, created_at);

-- OIDC `state` values already redeemed at the callback: makes each flow single-use
-- without any D1 write when the flow starts.
CREATE TABLE used_flow_states (
  state_hash TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);

-- Widget hand-off: the callback parks the signed-in account under the hash of the
-- widget's secret; only the holder of that secret (and, for redirects, the code
-- delivered to that browser) can collect it, once.
-- A failed sign-in is parked the same way (error_code/error_message, no account),
-- so the widget learns why instead of waiting.
CREATE TABLE handoffs (
  challenge     TEXT PRIMARY KEY,
  account_id    TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  error_code    TEXT,
  error_message TEXT,
  code_hash     TEXT,
  return_origin TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
