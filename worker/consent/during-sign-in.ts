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
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { randomToken, sha256 } from "../crypto";
import { canConsentForTenant } from "../integration/proof";
import { signInConsentPage, type ConsentRequest } from "../pages/consent-pages";
import { redeemFlowState } from "../storage/flow-states";
import { seal, unseal } from "../session/seal";
import { FLOW_LIFETIME_MS, type PendingSignIn, type SignInFlow } from "../session/flow-cookie";
import { identityClaims, type TenantIntegration } from "../sign-in/accounts";
import type { AccountViewRow } from "../storage/accounts";
import { insertAuditEvent } from "../storage/audit-events";
import { parsePerson, recordIntegrationError } from "../storage/integrations";
import type { MicrosoftIdClaims } from "../oidc/id-token";
import { beginAdminConsent } from "./begin";
import { finishPendingSignIn } from "./continue-sign-in";

/** A declined consent, or "Not now" on the page below, is not asked again for a day. */
const QUIET_MS = 24 * 60 * 60 * 1000;
const QUIETING = new Set(["consent_declined", "consent_postponed"]);
const POSTPONED = {
  code: "consent_postponed",
  message:
    "A Microsoft administrator of the tenant chose “Not now” when asked at sign-in. They are asked again after a day; you can also send them a link.",
};

/**
 * The organizations this administrator is asked to connect: those awaiting consent for their
 * tenant, that no other organization holds, not quieted by a recent "Not now" or decline, and
 * asked for by someone who signs in with an account of this tenant — or their own organization.
 * (An admin of another school who typed this tenant in is not offered: that school's own
 * Global Administrator link, which says who asks, is the way for such a request.)
 */
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
      (own(i) || parsePerson(i.configured_by)?.inTenant === 1),
  );
}

interface Pending extends PendingSignIn {
  id: string;
  candidates: Array<ConsentRequest & { organizationId: string }>;
  expiresAt: number;
}

const pendingCookie = (id: string) => `tl_pending_${id.slice(0, 22)}`;

/**
 * Connect: the v2 admin-consent endpoint, as in way (a). It grants consent for the whole tenant
 * whatever the consent-capable role (on prompt=consent Microsoft offers "on behalf of your
 * organization" to Global Administrators only, and never says whether it was ticked).
 */
async function askOnce(c: Context<AppEnv>, pending: PendingSignIn, organizationId: string, actorId: string | null) {
  const { flow, claims } = pending;
  const target = { organizationId, tenantId: claims.tid.toLowerCase(), method: "sign_in_consent" as const, actorId };
  await insertAuditEvent(c.env.DB, {
    organizationId,
    actorType: actorId ? "account" : "tenant_admin",
    actorId: actorId ?? claims.oid,
    action: "integration.consent_started",
    target: target.tenantId,
    detail: { method: target.method },
    now: c.var.now(),
  }).run();
  const loginHint = typeof claims.preferred_username === "string" ? claims.preferred_username : undefined;
  return beginAdminConsent(c, target, { lang: flow.lang, signIn: pending, loginHint });
}

/** Called by the sign-in callback when there are candidates: a page, or straight to Microsoft. */
export async function askDuringSignIn(
  c: Context<AppEnv>,
  flow: SignInFlow,
  claims: MicrosoftIdClaims,
  candidates: Array<TenantIntegration & { organization_kind: string }>,
  existing: AccountViewRow | null,
) {
  const pending: PendingSignIn = { flow, claims: identityClaims(claims) };
  const own = candidates.find((i) => existing?.organization_id === i.organization_id && existing.role === "admin");
  if (own) return askOnce(c, pending, own.organization_id, existing!.account_id);
  const id = randomToken(32);
  const sealed: Pending = {
    ...pending,
    id,
    candidates: candidates.map((i) => ({
      organizationId: i.organization_id,
      organization: i.organization_name,
      kind: i.organization_kind,
      tenantId: claims.tid.toLowerCase(),
      tenantDomain: i.tenant_domain,
      askedBy: parsePerson(i.configured_by),
    })),
    expiresAt: c.var.now() + FLOW_LIFETIME_MS,
  };
  setCookie(c, pendingCookie(id), await seal(sealed, c.var.config.sealSecret, "pending-sign-in"), {
    prefix: "host",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: FLOW_LIFETIME_MS / 1000,
  });
  return c.html(
    signInConsentPage(c.var.secureHeadersNonce, flow.lang, {
      pending: id,
      tenant: candidates[0].tenant_domain ?? claims.tid,
      candidates: sealed.candidates,
    }),
  );
}

/** The answer to that page: connect one of the organizations, or just sign in. */
export async function answerSignInConsent(c: Context<AppEnv>, form: { pending: string; choice: string }) {
  const name = pendingCookie(form.pending);
  const raw = getCookie(c, name, "host");
  deleteCookie(c, name, { prefix: "host", path: "/", secure: true });
  const pending = await unseal<Pending>(raw, c.var.config.sealSecret, "pending-sign-in");
  if (!pending || pending.id !== form.pending || pending.expiresAt <= c.var.now()) return null;
  // The answer is single-use: a copy of this cookie cannot answer (or connect) twice.
  const answered = await redeemFlowState(c.env.DB, await sha256(`answer:${pending.id}`), pending.expiresAt).run();
  if (answered.meta.changes === 0) return null;
  const chosen = pending.candidates.find((candidate) => candidate.organizationId === form.choice);
  const signIn = { flow: pending.flow, claims: pending.claims };
  if (chosen) return askOnce(c, signIn, chosen.organizationId, null);
  await postpone(c, pending);
  return finishPendingSignIn(c, signIn, pending.id);
}

/** "Not now": kept on each integration that asked (the panel shows it) and audited; quiet for a day. */
async function postpone(c: Context<AppEnv>, pending: Pending) {
  const db = c.env.DB;
  const now = c.var.now();
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
