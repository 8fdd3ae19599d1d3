/**
 * How a validated sign-in ends (docs/architecture.md, "Enrollment"): a returning account is
 * signed in; a new one from a tenant whose integration is active is created inside that
 * organization — a business as `member` at once, a school after one silent roster read
 * (roster.ts) — and anyone else gets a plain account.
 */
import { accountTypeFor } from "../../members/account-type";
import type { PendingSignIn } from "../../session/flow-cookie";
import type { FlowDeps, Outcome } from "../core";
import { create, returning, type Lookup } from "../sign-in/accounts";
import { deliverSuccess } from "../sign-in/deliver";
import { beginRosterRead } from "./roster";
import { enrollmentTarget } from "./target";

type Found = Extract<Lookup, { kind: "found" }>;

export async function completeSignIn(pending: PendingSignIn, found: Found, deps: FlowDeps): Promise<Outcome> {
  const { db, now } = deps;
  const { claims, flow } = pending;
  const target = enrollmentTarget(claims, found.integrations);
  const existing = found.existing;
  // A returning account is signed in: nothing is read from Microsoft after sign-up.
  if (existing) return deliverSuccess(flow, returning(db, claims, existing, now), deps);
  if (target?.organization_kind === "education") {
    return beginRosterRead(pending, { tenantId: claims.tid, organizationId: target.organization_id }, deps);
  }
  const enroll = target ? { organizationId: target.organization_id, decision: accountTypeFor("business", null) } : null;
  return deliverSuccess(flow, await create(db, claims, enroll, now), deps);
}
