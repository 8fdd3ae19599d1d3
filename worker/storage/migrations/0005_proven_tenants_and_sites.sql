-- Only what an organization proved belongs to it (docs/security.md, "Who owns a tenant or a site").

-- A tenant is held by a *proven* integration only: an active one, or one disabled after it was
-- proven (consent_granted_at is set on activation and cleared when the tenant is re-entered).
-- An integration that only awaits consent, or was disabled before anything was proven, holds
-- nothing: whoever typed a school's tenant ID first must not lock the school out.
DROP INDEX integrations_one_org_per_tenant;
CREATE UNIQUE INDEX integrations_proven_tenant ON integrations(tenant_id)
  WHERE status = 'active' OR (status = 'disabled' AND consent_granted_at IS NOT NULL);

-- The verified domain the admin typed (shown to the Microsoft administrator next to the GUID),
-- and who made the current Global Administrator link (named on the link's page).
ALTER TABLE integrations ADD COLUMN tenant_domain TEXT;
ALTER TABLE integrations ADD COLUMN link_created_by TEXT;

-- An embed origin has effect only once proven: its site served the organization's token at
-- /.well-known/thinglink-sso.txt, or ThingLink support approved it. Rows from before this
-- migration were only declared, so they start pending. A proven origin belongs to one
-- organization (the first proof wins); any number may list it while it is pending.
ALTER TABLE embed_origins ADD COLUMN status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified'));
ALTER TABLE embed_origins ADD COLUMN verified_at INTEGER;
ALTER TABLE embed_origins ADD COLUMN verified_by TEXT CHECK (verified_by IN ('site', 'support'));
ALTER TABLE embed_origins ADD COLUMN checked_at INTEGER;
ALTER TABLE embed_origins ADD COLUMN check_error TEXT;
CREATE UNIQUE INDEX embed_origins_proven ON embed_origins(origin) WHERE status = 'verified';

-- Which browser a session was signed in with: the hash of that browser's HttpOnly cookie of the
-- worker's own origin, set at the sign-in's callback and carried by its hand-off to the session
-- (worker/session/browser-cookie.ts). "Grant consent now" goes on only in that browser.
ALTER TABLE handoffs ADD COLUMN browser_hash TEXT;
ALTER TABLE sessions ADD COLUMN browser_hash TEXT;
