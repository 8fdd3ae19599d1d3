/** SQL for `accounts`, plus the joined view of an account that sessions and sign-in return. */
export interface AccountView {
  account: { id: string; displayName: string; email: string | null; emailVerified: boolean; createdAt: string };
  organization: { id: string; slug: string; name: string; kind: "education" | "business"; license: string } | null;
  membership: { role: "admin" | "member"; accountType: string; accountTypeSource: string } | null;
  /** What GET /api/session adds; present when the view was read with ACCOUNT_EXTRAS. */
  extras?: AccountExtras;
}

export interface AccountExtras {
  joinRequest: {
    id: string;
    organization: { id: string; name: string };
    status: "pending" | "approved" | "rejected";
    /** What a school's requester said they are. */
    accountType: "student" | "teacher" | null;
    decidedAt: string | null;
  } | null;
  /** The organization the account's tenant links to, when it is not in it (license checked by the caller). */
  suggestion: { id: string; name: string; kind: "education" | "business"; license: string } | null;
  /** Pending requests of the account's organization, for admins. */
  adminPending: number | null;
}

interface AccountViewRow {
  account_id: string;
  display_name: string;
  email: string | null;
  email_verified: number;
  account_created_at: number;
  role: "admin" | "member" | null;
  account_type: string | null;
  account_type_source: string | null;
  organization_id: string | null;
  org_slug: string | null;
  org_name: string | null;
  org_kind: "education" | "business" | null;
  org_license: string | null;
}

/** Columns of the account view; callers add FROM/JOIN/WHERE. */
/**
 * The email as admin lists show it: only one Microsoft marked verified (xms_edov). A tenant
 * admin can set `mail` to anyone's address; a request that seems to come from the CEO must not.
 */
export const VERIFIED_EMAIL = "CASE WHEN a.email_verified = 1 THEN a.email END AS email";

/** The Microsoft account (UPN) a person last signed in with: admin lists show it under the name. */
export const LATEST_UPN = (accountId: string) =>
  `(SELECT i.upn FROM identities i WHERE i.account_id = ${accountId} ORDER BY i.last_sign_in_at DESC LIMIT 1) AS upn`;

export const ACCOUNT_VIEW_COLUMNS = `a.id AS account_id, a.display_name, a.email, a.email_verified, a.created_at AS account_created_at,
  m.role, m.account_type, m.account_type_source, m.organization_id,
  o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind, o.license AS org_license`;

export const ACCOUNT_VIEW_JOINS = `LEFT JOIN memberships m ON m.account_id = a.id
  LEFT JOIN organizations o ON o.id = m.organization_id`;

export function toAccountView(row: AccountViewRow): AccountView {
  return {
    account: {
      id: row.account_id,
      displayName: row.display_name,
      email: row.email,
      emailVerified: row.email_verified === 1,
      createdAt: new Date(row.account_created_at).toISOString(),
    },
    organization: row.organization_id
      ? { id: row.organization_id, slug: row.org_slug!, name: row.org_name!, kind: row.org_kind!, license: row.org_license! }
      : null,
    membership: row.role ? { role: row.role, accountType: row.account_type!, accountTypeSource: row.account_type_source! } : null,
  };
}

export type { AccountViewRow };

const DAY_MS = 24 * 60 * 60 * 1000;
/** A decided request is shown to its requester for a week; a rejection keeps the prompt away for 30 days. */
export const REQUEST_SHOWN_MS = 7 * DAY_MS;
export const REJECTION_QUIET_MS = 30 * DAY_MS;

/**
 * The extra columns of the session view, over `a` (accounts) and `m` (memberships),
 * with the clock as `?{now}`: the latest join request, the join suggestion, and the
 * pending count for admins. Each is an index-backed subquery, so the whole session
 * stays one D1 read (and GET /api/session answers from the isolate after that).
 */
export const accountExtras = (now: string) => `
  (SELECT json_object('id', jr.id, 'organizationId', jr.organization_id, 'organizationName', jo.name, 'status', jr.status,
       'accountType', jr.account_type, 'decidedAt', jr.decided_at)
     FROM join_requests jr JOIN organizations jo ON jo.id = jr.organization_id
     WHERE jr.account_id = a.id AND (jr.status = 'pending'
       OR (jr.status IN ('approved', 'rejected') AND jr.decided_at > ${now} - ${REQUEST_SHOWN_MS} AND jr.outcome_seen_at IS NULL))
     ORDER BY jr.created_at DESC LIMIT 1) AS join_request,
  (SELECT json_object('id', so.id, 'name', so.name, 'kind', so.kind, 'license', so.license)
     FROM identities si JOIN integrations sg ON sg.tenant_id = si.tid AND sg.status = 'active'
       JOIN organizations so ON so.id = sg.organization_id
     WHERE si.account_id = a.id AND si.guest = 0 AND so.id IS NOT m.organization_id
       AND NOT EXISTS (SELECT 1 FROM join_dismissals d WHERE d.account_id = a.id AND d.organization_id = so.id AND d.until > ${now})
       AND NOT EXISTS (SELECT 1 FROM join_requests r WHERE r.account_id = a.id AND r.organization_id = so.id
         AND (r.status = 'pending' OR (r.status = 'rejected' AND r.decided_at > ${now} - ${REJECTION_QUIET_MS})))
     LIMIT 1) AS join_suggestion,
  CASE WHEN m.role = 'admin' THEN (SELECT COUNT(*) FROM join_requests pr WHERE pr.organization_id = m.organization_id AND pr.status = 'pending') END AS admin_pending`;

export interface AccountExtrasRow {
  join_request: string | null;
  join_suggestion: string | null;
  admin_pending: number | null;
}

export function toAccountExtras(row: AccountExtrasRow): AccountExtras {
  const request = row.join_request
    ? (JSON.parse(row.join_request) as {
        id: string;
        organizationId: string;
        organizationName: string;
        status: "pending" | "approved" | "rejected";
        accountType: "student" | "teacher" | null;
        decidedAt: number | null;
      })
    : null;
  return {
    joinRequest: request && {
      id: request.id,
      organization: { id: request.organizationId, name: request.organizationName },
      status: request.status,
      accountType: request.accountType,
      decidedAt: request.decidedAt === null ? null : new Date(request.decidedAt).toISOString(),
    },
    suggestion: row.join_suggestion ? (JSON.parse(row.join_suggestion) as AccountExtras["suggestion"]) : null,
    adminPending: row.admin_pending,
  };
}

export interface AccountEmail {
  email: string | null;
  emailVerified: boolean;
}

export function insertAccount(db: D1Database, a: { id: string; displayName: string; now: number } & AccountEmail) {
  return db
    .prepare("INSERT INTO accounts (id, display_name, email, email_verified, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(a.id, a.displayName, a.email, a.emailVerified ? 1 : 0, a.now);
}

/** Each sign-in refreshes the email and whether Microsoft vouches for it. */
export function updateAccountEmail(db: D1Database, id: string, e: AccountEmail) {
  return db.prepare("UPDATE accounts SET email = ?2, email_verified = ?3 WHERE id = ?1").bind(id, e.email, e.emailVerified ? 1 : 0);
}

/** Removes an account that lost a first-sign-in race (no identity points at it). */
export function deleteOrphanAccount(db: D1Database, id: string) {
  return db.prepare("DELETE FROM accounts WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM identities WHERE account_id = ?1)").bind(id);
}

export function selectAccountView(db: D1Database, id: string, now: number) {
  return db
    .prepare(`SELECT ${ACCOUNT_VIEW_COLUMNS}, ${accountExtras("?2")} FROM accounts a ${ACCOUNT_VIEW_JOINS} WHERE a.id = ?1`)
    .bind(id, now);
}
