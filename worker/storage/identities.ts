/**
 * SQL for `identities`. A Microsoft identity is (tid, oid) and nothing else:
 * email, UPN and preferred_username are mutable and never used to find an account.
 */
import { ACCOUNT_VIEW_COLUMNS, ACCOUNT_VIEW_JOINS, VERIFIED_EMAIL } from "./accounts";
import { PROVEN_TENANT } from "./integrations";

export interface IdentityInput {
  tid: string;
  oid: string;
  accountId: string;
  upn: string | null;
  /** Invited from another tenant: never enrolled by this tenant. */
  guest: boolean;
  now: number;
}

/** First sign-in: links (tid, oid) to a new account unless a concurrent sign-in already did. */
export function insertIdentityIfAbsent(db: D1Database, i: IdentityInput) {
  return db
    .prepare(
      `INSERT INTO identities (tid, oid, account_id, upn, guest, created_at, last_sign_in_at)
       VALUES (?1, ?2, ?3, ?4, ?6, ?5, ?5) ON CONFLICT (tid, oid) DO NOTHING`,
    )
    .bind(i.tid, i.oid, i.accountId, i.upn, i.now, i.guest ? 1 : 0);
}

/** The account view of whoever owns (tid, oid), plus the identity's tenant. */
export function selectAccountByIdentity(db: D1Database, tid: string, oid: string) {
  return db
    .prepare(
      `SELECT ${ACCOUNT_VIEW_COLUMNS} FROM identities i JOIN accounts a ON a.id = i.account_id ${ACCOUNT_VIEW_JOINS}
       WHERE i.tid = ?1 AND i.oid = ?2`,
    )
    .bind(tid, oid);
}

export function touchIdentity(db: D1Database, tid: string, oid: string, upn: string | null, now: number) {
  return db.prepare("UPDATE identities SET last_sign_in_at = ?3, upn = ?4 WHERE tid = ?1 AND oid = ?2").bind(tid, oid, now, upn);
}

export interface TenantAccountRow {
  oid: string;
  account_id: string;
  display_name: string;
  email: string | null;
  upn: string | null;
  organization_id: string | null;
  organization_name: string | null;
  pending_request: number;
}

/**
 * One page of the tenant's existing accounts that are not members of `organizationId`
 *, keyset-paged by oid within the tenant (the identities primary key).
 */
export function selectTenantAccountPage(db: D1Database, p: { organizationId: string; afterOid: string; limit: number }) {
  return db
    .prepare(
      `SELECT i.oid, i.account_id, a.display_name, ${VERIFIED_EMAIL}, i.upn, m.organization_id, o.name AS organization_name,
         EXISTS (SELECT 1 FROM join_requests r WHERE r.account_id = i.account_id AND r.organization_id = ?1 AND r.status = 'pending') AS pending_request
       FROM identities i JOIN accounts a ON a.id = i.account_id
         LEFT JOIN memberships m ON m.account_id = i.account_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE i.tid = ${PROVEN_TENANT("?1")} AND i.guest = 0 AND i.oid > ?2 AND m.organization_id IS NOT ?1
       ORDER BY i.oid LIMIT ?3`,
    )
    .bind(p.organizationId, p.afterOid, p.limit);
}
