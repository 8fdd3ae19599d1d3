/** SQL for `memberships`: at most one organization per account (account_id is the key). */
export type AccountType = "student" | "teacher" | "member";
export type AccountTypeSource = "graph" | "default" | "admin";

export interface MembershipInput {
  accountId: string;
  organizationId: string;
  role: "admin" | "member";
  accountType: AccountType;
  accountTypeSource: AccountTypeSource;
  accountTypeReason: string | null;
  now: number;
}

/**
 * Adds a membership only if the account still exists and has none: used inside the
 * first-sign-in batch, where a lost race leaves no account to join.
 */
export function insertMembershipIfAbsent(db: D1Database, m: MembershipInput) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source,
         account_type_reason, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1)
       ON CONFLICT (account_id) DO NOTHING`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now);
}

/** Puts an account into an organization, moving it out of any other (SPEC §3.3). */
export function upsertMembership(db: D1Database, m: MembershipInput) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source,
         account_type_reason, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
       ON CONFLICT (account_id) DO UPDATE SET organization_id = excluded.organization_id, role = excluded.role,
         account_type = excluded.account_type, account_type_source = excluded.account_type_source,
         account_type_reason = excluded.account_type_reason, updated_at = excluded.updated_at`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now);
}

export interface AccountMembershipRow {
  id: string;
  organization_id: string | null;
  role: "admin" | "member" | null;
  account_type: AccountType | null;
  account_type_source: AccountTypeSource | null;
  account_type_reason: string | null;
}

/** An account (if it exists) with its membership, if any. */
export function selectAccountMembership(db: D1Database, accountId: string) {
  return db
    .prepare(
      `SELECT a.id, m.organization_id, m.role, m.account_type, m.account_type_source, m.account_type_reason
       FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id WHERE a.id = ?1`,
    )
    .bind(accountId);
}
