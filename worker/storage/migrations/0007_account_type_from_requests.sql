-- An education organization's join prompt asks whether the person is a student or a teacher:
-- the request carries it (account_type), and the admin who approves confirms or changes it
-- (approved_type). Nothing is read from Microsoft after sign-up, so a membership no longer
-- waits for a Graph reading at its next sign-in (graph_pending goes), and the account type's
-- source gains `request`. SQLite cannot change a CHECK constraint in place: the table is rebuilt
-- (nothing references memberships, so it can be dropped and renamed).
ALTER TABLE join_requests ADD COLUMN account_type TEXT CHECK (account_type IN ('student', 'teacher'));
ALTER TABLE join_requests ADD COLUMN approved_type TEXT CHECK (approved_type IN ('student', 'teacher'));

CREATE TABLE memberships_next (
  account_id          TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  organization_id     TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  account_type        TEXT NOT NULL CHECK (account_type IN ('student', 'teacher', 'member')),
  account_type_source TEXT NOT NULL CHECK (account_type_source IN ('graph', 'default', 'request', 'admin')),
  account_type_reason TEXT,
  name_key            TEXT NOT NULL DEFAULT '',
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
INSERT INTO memberships_next (account_id, organization_id, role, account_type, account_type_source, account_type_reason, name_key, created_at, updated_at)
  SELECT account_id, organization_id, role, account_type, account_type_source, account_type_reason, name_key, created_at, updated_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_next RENAME TO memberships;
CREATE INDEX memberships_by_org ON memberships(organization_id);
CREATE INDEX memberships_by_org_name ON memberships(organization_id, name_key, account_id);

-- The requester has read a decision ("You joined …", or a rejection): it is not shown again.
ALTER TABLE join_requests ADD COLUMN outcome_seen_at INTEGER;

-- Support finds an organization by a prefix of its name (case-insensitive) or of its slug.
CREATE INDEX organizations_by_name ON organizations(lower(name), id);

-- Why a session ended, so that the page holding it can tell its host: the person signed out,
-- was removed from their organization, or signed in again in this browser (replaced).
ALTER TABLE sessions ADD COLUMN end_reason TEXT CHECK (end_reason IN ('signed_out', 'removed', 'replaced'));
