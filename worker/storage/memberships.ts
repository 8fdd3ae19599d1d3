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
  /** An education member who joined without a Graph reading gets one at their next sign-in. */
  graphPending?: boolean;
  now: number;
}

/** The member list's sort key: the account's name, lower-cased (kept on the membership for the index). */
const NAME_KEY = "lower((SELECT display_name FROM accounts WHERE id = ?1))";

/**
 * Adds a membership only if the account still exists and has none: used inside the
 * first-sign-in batch, where a lost race leaves no account to join.
 */
export function insertMembershipIfAbsent(db: D1Database, m: MembershipInput) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source,
         account_type_reason, graph_pending, name_key, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?8, ${NAME_KEY}, ?7, ?7 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1)
       ON CONFLICT (account_id) DO NOTHING`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now, m.graphPending ? 1 : 0);
}

/** Puts an account into an organization, moving it out of any other (SPEC §3.3); joining resets the date. */
export function upsertMembership(db: D1Database, m: MembershipInput) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source,
         account_type_reason, graph_pending, name_key, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ${NAME_KEY}, ?7, ?7)
       ON CONFLICT (account_id) DO UPDATE SET
         created_at = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.created_at ELSE excluded.created_at END,
         organization_id = excluded.organization_id, role = excluded.role,
         account_type = excluded.account_type, account_type_source = excluded.account_type_source,
         account_type_reason = excluded.account_type_reason, graph_pending = excluded.graph_pending, updated_at = excluded.updated_at`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now, m.graphPending ? 1 : 0);
}

/** The Graph reading a joined member was waiting for; an admin's choice meanwhile is kept. */
export function settleGraphReading(db: D1Database, p: { accountId: string; organizationId: string; accountType: AccountType; source: AccountTypeSource; reason: string; now: number }) {
  return db
    .prepare(
      `UPDATE memberships SET account_type = ?3, account_type_source = ?4, account_type_reason = ?5, graph_pending = 0, updated_at = ?6
       WHERE account_id = ?1 AND organization_id = ?2 AND graph_pending = 1 AND account_type_source <> 'admin'`,
    )
    .bind(p.accountId, p.organizationId, p.accountType, p.source, p.reason, p.now);
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
