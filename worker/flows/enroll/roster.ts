/**
 * The school account type at sign-up (docs/architecture.md, "Enrollment"). Sign-in starts at `common`, before
 * the tenant is known, with no roster scope; so one silent follow-up authorization
 * (prompt=none, at the tenant's authority) asks for `EduRoster.ReadBasic`, which only
 * tenants with active consent have granted. Its access token reads Graph
 * `education/me` once. Microsoft needing interaction, Graph failing, or a different
 * account answering all end the same way: a student, with the reason kept.
 */
import { reason } from "../../account-type-reason";
import { sha256 } from "../../crypto";
import { accountTypeFor, type RoleReading } from "../../members/account-type";
import { log } from "../../log";
import { OidcError } from "../../oidc/errors";
import { SIGN_IN_SCOPES, authorizeUrl, newFlowSecrets } from "../../oidc/authorize";
import { providers } from "../../oidc/providers";
import { FLOW_LIFETIME_MS, type PendingSignIn, type RosterFlow } from "../../session/flow-cookie";
import { afterChange, insertAuditEventWhen } from "../../storage/audit-events";
import { markConsentMissing } from "../../storage/integrations";
import { redirect, type FlowDeps, type Outcome } from "../core";
import { create, lookUp, returning } from "../sign-in/accounts";
import { deliverFailure, deliverSuccess } from "../sign-in/deliver";
import { CALLBACK_PATH, SignInFailure, tokensFromCallback } from "../sign-in/exchange";
import { readEducationRole } from "./graph";
import { graphResting } from "./graph-backoff";
import { enrollmentTarget } from "./target";

export const ROSTER_SCOPE = `${SIGN_IN_SCOPES} EduRoster.ReadBasic`;

export async function beginRosterRead(
  signIn: PendingSignIn,
  p: { tenantId: string; organizationId: string },
  deps: FlowDeps,
): Promise<Outcome> {
  const { config, now } = deps;
  // Graph asked this tenant's sign-ups to wait: no silent round trip to Microsoft for a reading that would be refused.
  if (graphResting(p.tenantId, now)) {
    log.info("graph_resting", { tenantId: p.tenantId });
    const decision = accountTypeFor("education", { ok: false, reason: reason("graph_busy") });
    return deliverSuccess(signIn.flow, await create(deps.db, signIn.claims, { organizationId: p.organizationId, decision }, now), deps);
  }
  const metadata = await providers.discover(config.authority, p.tenantId, now);
  const secrets = newFlowSecrets();
  const url = await authorizeUrl(metadata, {
    clientId: config.clientId,
    redirectUri: `${deps.ownOrigin}${CALLBACK_PATH}`,
    secrets,
    scope: ROSTER_SCOPE,
    prompt: "none",
    loginHint: typeof signIn.claims.preferred_username === "string" ? signIn.claims.preferred_username : undefined,
  });
  const flow: RosterFlow = { kind: "roster", ...secrets, ...p, signIn, lang: signIn.flow.lang, expiresAt: now + FLOW_LIFETIME_MS };
  return redirect(url, { setFlow: flow });
}

async function reading(flow: RosterFlow, query: Record<string, string>, deps: FlowDeps): Promise<RoleReading> {
  try {
    const { claims, accessToken } = await tokensFromCallback(
      { tenant: flow.tenantId, nonce: flow.nonce, verifier: flow.verifier },
      query,
      deps,
    );
    if (claims.oid !== flow.signIn.claims.oid || claims.tid.toLowerCase() !== flow.signIn.claims.tid.toLowerCase()) {
      return { ok: false, reason: reason("roster_other_account") };
    }
    if (!accessToken) return { ok: false, reason: reason("roster_no_token") };
    return await readEducationRole(deps.config.graphBaseUrl, accessToken, { tenantId: flow.tenantId, now: deps.now });
  } catch (err) {
    if (err instanceof OidcError) {
      log.warn("roster_read_failed", { code: err.code, message: err.message });
      return { ok: false, reason: reason("roster_unreachable") };
    }
    if (!(err instanceof SignInFailure)) throw err;
    // interaction_required / consent_required are expected where consent is missing: a default, quietly.
    const code = err.microsoftError ?? err.error.key;
    log.info("roster_read_unavailable", { error: code });
    return { ok: false, reason: reason("roster_not_silent", code), consentMissing: code === "consent_required" };
  }
}

/**
 * consent_required at the tenant's authority, for a tenant whose integration is active: its
 * tenant-wide grant is missing. The integration keeps a warning (once) and says so in the
 * admin's tab, which offers consent again; written in the batch the callback makes anyway.
 */
function noteMissingConsent(db: D1Database, read: RoleReading, organizationId: string, now: number) {
  if (read.ok || !read.consentMissing) return [];
  log.warn("tenant_consent_missing", { organizationId });
  return [
    markConsentMissing(db, { organizationId, now }),
    insertAuditEventWhen(
      db,
      { organizationId, actorType: "system", actorId: null, action: "integration.consent_missing", now },
      afterChange(),
    ),
  ];
}

export async function handleRosterCallback(flow: RosterFlow, query: Record<string, string>, deps: FlowDeps): Promise<Outcome> {
  const read = await reading(flow, query, deps);
  const decision = accountTypeFor("education", read);
  const { db, now } = deps;
  const { signIn } = flow;
  const missing = noteMissingConsent(db, read, flow.organizationId, now);
  const found = await lookUp(db, signIn.claims, { stateHash: await sha256(flow.state), stateExpiresAt: flow.expiresAt });
  if (found.kind === "replayed") {
    return deliverFailure(signIn.flow, { key: "sign_in_replayed", retryable: true }, deps);
  }
  // Created meanwhile (a sign-in racing this one): signed in as it is.
  if (found.existing) return deliverSuccess(signIn.flow, returning(db, signIn.claims, found.existing, now), deps);
  // The integration may have changed while Microsoft answered: enroll only into what is still active.
  const target = enrollmentTarget(signIn.claims, found.integrations);
  const enroll = target?.organization_id === flow.organizationId ? { organizationId: flow.organizationId, decision } : null;
  return deliverSuccess(signIn.flow, await create(db, signIn.claims, enroll, now, missing), deps);
}
