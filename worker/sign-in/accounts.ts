/**
 * Finding or creating the account for a validated Microsoft identity, by (tid, oid)
 * only. A returning user costs one D1 round trip here (plus the caller's session
 * write): the flow's state is redeemed, the account and the tenant's integrations
 * are read in one batch. Concurrent first sign-ins are decided inside one batch, so
 * exactly one account wins.
 */
import type { MicrosoftIdClaims } from "../oidc/id-token";
import { deleteOrphanAccount, insertAccount, toAccountView, updateAccountEmail, type AccountEmail, type AccountView, type AccountViewRow } from "../storage/accounts";
import { redeemFlowState } from "../storage/flow-states";
import { insertIdentityIfAbsent, selectAccountByIdentity, touchIdentity } from "../storage/identities";
import { selectIntegrationsForTenant } from "../storage/integrations";

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
}

export type Lookup = { kind: "replayed" } | { kind: "found"; existing: AccountViewRow | null; integrations: TenantIntegration[] };

/** The claims a sign-in keeps (e.g. across the consent step of §3.4 c). */
export type IdentityClaims = Pick<MicrosoftIdClaims, "tid" | "oid" | "name" | "email" | "preferred_username" | "xms_edov" | "wids">;

const text = (v: unknown, max = 256) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

export function identityClaims(c: MicrosoftIdClaims): IdentityClaims {
  return { tid: c.tid, oid: c.oid, name: c.name, email: c.email, preferred_username: c.preferred_username, xms_edov: c.xms_edov, wids: c.wids };
}

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
  return { kind: "found", existing: (existing.results[0] as AccountViewRow | undefined) ?? null, integrations: integrations.results as unknown as TenantIntegration[] };
}

/** The account of a looked-up identity: the existing one (refreshed), or a new one. */
export async function findOrCreate(db: D1Database, claims: IdentityClaims, existing: AccountViewRow | null, now: number): Promise<SignInOutcome> {
  const { tid, oid } = claims;
  const upn = text(claims.preferred_username);
  const email = emailOf(claims);
  const returning = (row: AccountViewRow): SignInOutcome => {
    const view = toAccountView(row);
    return {
      kind: "returning",
      view: { ...view, account: { ...view.account, ...email } },
      followUp: [touchIdentity(db, tid, oid, upn, now), updateAccountEmail(db, row.account_id, email)],
    };
  };
  if (existing) return returning(existing);

  const id = crypto.randomUUID();
  const results = await db.batch<AccountViewRow>([
    insertAccount(db, { id, displayName: text(claims.name) ?? upn ?? "Microsoft user", ...email, now }),
    insertIdentityIfAbsent(db, { tid, oid, accountId: id, upn, now }),
    deleteOrphanAccount(db, id),
    selectAccountByIdentity(db, tid, oid),
  ]);
  const winner = results[3].results[0];
  return winner.account_id === id ? { kind: "created", view: toAccountView(winner), followUp: [] } : returning(winner);
}
