/**
 * Way (c) of admin consent (docs/security.md): a Microsoft administrator signs in to
 * ThingLink while an organization awaits consent for their tenant. Connect sends them to
 * the admin-consent endpoint, then the proof sign-in; the sign-in finishes either way.
 *
 * Before that, unless the person is already an admin of that ThingLink organization,
 * a page names the organization and asks: otherwise anyone who typed a school's
 * tenant ID into their own organization would get it activated the next time the
 * school's administrator signed in for any reason. "Not now" just signs them in.
 */
import { errorMessage, type PlainErrorKey } from "../../error-messages";
import { randomToken, sha256 } from "../../crypto";
import { identityClaims, type MicrosoftIdClaims } from "../../oidc/id-token";
import { canConsentForTenant } from "../../integration/proof";
import { FLOW_LIFETIME_MS, type PendingQuestion, type PendingSignIn, type SignInFlow } from "../../session/flow-cookie";
import type { AccountViewRow } from "../../storage/accounts";
import { insertAuditEvent } from "../../storage/audit-events";
import { redeemFlowState } from "../../storage/flow-states";
import { parsePerson, recordIntegrationError, type Person } from "../../storage/integrations";
import { page, type FlowDeps, type Outcome } from "../core";
import type { TenantIntegration } from "../sign-in/accounts";
import { beginAdminConsent } from "./begin";
import { finishPendingSignIn } from "./continue-sign-in";

/** A declined consent, or "Not now" on the page below, is not asked again for a day. */
const QUIET_MS = 24 * 60 * 60 * 1000;
const QUIETING = new Set<string>(["consent_declined.admin", "consent_postponed"] satisfies PlainErrorKey[]);
const POSTPONED = { key: "consent_postponed", english: errorMessage("en", "consent_postponed") };

/**
 * The organizations this administrator is asked to connect: those awaiting consent for their
 * tenant, that no other organization holds, not quieted by a recent "Not now" or decline, and
 * asked for by someone who signs in with an account of this tenant and is still an admin there —
 * or their own organization.
 * (An admin of another school who typed this tenant in is not offered: that school's own
 * Global Administrator link, which says who asks, is the way for such a request.)
 */
/** Asked for by one of the tenant's own people who is still an admin of the organization that asks. */
const isInsider = (asker: Person | null) => asker?.inTenant === 1 && asker.isAdmin === 1;

export function consentCandidates(
  claims: MicrosoftIdClaims,
  integrations: TenantIntegration[],
  p: { now: number; existing: Pick<AccountViewRow, "organization_id" | "role"> | null },
): TenantIntegration[] {
  if (!canConsentForTenant(claims)) return [];
  const own = (i: TenantIntegration) => p.existing?.organization_id === i.organization_id && p.existing.role === "admin";
  return integrations.filter(
    (i) =>
      i.status === "awaiting_consent" &&
      !i.tenant_held &&
      !(QUIETING.has(i.last_error_code ?? "") && i.last_error_at !== null && p.now - i.last_error_at < QUIET_MS) &&
      (own(i) || isInsider(parsePerson(i.configured_by))),
  );
}

/**
 * Connect: the v2 admin-consent endpoint, as in way (a). It grants consent for the whole tenant
 * whatever the consent-capable role (on prompt=consent Microsoft offers "on behalf of your
 * organization" to Global Administrators only, and never says whether it was ticked).
 */
async function askOnce(pending: PendingSignIn, organizationId: string, actorId: string | null, deps: FlowDeps): Promise<Outcome> {
  const { flow, claims } = pending;
  const target = { organizationId, tenantId: claims.tid.toLowerCase(), method: "sign_in_consent" as const, actorId };
  await insertAuditEvent(deps.db, {
    organizationId,
    actorType: actorId ? "account" : "tenant_admin",
    actorId: actorId ?? claims.oid,
    action: "integration.consent_started",
    target: target.tenantId,
    detail: { method: target.method },
    now: deps.now,
  }).run();
  const loginHint = typeof claims.preferred_username === "string" ? claims.preferred_username : undefined;
  return beginAdminConsent(target, { lang: flow.lang, signIn: pending, loginHint }, deps);
}

/** Called by the sign-in callback when there are candidates: a page, or straight to Microsoft. */
export async function askDuringSignIn(
  flow: SignInFlow,
  claims: MicrosoftIdClaims,
  candidates: TenantIntegration[],
  existing: AccountViewRow | null,
  deps: FlowDeps,
): Promise<Outcome> {
  const pending: PendingSignIn = { flow, claims: identityClaims(claims) };
  const own = candidates.find((i) => existing?.organization_id === i.organization_id && existing.role === "admin");
  if (own) return askOnce(pending, own.organization_id, existing!.account_id, deps);
  const question: PendingQuestion = {
    ...pending,
    id: randomToken(32),
    candidates: candidates.map((i) => ({
      organizationId: i.organization_id,
      organization: i.organization_name,
      kind: i.organization_kind,
      tenantId: claims.tid.toLowerCase(),
      tenantDomain: i.tenant_domain,
      askedBy: parsePerson(i.configured_by),
    })),
    expiresAt: deps.now + FLOW_LIFETIME_MS,
  };
  const tenant = candidates[0].tenant_domain ?? claims.tid;
  return page({ view: "sign-in-consent", lang: flow.lang, pending: question.id, tenant, candidates: question.candidates }, 200, {
    setQuestion: question,
  });
}

/**
 * The answer to that page: connect one of the organizations, or just sign in. `question` is the
 * one this browser keeps under the answered id (null when it has none: another browser, expired).
 */
export async function answerSignInConsent(question: PendingQuestion | null, choice: string, deps: FlowDeps): Promise<Outcome | null> {
  if (!question) return null;
  // The answer is single-use: a copy of this cookie cannot answer (or connect) twice.
  const answered = await redeemFlowState(deps.db, await sha256(`answer:${question.id}`), question.expiresAt).run();
  if (answered.meta.changes === 0) return null;
  const chosen = question.candidates.find((candidate) => candidate.organizationId === choice);
  const signIn = { flow: question.flow, claims: question.claims };
  if (chosen) return askOnce(signIn, chosen.organizationId, null, deps);
  await postpone(question, deps);
  return finishPendingSignIn(signIn, question.id, deps);
}

/** "Not now": kept on each integration that asked (the panel shows it) and audited; quiet for a day. */
async function postpone(pending: PendingQuestion, deps: FlowDeps) {
  const { db, now } = deps;
  const tenantId = pending.claims.tid.toLowerCase();
  await db.batch(
    pending.candidates.flatMap((candidate) => [
      recordIntegrationError(db, { organizationId: candidate.organizationId, tenantId, ...POSTPONED, now }),
      insertAuditEvent(db, {
        organizationId: candidate.organizationId,
        actorType: "tenant_admin",
        actorId: pending.claims.oid,
        action: "integration.consent_postponed",
        target: tenantId,
        detail: { method: "sign_in_consent", consenter: pending.claims.name ?? null },
        now,
      }),
    ]),
  );
}
