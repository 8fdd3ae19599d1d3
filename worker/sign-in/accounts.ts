/**
 * Finding or creating the account for a validated Microsoft identity, by (tid, oid)
 * only. One D1 round trip for a returning user (plus the caller's session write);
 * concurrent first sign-ins are decided inside one batch, so exactly one account wins.
 */
import type { MicrosoftIdClaims } from "../oidc/id-token";
import { deleteOrphanAccount, insertAccount, toAccountView, type AccountView, type AccountViewRow } from "../storage/accounts";
import { redeemFlowState, sweepFlowStates } from "../storage/flow-states";
import { insertIdentityIfAbsent, selectAccountByIdentity, touchIdentity } from "../storage/identities";

export type SignInOutcome =
  | { kind: "replayed" }
  | { kind: "returning"; view: AccountView; followUp: D1PreparedStatement[] }
  | { kind: "created"; view: AccountView; followUp: D1PreparedStatement[] };

const text = (v: unknown, max = 256) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

export async function findOrCreateAccount(
  db: D1Database,
  claims: MicrosoftIdClaims,
  p: { stateHash: string; stateExpiresAt: number; now: number },
): Promise<SignInOutcome> {
  const { tid, oid } = claims;
  const upn = text(claims.preferred_username);
  const [redeemed, , existing] = await db.batch<AccountViewRow>([
    redeemFlowState(db, p.stateHash, p.stateExpiresAt),
    sweepFlowStates(db, p.now),
    selectAccountByIdentity(db, tid, oid),
  ]);
  if (redeemed.meta.changes === 0) return { kind: "replayed" };
  const touch = touchIdentity(db, tid, oid, upn, p.now);
  if (existing.results[0]) return { kind: "returning", view: toAccountView(existing.results[0]), followUp: [touch] };

  const id = crypto.randomUUID();
  const results = await db.batch<AccountViewRow>([
    insertAccount(db, { id, displayName: text(claims.name) ?? upn ?? "Microsoft user", email: text(claims.email), now: p.now }),
    insertIdentityIfAbsent(db, { tid, oid, accountId: id, upn, now: p.now }),
    deleteOrphanAccount(db, id),
    selectAccountByIdentity(db, tid, oid),
  ]);
  const winner = results[3].results[0];
  const view = toAccountView(winner);
  return winner.account_id === id ? { kind: "created", view, followUp: [] } : { kind: "returning", view, followUp: [touch] };
}
