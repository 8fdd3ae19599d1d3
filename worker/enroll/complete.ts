/**
 * How a validated sign-in ends (SPEC §3.2, §3.5): a returning account is signed in;
 * a new one from a tenant whose integration is active is created inside that
 * organization — a business as `member` at once, a school after one silent roster
 * read (roster.ts) — and anyone else gets a plain account. Guests and personal
 * accounts are never enrolled by tenant.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { integrationAvailability } from "../integration/availability";
import type { PendingSignIn } from "../session/flow-cookie";
import { create, isGuest, returning, type Lookup, type TenantIntegration } from "../sign-in/accounts";
import { deliverSuccess } from "../sign-in/deliver";
import { accountTypeFor } from "./account-type";
import { beginRosterRead } from "./roster";

type Found = Extract<Lookup, { kind: "found" }>;

/** The organization a new account from this tenant joins, if any. */
export function enrollmentTarget(claims: PendingSignIn["claims"], integrations: TenantIntegration[]): TenantIntegration | null {
  if (isGuest(claims)) return null;
  const active = integrations.find((i) => i.status === "active");
  if (!active) return null;
  const { available } = integrationAvailability({
    kind: active.organization_kind,
    license: active.organization_license,
    name: active.organization_name,
  });
  return available ? active : null;
}

export async function completeSignIn(c: Context<AppEnv>, pending: PendingSignIn, found: Found) {
  const db = c.env.DB;
  const now = c.var.now();
  const { claims, flow } = pending;
  const existing = found.existing;
  if (existing) {
    // Joined (by request or by an admin) without a Graph reading: read it now, once.
    const active = enrollmentTarget(claims, found.integrations);
    if (existing.graph_pending === 1 && existing.org_kind === "education" && active?.organization_id === existing.organization_id) {
      return beginRosterRead(c, pending, { tenantId: claims.tid, organizationId: active.organization_id, accountId: existing.account_id });
    }
    return deliverSuccess(c, flow, returning(db, claims, existing, now));
  }
  const target = enrollmentTarget(claims, found.integrations);
  if (target?.organization_kind === "education")
    return beginRosterRead(c, pending, { tenantId: claims.tid, organizationId: target.organization_id, accountId: null });
  const enroll = target ? { organizationId: target.organization_id, decision: accountTypeFor("business", null) } : null;
  return deliverSuccess(c, flow, await create(db, claims, enroll, now));
}
