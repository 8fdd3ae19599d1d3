-- Sessions are bound to the site they were handed to (SPEC §2): the worker's own
-- origin for the first-party cookie, or the embedding origin that collected the
-- widget hand-off. Sessions from before this migration have no origin and are
-- refused, so their holders simply sign in again.
ALTER TABLE sessions ADD COLUMN origin TEXT;

-- An email is passed on to embedding sites only when Microsoft says the domain
-- owner verified it (xms_edov); a tenant admin can set `mail` to any address.
ALTER TABLE accounts ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1));
