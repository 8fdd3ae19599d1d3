/**
 * Finding or creating the account for a validated Microsoft identity, by (tid, oid)
 * only. One D1 round trip for a returning user (plus the caller's session write);
 * concurrent first sign-ins are decided inside one batch, so exactly one account wins.
 */
import type { MicrosoftIdClaims } from "../oidc/id-token";
import { deleteOrphanAccount, insertAccount, toAccountView, updateAccountEmail, type AccountEmail, type AccountView, type AccountViewRow } from "../storage/accounts";
import { redeemFlowState } from "../storage/flow-states";
import { insertIdentityIfAbsent, selectAccountByIdentity, touchIdentity } from "../storage/identities";

export type SignInOutcome =
  | { kind: "replayed" }
  | { kind: "returning"; view: AccountView; followUp: D1PreparedStatement[] }
  | { kind: "created"; view: AccountView; followUp: D1PreparedStatement[] };

const text = (v: unknown, max = 256) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

/**
 * The email and whether Microsoft vouches for it: `xms_edov` (email domain owner
 * verified) is an optional claim the app registration must ask for; without it an
 * email is never treated as verified.
 */
export function emailOf(claims: MicrosoftIdClaims): AccountEmail {
  const email = text(claims.email, 320);
  const edov = claims.xms_edov;
  return { email, emailVerified: !!email && (edov === true || edov === 1 || edov === "1" || edov === "true") };
}

export async function findOrCreateAccount(
  db: D1Database,
  claims: MicrosoftIdClaims,
  p: { stateHash: string; stateExpiresAt: number; now: number },
): Promise<SignInOutcome> {
  const { tid, oid } = claims;
  const upn = text(claims.preferred_username);
  const email = emailOf(claims);
  const [redeemed, existing] = await db.batch<AccountViewRow>([
    redeemFlowState(db, p.stateHash, p.stateExpiresAt),
    selectAccountByIdentity(db, tid, oid),
  ]);
  if (redeemed.meta.changes === 0) return { kind: "replayed" };
  const refresh = (accountId: string) => [touchIdentity(db, tid, oid, upn, p.now), updateAccountEmail(db, accountId, email)];
  const returning = (row: AccountViewRow) => {
    const view = toAccountView(row);
    return { kind: "returning" as const, view: { ...view, account: { ...view.account, ...email } }, followUp: refresh(row.account_id) };
  };
  if (existing.results[0]) return returning(existing.results[0]);

  const id = crypto.randomUUID();
  const results = await db.batch<AccountViewRow>([
    insertAccount(db, { id, displayName: text(claims.name) ?? upn ?? "Microsoft user", ...email, now: p.now }),
    insertIdentityIfAbsent(db, { tid, oid, accountId: id, upn, now: p.now }),
    deleteOrphanAccount(db, id),
    selectAccountByIdentity(db, tid, oid),
  ]);
  const winner = results[3].results[0];
  return winner.account_id === id ? { kind: "created", view: toAccountView(winner), followUp: [] } : returning(winner);
}
