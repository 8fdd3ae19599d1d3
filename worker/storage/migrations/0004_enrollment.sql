-- Enrollment (SPEC §3.2, §3.3, §3.5).

-- Guests (an account invited from another tenant) are never enrolled by tenant: their
-- identity's tenant is not their home (the token's idp names another issuer).
ALTER TABLE identities ADD COLUMN guest INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1));

-- The member list is keyset-paged by name: a lower-case copy of the account's name
-- lives on the membership, so a page (and a name-prefix search) is one index range.
ALTER TABLE memberships ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE memberships SET name_key = lower((SELECT display_name FROM accounts WHERE id = memberships.account_id));
CREATE INDEX memberships_by_org_name ON memberships(organization_id, name_key, account_id);
-- An education member who joined without a Graph reading (by request or by an admin)
-- gets it once, at their next sign-in; then this is cleared.
ALTER TABLE memberships ADD COLUMN graph_pending INTEGER NOT NULL DEFAULT 0 CHECK (graph_pending IN (0, 1));

-- Which decision call decided a request: the rows one bulk call decided are found by it.
ALTER TABLE join_requests ADD COLUMN decision_id TEXT;
CREATE INDEX join_requests_by_org_status ON join_requests(organization_id, status, created_at, id);
CREATE INDEX join_requests_by_account ON join_requests(account_id, created_at);
CREATE INDEX join_requests_by_decision ON join_requests(decision_id);

-- "Not now": the join prompt stays away for 30 days, on every device.
CREATE TABLE join_dismissals (
  account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  until           INTEGER NOT NULL,
  PRIMARY KEY (account_id, organization_id)
);
