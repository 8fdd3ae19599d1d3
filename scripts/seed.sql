-- Demo data for `npm start` (SPEC §5). Idempotent: safe to apply on every start.
INSERT OR IGNORE INTO organizations (id, slug, name, kind, license, created_at) VALUES
  ('org-northwood', 'northwood', 'Northwood School District', 'education', 'school', 1767225600000),
  ('org-contoso', 'contoso', 'Contoso Ltd', 'business', 'enterprise', 1767225600000),
  ('org-fabrikam', 'fabrikam', 'Fabrikam Inc', 'business', 'team', 1767225600000);

INSERT OR IGNORE INTO integrations (organization_id, tenant_id, status, consent_granted_by, consent_granted_at, consent_method, updated_at) VALUES
  ('org-northwood', '6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f', 'active', 'ThingLink support (demo seed)', 1767225600000, 'support', 1767225600000),
  ('org-contoso', '8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', 'active', 'ThingLink support (demo seed)', 1767225600000, 'support', 1767225600000),
  ('org-fabrikam', NULL, 'not_configured', NULL, NULL, NULL, 1767225600000);

-- Organization admins who already use ThingLink.
INSERT OR IGNORE INTO accounts (id, display_name, email, created_at) VALUES
  ('acct-ada', 'Ada Lovelace', 'ada@northwood.edu', 1767225600000),
  ('acct-carla', 'Carla Admin', 'carla@contoso.com', 1767225600000),
  ('acct-fiona', 'Fiona Admin', 'fiona@fabrikam.com', 1767225600000);
INSERT OR IGNORE INTO identities (tid, oid, account_id, upn, created_at, last_sign_in_at) VALUES
  ('6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f', '0a1b2c3d-0001-4000-8000-000000000001', 'acct-ada', 'ada@northwood.edu', 1767225600000, 1767225600000),
  ('8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', '0a1b2c3d-0003-4000-8000-000000000001', 'acct-carla', 'carla@contoso.com', 1767225600000, 1767225600000),
  ('9d4e5f60-5e6f-4071-9ca3-4d5e6f708192', '0a1b2c3d-0004-4000-8000-000000000001', 'acct-fiona', 'fiona@fabrikam.com', 1767225600000, 1767225600000);
INSERT OR IGNORE INTO memberships (account_id, organization_id, role, account_type, account_type_source, account_type_reason, created_at, updated_at) VALUES
  ('acct-ada', 'org-northwood', 'admin', 'teacher', 'graph', 'School Data Sync primaryRole: teacher', 1767225600000, 1767225600000),
  ('acct-carla', 'org-contoso', 'admin', 'member', 'default', 'Business organization', 1767225600000, 1767225600000),
  ('acct-fiona', 'org-fabrikam', 'admin', 'member', 'default', 'Business organization', 1767225600000, 1767225600000);
