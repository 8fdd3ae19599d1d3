-- Host back-ends learn what changed (docs/events.md): every change to a membership, a join
-- request or an integration writes its event row in the same statement, by the triggers below,
-- so no change can be committed without its event and no event exists without its change,
-- whichever code path (or batch) made the change. Events carry ids, never names or emails.

-- How a member joined, for member.joined's `via` (rows from before this migration say nothing).
ALTER TABLE memberships ADD COLUMN joined_via TEXT CHECK (joined_via IN ('sign_up', 'request', 'admin', 'support'));

-- The outbox and the feed: oldest first by seq. dispatch_due_at is when the event should be
-- handed to the delivery queue (NULL: handed over, or nobody was registered to receive it);
-- a hand-over takes a lease by moving it into the future, and clears it once the queue has it.
CREATE TABLE events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  type             TEXT NOT NULL,
  organization_id  TEXT,
  data             TEXT NOT NULL,
  occurred_at      INTEGER NOT NULL,
  dispatch_due_at  INTEGER
);
CREATE INDEX events_by_org ON events(organization_id, seq);
CREATE INDEX events_to_dispatch ON events(dispatch_due_at) WHERE dispatch_due_at IS NOT NULL;
CREATE INDEX events_by_time ON events(occurred_at);

-- Where events are delivered (registered by ThingLink support). The secret signs deliveries,
-- so it is kept as it is (a signer needs it; it was shown once, when made). During a rotation
-- the previous secret signs too, until previous_secret_until.
CREATE TABLE webhook_endpoints (
  id                    TEXT PRIMARY KEY,
  url                   TEXT NOT NULL,
  event_types           TEXT,
  organization_id       TEXT,
  secret                TEXT NOT NULL,
  previous_secret       TEXT,
  previous_secret_until INTEGER,
  created_at            INTEGER NOT NULL,
  last_attempt_at       INTEGER,
  last_status           INTEGER,
  last_success_at       INTEGER,
  last_error_excerpt    TEXT
);

-- Deliveries that used up their retries (dead-lettered), kept for a replay.
CREATE TABLE webhook_failures (
  endpoint_id  TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id     TEXT NOT NULL,
  attempts     INTEGER NOT NULL,
  last_status  INTEGER,
  excerpt      TEXT,
  failed_at    INTEGER NOT NULL,
  PRIMARY KEY (endpoint_id, event_id)
);

-- An event is due for delivery at once when any endpoint is registered (which ones receive it
-- is decided when it is handed over); otherwise it is only in the feed.
CREATE TRIGGER memberships_event_joined AFTER INSERT ON memberships BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'member.joined', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'accountId', NEW.account_id, 'role', NEW.role,
      'accountType', NEW.account_type, 'via', NEW.joined_via),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

-- Moving to another organization: removed from the one, joined to the other.
CREATE TRIGGER memberships_event_moved AFTER UPDATE OF organization_id ON memberships
WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'member.removed', OLD.organization_id,
    json_object('organizationId', OLD.organization_id, 'accountId', OLD.account_id, 'reason', 'moved'),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'member.joined', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'accountId', NEW.account_id, 'role', NEW.role,
      'accountType', NEW.account_type, 'via', NEW.joined_via),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER memberships_event_updated AFTER UPDATE OF role, account_type ON memberships
WHEN OLD.organization_id IS NEW.organization_id AND (OLD.role IS NOT NEW.role OR OLD.account_type IS NOT NEW.account_type) BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'member.updated', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'accountId', NEW.account_id, 'role', NEW.role,
      'accountType', NEW.account_type, 'changed', CASE
        WHEN OLD.role IS NOT NEW.role AND OLD.account_type IS NOT NEW.account_type THEN json_array('role', 'accountType')
        WHEN OLD.role IS NOT NEW.role THEN json_array('role') ELSE json_array('accountType') END),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER memberships_event_removed AFTER DELETE ON memberships BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'member.removed', OLD.organization_id,
    json_object('organizationId', OLD.organization_id, 'accountId', OLD.account_id, 'reason', 'removed'),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER join_requests_event_created AFTER INSERT ON join_requests BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'join_request.created', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'accountId', NEW.account_id, 'requestId', NEW.id,
      'accountType', NEW.account_type),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER join_requests_event_decided AFTER UPDATE OF status ON join_requests
WHEN OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected', 'cancelled') BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))),
    CASE NEW.status WHEN 'cancelled' THEN 'join_request.cancelled' ELSE 'join_request.decided' END, NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'accountId', NEW.account_id, 'requestId', NEW.id,
      'decision', NEW.status, 'accountType', coalesce(NEW.approved_type, NEW.account_type)),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER integrations_event_created AFTER INSERT ON integrations BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'integration.updated', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'status', NEW.status, 'tenantId', NEW.tenant_id),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;

CREATE TRIGGER integrations_event_updated AFTER UPDATE OF status, tenant_id ON integrations
WHEN OLD.status IS NOT NEW.status OR OLD.tenant_id IS NOT NEW.tenant_id BEGIN
  INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'integration.updated', NEW.organization_id,
    json_object('organizationId', NEW.organization_id, 'status', NEW.status, 'tenantId', NEW.tenant_id),
    CAST(unixepoch('subsec') * 1000 AS INTEGER), (SELECT 0 FROM webhook_endpoints LIMIT 1));
END;
