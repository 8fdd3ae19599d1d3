/** SQL for `accounts`, plus the joined view of an account that sessions and sign-in return. */
export interface AccountView {
  account: { id: string; displayName: string; email: string | null; emailVerified: boolean; createdAt: string };
  organization: { id: string; slug: string; name: string; kind: "education" | "business"; license: string } | null;
  membership: { role: "admin" | "member"; accountType: string; accountTypeSource: string } | null;
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
    membership: row.role
      ? { role: row.role, accountType: row.account_type!, accountTypeSource: row.account_type_source! }
      : null,
  };
}

export type { AccountViewRow };

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
  return db
    .prepare("DELETE FROM accounts WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM identities WHERE account_id = ?1)")
    .bind(id);
}

export function selectAccountView(db: D1Database, id: string) {
  return db
    .prepare(`SELECT ${ACCOUNT_VIEW_COLUMNS} FROM accounts a ${ACCOUNT_VIEW_JOINS} WHERE a.id = ?1`)
    .bind(id);
}
