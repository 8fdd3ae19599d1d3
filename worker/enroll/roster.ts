/**
 * The school account type at sign-up (SPEC §3.5). Sign-in starts at `common`, before
 * the tenant is known, with no roster scope; so one silent follow-up authorization
 * (prompt=none, at the tenant's authority) asks for `EduRoster.ReadBasic`, which only
 * tenants with active consent have granted. Its access token reads Graph
 * `education/me` once. Microsoft needing interaction, Graph failing, or a different
 * account answering all end the same way: a student, with the reason kept.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { sha256 } from "../crypto";
import { ownOrigin } from "../http/origins";
import { log } from "../log";
import { OidcError } from "../oidc/errors";
import { SIGN_IN_SCOPES, authorizeUrl, newFlowSecrets } from "../oidc/authorize";
import { providers } from "../services";
import { FLOW_LIFETIME_MS, setFlowCookie, type PendingSignIn, type RosterFlow } from "../session/flow-cookie";
import { create, lookUp, returning } from "../sign-in/accounts";
import { deliverFailure, deliverSuccess } from "../sign-in/deliver";
import { CALLBACK_PATH, SignInFailure, tokensFromCallback } from "../sign-in/exchange";
import { sessionCache } from "../session/session-store";
import type { AccountViewRow } from "../storage/accounts";
import { selectAccountByIdentity } from "../storage/identities";
import { settleGraphReading } from "../storage/memberships";
import { accountTypeFor, type RoleReading } from "./account-type";
import { insertAuditEventWhen } from "../storage/audit-events";
import { markConsentMissing } from "../storage/integrations";
import { enrollmentTarget } from "./complete";
import { readEducationRole } from "./graph";

export const ROSTER_SCOPE = `${SIGN_IN_SCOPES} EduRoster.ReadBasic`;

export async function beginRosterRead(
  c: Context<AppEnv>,
  signIn: PendingSignIn,
  p: { tenantId: string; organizationId: string; accountId: string | null },
) {
  const now = c.var.now();
  const metadata = await providers.discover(c.var.config.authority, p.tenantId, now);
  const secrets = newFlowSecrets();
  const flow: RosterFlow = { kind: "roster", ...secrets, ...p, signIn, lang: signIn.flow.lang, expiresAt: now + FLOW_LIFETIME_MS };
  await setFlowCookie(c, flow);
  const url = await authorizeUrl(metadata, {
    clientId: c.var.config.clientId,
    redirectUri: `${ownOrigin(c)}${CALLBACK_PATH}`,
    secrets,
    scope: ROSTER_SCOPE,
    prompt: "none",
    loginHint: typeof signIn.claims.preferred_username === "string" ? signIn.claims.preferred_username : undefined,
  });
  c.header("cache-control", "no-store");
  return c.redirect(url, 302);
}

async function reading(c: Context<AppEnv>, flow: RosterFlow, query: Record<string, string>): Promise<RoleReading> {
  try {
    const { claims, accessToken } = await tokensFromCallback(
      c,
      { tenant: flow.tenantId, nonce: flow.nonce, verifier: flow.verifier },
      query,
    );
    if (claims.oid !== flow.signIn.claims.oid || claims.tid.toLowerCase() !== flow.signIn.claims.tid.toLowerCase()) {
      return { ok: false, reason: "A different Microsoft account answered the roster read" };
    }
    if (!accessToken) return { ok: false, reason: "Microsoft sent no access token for the roster read" };
    return await readEducationRole(c.var.config.graphBaseUrl, accessToken);
  } catch (err) {
    if (err instanceof OidcError) {
      log.warn("roster_read_failed", { code: err.code, message: err.message });
      return { ok: false, reason: "Microsoft could not be reached for the roster read" };
    }
    if (!(err instanceof SignInFailure)) throw err;
    // interaction_required / consent_required are expected where consent is missing: a default, quietly.
    const code = err.microsoftError ?? err.error.code;
    log.info("roster_read_unavailable", { error: code });
    return { ok: false, reason: `Microsoft did not grant the roster read silently (${code})`, consentMissing: code === "consent_required" };
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
      "changes() > 0",
    ),
  ];
}

export async function handleRosterCallback(c: Context<AppEnv>, flow: RosterFlow, query: Record<string, string>) {
  const read = await reading(c, flow, query);
  const decision = accountTypeFor("education", read);
  const db = c.env.DB;
  const now = c.var.now();
  const { signIn } = flow;
  const missing = noteMissingConsent(db, read, flow.organizationId, now);
  const found = await lookUp(db, signIn.claims, { stateHash: await sha256(flow.state), stateExpiresAt: flow.expiresAt });
  if (found.kind === "replayed") {
    return deliverFailure(c, signIn.flow, {
      code: "sign_in_replayed",
      message: "This sign-in was already used. Please start again.",
      retryable: true,
    });
  }
  if (found.existing) {
    let row = found.existing;
    if (flow.accountId === row.account_id) {
      const settle = settleGraphReading(db, {
        accountId: row.account_id,
        organizationId: flow.organizationId,
        accountType: decision.accountType,
        source: decision.source,
        reason: decision.reason,
        now,
      });
      const results = await db.batch<AccountViewRow>([
        settle,
        ...missing,
        selectAccountByIdentity(db, signIn.claims.tid, signIn.claims.oid),
      ]);
      row = results[results.length - 1].results[0] ?? row;
      sessionCache.evictAccounts([row.account_id]);
    }
    return deliverSuccess(c, signIn.flow, returning(db, signIn.claims, row, now));
  }
  // The integration may have changed while Microsoft answered: enroll only into what is still active.
  const target = enrollmentTarget(signIn.claims, found.integrations);
  const enroll = target?.organization_id === flow.organizationId ? { organizationId: flow.organizationId, decision } : null;
  return deliverSuccess(c, signIn.flow, await create(db, signIn.claims, enroll, now, missing));
}
