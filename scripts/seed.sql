-- Demo data for `npm start`. Idempotent: safe to apply on every start.
-- Organization ids are UUIDs (slugs never look like one), so `org="northwood"` and the id both work.
INSERT OR IGNORE INTO organizations (id, slug, name, kind, license, created_at) VALUES
  ('a0a0a0a0-0001-4000-8000-000000000001', 'northwood', 'Northwood School District', 'education', 'school', 1767225600000),
  ('a0a0a0a0-0002-4000-8000-000000000002', 'contoso', 'Contoso Ltd', 'business', 'enterprise', 1767225600000),
  ('a0a0a0a0-0003-4000-8000-000000000003', 'fabrikam', 'Fabrikam Inc', 'business', 'team', 1767225600000),
  ('a0a0a0a0-0004-4000-8000-000000000004', 'riverside', 'Riverside Academy', 'education', 'school', 1767225600000),
  ('a0a0a0a0-0005-4000-8000-000000000005', 'westbrook', 'Westbrook High School', 'education', 'school', 1767225600000);

-- Northwood (School Data Sync) and Contoso are connected; Riverside and Westbrook are for the consent stories.
INSERT OR IGNORE INTO integrations (organization_id, tenant_id, status, consent_granted_by, consent_granted_at, consent_method, updated_at) VALUES
  ('a0a0a0a0-0001-4000-8000-000000000001', '6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f', 'active', 'ThingLink support', 1767225600000, 'support', 1767225600000),
  ('a0a0a0a0-0002-4000-8000-000000000002', '8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', 'active', 'ThingLink support', 1767225600000, 'support', 1767225600000),
  ('a0a0a0a0-0003-4000-8000-000000000003', NULL, 'not_configured', NULL, NULL, NULL, 1767225600000),
  ('a0a0a0a0-0004-4000-8000-000000000004', NULL, 'not_configured', NULL, NULL, NULL, 1767225600000),
  ('a0a0a0a0-0005-4000-8000-000000000005', NULL, 'not_configured', NULL, NULL, NULL, 1767225600000);

-- Organization admins who already use ThingLink. Rita is also her tenant's Global Administrator;
-- Leo is not a Microsoft administrator (he sends his Global Administrator, Gwen, a link).
INSERT OR IGNORE INTO accounts (id, display_name, email, email_verified, created_at) VALUES
  ('acct-ada', 'Ada Lovelace', 'ada@northwood.edu', 1, 1767225600000),
  ('acct-carla', 'Carla Admin', 'carla@contoso.com', 1, 1767225600000),
  ('acct-fiona', 'Fiona Admin', 'fiona@fabrikam.com', 1, 1767225600000),
  ('acct-rita', 'Rita Rector', 'rita@riverside-academy.org', 1, 1767225600000),
  ('acct-leo', 'Leo Librarian', 'leo@westbrook.edu', 1, 1767225600000),
  -- Chris used ThingLink before Contoso connected its tenant: he is offered to join.
  ('acct-chris', 'Chris Employee', 'chris@contoso.com', 1, 1767225600000);
INSERT OR IGNORE INTO identities (tid, oid, account_id, upn, created_at, last_sign_in_at) VALUES
  ('6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f', '0a1b2c3d-0001-4000-8000-000000000001', 'acct-ada', 'ada@northwood.edu', 1767225600000, 1767225600000),
  ('8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', '0a1b2c3d-0003-4000-8000-000000000001', 'acct-carla', 'carla@contoso.com', 1767225600000, 1767225600000),
  ('9d4e5f60-5e6f-4071-9ca3-4d5e6f708192', '0a1b2c3d-0004-4000-8000-000000000001', 'acct-fiona', 'fiona@fabrikam.com', 1767225600000, 1767225600000),
  ('7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70', '0a1b2c3d-0002-4000-8000-000000000001', 'acct-rita', 'rita@riverside-academy.org', 1767225600000, 1767225600000),
  ('a1e2f3a4-6f70-4182-8db4-5e6f708192a3', '0a1b2c3d-0005-4000-8000-000000000002', 'acct-leo', 'leo@westbrook.edu', 1767225600000, 1767225600000),
  ('8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', '0a1b2c3d-0003-4000-8000-000000000002', 'acct-chris', 'chris@contoso.com', 1767225600000, 1767225600000);
INSERT OR IGNORE INTO memberships (account_id, organization_id, role, account_type, account_type_source, account_type_reason, created_at, updated_at, name_key, joined_via) VALUES
  ('acct-ada', 'a0a0a0a0-0001-4000-8000-000000000001', 'admin', 'teacher', 'graph', 'sds_role:teacher', 1767225600000, 1767225600000, 'ada lovelace', 'support'),
  ('acct-carla', 'a0a0a0a0-0002-4000-8000-000000000002', 'admin', 'member', 'default', 'business', 1767225600000, 1767225600000, 'carla admin', 'support'),
  ('acct-fiona', 'a0a0a0a0-0003-4000-8000-000000000003', 'admin', 'member', 'default', 'business', 1767225600000, 1767225600000, 'fiona admin', 'support'),
  ('acct-rita', 'a0a0a0a0-0004-4000-8000-000000000004', 'admin', 'teacher', 'admin', 'Made an organization admin by ThingLink support', 1767225600000, 1767225600000, 'rita rector', 'support'),
  ('acct-leo', 'a0a0a0a0-0005-4000-8000-000000000005', 'admin', 'teacher', 'admin', 'Made an organization admin by ThingLink support', 1767225600000, 1767225600000, 'leo librarian', 'support');
