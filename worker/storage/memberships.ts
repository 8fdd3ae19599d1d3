/** SQL for `memberships`: at most one organization per account (account_id is the key). */
import type { Predicate } from "./audit-events";
import { reason } from "../account-type-reason";
import { LATEST_UPN, VERIFIED_EMAIL } from "./accounts";

export type AccountType = "student" | "teacher" | "member";
export type AccountTypeSource = "graph" | "default" | "request" | "admin";
/** How an account came to be a member (member.joined's `via`). */
export type JoinedVia = "sign_up" | "request" | "admin" | "support";

export interface MembershipInput {
  accountId: string;
  organizationId: string;
  role: "admin" | "member";
  accountType: AccountType;
  accountTypeSource: AccountTypeSource;
  accountTypeReason: string | null;
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
         account_type_reason, name_key, created_at, updated_at, joined_via)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ${NAME_KEY}, ?7, ?7, 'sign_up' WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?1)
       ON CONFLICT (account_id) DO NOTHING`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now);
}

/** Puts an account into an organization, moving it out of any other; joining resets the date (and how they joined). */
export function upsertMembership(db: D1Database, m: MembershipInput & { via: JoinedVia }) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source,
         account_type_reason, name_key, created_at, updated_at, joined_via)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ${NAME_KEY}, ?7, ?7, ?8)
       ON CONFLICT (account_id) DO UPDATE SET
         created_at = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.created_at ELSE excluded.created_at END,
         joined_via = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.joined_via ELSE excluded.joined_via END,
         organization_id = excluded.organization_id, role = excluded.role,
         account_type = excluded.account_type, account_type_source = excluded.account_type_source,
         account_type_reason = excluded.account_type_reason, updated_at = excluded.updated_at`,
    )
    .bind(m.accountId, m.organizationId, m.role, m.accountType, m.accountTypeSource, m.accountTypeReason, m.now, m.via);
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

/** The member-type fields an add writes (decided by members/people.ts). */
export interface JoinedType {
  accountType: AccountType;
  source: AccountTypeSource;
  reason: string;
}

/**
 * Moving in keeps nothing of the old organization; staying (already a member here)
 * keeps role, type and join date. Used by the set-based joins below.
 */
const JOIN_UPSERT = `ON CONFLICT (account_id) DO UPDATE SET
  created_at = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.created_at ELSE excluded.created_at END,
  joined_via = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.joined_via ELSE excluded.joined_via END,
  role = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.role ELSE 'member' END,
  account_type = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.account_type ELSE excluded.account_type END,
  account_type_source = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.account_type_source ELSE excluded.account_type_source END,
  account_type_reason = CASE WHEN memberships.organization_id = excluded.organization_id THEN memberships.account_type_reason ELSE excluded.account_type_reason END,
  organization_id = excluded.organization_id, updated_at = excluded.updated_at`;

/**
 * SQL: the account is the only admin of an organization other than `org`, so moving it would
 * leave that organization with no admin. Approvals and adds skip such accounts.
 */
export const soleAdminElsewhere = (account: string, org: string) =>
  `EXISTS (SELECT 1 FROM memberships sa WHERE sa.account_id = ${account} AND sa.organization_id <> ${org} AND sa.role = 'admin'
     AND NOT EXISTS (SELECT 1 FROM memberships sb WHERE sb.organization_id = sa.organization_id AND sb.role = 'admin' AND sb.account_id <> sa.account_id))`;

/**
 * Members for the requests one decision call approved. A school's member has the type the
 * request asked for (source `request`), or the one the approving admin chose instead (`admin`);
 * a request that asked nothing makes a student by default. A business's members are `member`.
 */
export function joinApprovedRequests(
  db: D1Database,
  p: { organizationId: string; decisionId: string; kind: "education" | "business"; now: number },
) {
  const changed = "jr.approved_type IS NOT NULL AND jr.approved_type IS NOT jr.account_type";
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, account_type_reason, name_key, created_at, updated_at, joined_via)
       SELECT jr.account_id, ?1, 'member',
         CASE WHEN ?3 = 'business' THEN 'member' ELSE coalesce(jr.approved_type, jr.account_type, 'student') END,
         CASE WHEN ?3 = 'business' THEN 'default' WHEN ${changed} THEN 'admin' WHEN jr.account_type IS NOT NULL THEN 'request' ELSE 'default' END,
         CASE WHEN ?3 = 'business' THEN '${reason("business")}' WHEN ${changed} THEN '${reason("changed_on_approval")}'
              WHEN jr.account_type IS NOT NULL THEN '${reason("asked_in_request")}' ELSE '${reason("joined_by_request")}' END,
         lower(a.display_name), ?4, ?4, 'request'
       FROM join_requests jr JOIN accounts a ON a.id = jr.account_id
       WHERE jr.decision_id = ?2 AND jr.status = 'approved' ${JOIN_UPSERT}`,
    )
    .bind(p.organizationId, p.decisionId, p.kind, p.now);
}

/** Adds accounts (JSON list of ids) whose identity is from the organization's tenant and not a guest. */
export function addTenantMembers(
  db: D1Database,
  p: { organizationId: string; tenantId: string; accountIds: string; type: JoinedType; via: "admin" | "support"; now: number },
) {
  return db
    .prepare(
      `INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, account_type_reason, name_key, created_at, updated_at, joined_via)
       SELECT DISTINCT a.id, ?1, 'member', ?4, ?5, ?6, lower(a.display_name), ?7, ?7, ?8
       FROM json_each(?3) d JOIN identities i ON i.account_id = d.value AND i.tid = ?2 AND i.guest = 0 JOIN accounts a ON a.id = i.account_id
       WHERE NOT EXISTS (SELECT 1 FROM memberships x WHERE x.account_id = a.id AND x.organization_id = ?1) AND NOT ${soleAdminElsewhere("a.id", "?1")} ${JOIN_UPSERT}`,
    )
    .bind(p.organizationId, p.tenantId, p.accountIds, p.type.accountType, p.type.source, p.type.reason, p.now, p.via);
}

export interface MembershipStateRow {
  account_id: string;
  organization_id: string | null;
  organization_name: string | null;
  in_tenant: number;
  sole_admin: number;
}

/** For each account id of a JSON list: its organization now, whether it is from the tenant, and whether it is that organization's only admin. */
export function selectMembershipStates(db: D1Database, p: { tenantId: string; organizationId: string; accountIds: string }) {
  return db
    .prepare(
      `SELECT d.value AS account_id, m.organization_id, o.name AS organization_name,
         EXISTS (SELECT 1 FROM identities i WHERE i.account_id = d.value AND i.tid = ?1 AND i.guest = 0) AS in_tenant,
         ${soleAdminElsewhere("d.value", "?3")} AS sole_admin
       FROM json_each(?2) d LEFT JOIN memberships m ON m.account_id = d.value LEFT JOIN organizations o ON o.id = m.organization_id ORDER BY d.key`,
    )
    .bind(p.tenantId, p.accountIds, p.organizationId);
}

export interface MemberRow {
  account_id: string;
  display_name: string;
  email: string | null;
  upn: string | null;
  role: "admin" | "member";
  account_type: AccountType;
  account_type_source: AccountTypeSource;
  account_type_reason: string | null;
  name_key: string;
  created_at: number;
}

/** One page of members ordered by name (keyset on (name_key, account_id)); `prefix` narrows by name. */
export function selectMemberPage(
  db: D1Database,
  p: { organizationId: string; prefix: string; after: [string, string] | null; limit: number },
) {
  return db
    .prepare(
      `SELECT m.account_id, a.display_name, ${VERIFIED_EMAIL}, ${LATEST_UPN("m.account_id")}, m.role, m.account_type, m.account_type_source, m.account_type_reason, m.name_key, m.created_at
       FROM memberships m JOIN accounts a ON a.id = m.account_id
       WHERE m.organization_id = ?1 AND m.name_key >= ?2 AND m.name_key < ?2 || char(1114111)
         AND (m.name_key, m.account_id) > (?3, ?4)
       ORDER BY m.name_key, m.account_id LIMIT ?5`,
    )
    .bind(p.organizationId, p.prefix, p.after?.[0] ?? "", p.after?.[1] ?? "", p.limit);
}

export function countAdmins(db: D1Database, organizationId: string) {
  return db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ?1 AND role = 'admin'").bind(organizationId);
}

/** The last admin cannot be demoted or removed: the guard every change below carries. */
const NOT_LAST_ADMIN = `NOT (role = 'admin' AND (SELECT COUNT(*) FROM memberships WHERE organization_id = ?2 AND role = 'admin') <= 1)`;

/** An admin changes someone's role and/or account type; the type's source becomes `admin`. */
export function updateMember(
  db: D1Database,
  p: { accountId: string; organizationId: string; role: "admin" | "member" | null; accountType: AccountType | null; now: number },
) {
  return db
    .prepare(
      `UPDATE memberships SET role = coalesce(?3, role),
         account_type = coalesce(?4, account_type),
         account_type_source = CASE WHEN ?4 IS NULL THEN account_type_source ELSE 'admin' END,
         account_type_reason = CASE WHEN ?4 IS NULL THEN account_type_reason ELSE 'set_by_admin' END,
         updated_at = ?5
       WHERE account_id = ?1 AND organization_id = ?2 AND (?3 IS NOT 'member' OR ${NOT_LAST_ADMIN})
       RETURNING account_id, role, account_type, account_type_source, account_type_reason`,
    )
    .bind(p.accountId, p.organizationId, p.role, p.accountType, p.now);
}

export function deleteMember(db: D1Database, p: { accountId: string; organizationId: string }) {
  return db
    .prepare(`DELETE FROM memberships WHERE account_id = ?1 AND organization_id = ?2 AND ${NOT_LAST_ADMIN} RETURNING account_id`)
    .bind(p.accountId, p.organizationId);
}

export function selectMember(db: D1Database, p: { accountId: string; organizationId: string }) {
  return db.prepare("SELECT role FROM memberships WHERE account_id = ?1 AND organization_id = ?2").bind(p.accountId, p.organizationId);
}

/** Audit predicate (storage/audit-events.ts): the account is a member (of anything) now. */
export const isMember = (accountId: string): Predicate => ({
  sql: "EXISTS (SELECT 1 FROM memberships WHERE account_id = :1)",
  params: [accountId],
});
