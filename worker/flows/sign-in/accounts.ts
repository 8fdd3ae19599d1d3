/**
 * Finding or creating the account for a validated Microsoft identity, by (tid, oid)
 * only (whether it then joins an organization is decided in flows/enroll/). A returning user
 * costs one D1 round trip here (plus the caller's session write): the flow's state is redeemed, the account and the tenant's integrations
 * are read in one batch. Concurrent first sign-ins are decided inside one batch, so
 * exactly one account wins.
 */
import type { IdentityClaims } from "../../oidc/id-token";
import {
  deleteOrphanAccount,
  insertAccount,
  toAccountView,
  updateAccountEmail,
  type AccountEmail,
  type AccountView,
  type AccountViewRow,
} from "../../storage/accounts";
import { redeemFlowState } from "../../storage/flow-states";
import { insertIdentityIfAbsent, selectAccountByIdentity, touchIdentity } from "../../storage/identities";
import { joinAtSignUp } from "../../members/write-path";
import type { AccountTypeDecision } from "../../members/account-type";
import { selectIntegrationsForTenant } from "../../storage/integrations";

export type SignInOutcome =
  | { kind: "returning"; view: AccountView; followUp: D1PreparedStatement[] }
  | { kind: "created"; view: AccountView; followUp: D1PreparedStatement[] };

/** An integration of the signing-in tenant that is active or awaits consent. */
export interface TenantIntegration {
  organization_id: string;
  organization_name: string;
  organization_kind: "education" | "business";
  organization_license: string;
  status: "active" | "awaiting_consent";
  last_error_code: string | null;
  last_error_at: number | null;
  tenant_domain: string | null;
  /** Person JSON (storage/integrations.ts) of the ThingLink admin who entered the tenant. */
  configured_by: string | null;
  /** 1 when a proven integration (of any organization) already holds the tenant. */
  tenant_held: number;
}

export type Lookup = { kind: "replayed" } | { kind: "found"; existing: AccountViewRow | null; integrations: TenantIntegration[] };

const text = (v: unknown, max = 256) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

/**
 * The email and whether Microsoft vouches for it: `xms_edov` (email domain owner
 * verified) is an optional claim the app registration must ask for; without it an
 * email is never treated as verified.
 */
export function emailOf(claims: IdentityClaims): AccountEmail {
  const email = text(claims.email, 320);
  const edov = claims.xms_edov;
  return { email, emailVerified: !!email && (edov === true || edov === 1 || edov === "1" || edov === "true") };
}

/** Redeems the single-use `stateHash` and reads the account and the tenant's integrations, in one batch. */
export async function lookUp(db: D1Database, claims: IdentityClaims, p: { stateHash: string; stateExpiresAt: number }): Promise<Lookup> {
  const [redeemed, existing, integrations] = await db.batch([
    redeemFlowState(db, p.stateHash, p.stateExpiresAt),
    selectAccountByIdentity(db, claims.tid, claims.oid),
    selectIntegrationsForTenant(db, claims.tid),
  ]);
  if (redeemed.meta.changes === 0) return { kind: "replayed" };
  return {
    kind: "found",
    existing: (existing.results[0] as AccountViewRow | undefined) ?? null,
    integrations: integrations.results as unknown as TenantIntegration[],
  };
}

/**
 * A guest is someone invited from another tenant: their token's `idp` names their
 * home issuer, not this tenant's (or `acct` says 1). Never enrolled by this tenant.
 */
export function isGuest(claims: Pick<IdentityClaims, "tid"> & { idp?: unknown; acct?: unknown }): boolean {
  if (claims.acct === 1 || claims.acct === "1") return true;
  if (typeof claims.idp !== "string" || !claims.idp) return false;
  return !claims.idp.toLowerCase().includes(claims.tid.toLowerCase());
}

/** An existing account: refreshed (sign-in time, UPN, email and whether Microsoft vouches for it). */
export function returning(db: D1Database, claims: IdentityClaims, row: AccountViewRow, now: number): SignInOutcome {
  const email = emailOf(claims);
  const view = toAccountView(row);
  return {
    kind: "returning",
    view: { ...view, account: { ...view.account, ...email } },
    followUp: [
      touchIdentity(db, claims.tid, claims.oid, text(claims.preferred_username), now),
      updateAccountEmail(db, row.account_id, email),
    ],
  };
}

export interface Enrollment {
  organizationId: string;
  decision: AccountTypeDecision;
}

/**
 * A new account, created inside its organization when `enroll` says so,
 * in one batch: nothing is half-created, and when first sign-ins of one person race,
 * exactly one account (and one membership) is left.
 */
export async function create(
  db: D1Database,
  claims: IdentityClaims,
  enroll: Enrollment | null,
  now: number,
  alongside: D1PreparedStatement[] = [],
): Promise<SignInOutcome> {
  const { tid, oid } = claims;
  const upn = text(claims.preferred_username);
  const email = emailOf(claims);
  const id = crypto.randomUUID();
  // Joining at sign-up goes through the membership write path too (a new account has no session to forget).
  const joining = enroll ? joinAtSignUp(db, { accountId: id, organizationId: enroll.organizationId, type: enroll.decision, now }) : [];
  const statements = [
    insertAccount(db, { id, displayName: text(claims.name) ?? upn ?? "Microsoft user", ...email, now }),
    insertIdentityIfAbsent(db, { tid, oid, accountId: id, upn, guest: isGuest(claims), now }),
    deleteOrphanAccount(db, id),
    ...joining,
    ...alongside,
    selectAccountByIdentity(db, tid, oid),
  ];
  const results = await db.batch<AccountViewRow>(statements);
  const winner = results[results.length - 1].results[0];
  return winner.account_id === id ? { kind: "created", view: toAccountView(winner), followUp: [] } : returning(db, claims, winner, now);
}
