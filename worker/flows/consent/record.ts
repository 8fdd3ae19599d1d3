/**
 * What a consent step leaves behind: on failure the integration keeps the reason
 * and the time (its status unchanged); on a valid proof it becomes active. Each is
 * one D1 batch with its audit event, and each ends in a page a person can read.
 */
import { log } from "../../log";
import { isUniqueViolation } from "../../storage/errors";
import { describeMicrosoftError } from "../../oidc/microsoft-errors";
import { codeOf, errorMessage, type PlainErrorKey } from "../../error-messages";
import { failureText, strings, type Lang } from "../../pages/strings";
import { insertAuditEvent, insertAuditEventWhen, type ActorType } from "../../storage/audit-events";
import { activateIntegration, activatedAt, recordIntegrationError, type Consenter } from "../../storage/integrations";
import type { ConsentTarget } from "../../session/flow-cookie";
import { selectMember } from "../../storage/memberships";
import { page, type FlowDeps, type Outcome } from "../core";

/**
 * Why a consent step failed: a key of error-messages.ts. It is kept as the key (on the
 * integration and in the audit event) and worded where it is shown, in that reader's language.
 */
export interface ConsentFailure {
  key: PlainErrorKey;
}

/** Microsoft's answer (`error`, AADSTS code) as a reason worth keeping on the integration. */
export function consentFailureOf(p: { error?: string; error_subcode?: string; error_description?: string }): ConsentFailure {
  const aadsts = /AADSTS(\d+)/.exec(p.error_description ?? "")?.[1];
  // Cancel on Microsoft's account picker is not a decline: nobody was asked yet.
  if (aadsts === "50058" && p.error_subcode === "cancel") return { key: "consent_cancelled" };
  if (aadsts === "65004" || (p.error === "access_denied" && p.error_subcode === "cancel")) return { key: "consent_declined.admin" };
  if (aadsts === "90094" || aadsts === "90099" || aadsts === "65001") return { key: "not_admin" };
  if (aadsts === "50020") return { key: "wrong_tenant" };
  return { key: describeMicrosoftError({ error: p.error, subcode: p.error_subcode, description: p.error_description }).key };
}

function actorOf(target: ConsentTarget, consenter?: Consenter): { actorType: ActorType; actorId: string | null } {
  if (target.actorId) return { actorType: "account", actorId: target.actorId };
  return { actorType: "tenant_admin", actorId: consenter?.oid ?? null };
}

/** Keeps the reason on the integration (if it still awaits consent for this tenant) and audits it. */
export async function recordConsentFailure(target: ConsentTarget, failure: ConsentFailure, step: string, deps: FlowDeps) {
  const { db, now } = deps;
  log.warn("consent_failed", {
    organizationId: target.organizationId,
    method: target.method,
    step,
    reason: codeOf(failure.key),
    key: failure.key,
  });
  await db.batch([
    recordIntegrationError(db, {
      organizationId: target.organizationId,
      tenantId: target.tenantId,
      key: failure.key,
      english: errorMessage("en", failure.key),
      now,
    }),
    insertAuditEvent(db, {
      organizationId: target.organizationId,
      ...actorOf(target),
      action: "integration.consent_failed",
      target: target.tenantId,
      detail: { reason: failure.key, message: errorMessage("en", failure.key), step, method: target.method },
      now,
    }),
  ]);
}

export type Activation = { ok: true } | { ok: false; failure: ConsentFailure };

/**
 * Activates the integration after a valid proof. Nothing changes when the
 * organization no longer awaits consent for this tenant, and a tenant already
 * active for another organization is refused by the partial unique index.
 */
export async function activate(target: ConsentTarget, consenter: Consenter, role: string, deps: FlowDeps): Promise<Activation> {
  const { db, now } = deps;
  try {
    const [updated] = await db.batch([
      activateIntegration(db, {
        organizationId: target.organizationId,
        tenantId: target.tenantId,
        method: target.method,
        by: consenter,
        actorId: target.actorId,
        now,
      }),
      insertAuditEventWhen(
        db,
        {
          organizationId: target.organizationId,
          ...actorOf(target, consenter),
          action: "integration.activated",
          target: target.tenantId,
          detail: { method: target.method, consenter: consenter.name, consenterUpn: consenter.upn, consenterOid: consenter.oid, role },
          now,
        },
        activatedAt(target.organizationId, now),
      ),
    ]);
    if (updated.meta.changes === 0) {
      const stillAdmin =
        !target.actorId ||
        (await selectMember(db, { accountId: target.actorId, organizationId: target.organizationId }).first<{ role: string }>())?.role ===
          "admin";
      const failure: ConsentFailure = { key: stillAdmin ? "consent_not_pending.any_more" : "not_org_admin" };
      await recordConsentFailure(target, failure, "activation", deps);
      return { ok: false, failure };
    }
    return { ok: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another organization proved this tenant first.
    const failure: ConsentFailure = { key: "tenant_taken" };
    await recordConsentFailure(target, failure, "activation", deps);
    return { ok: false, failure };
  }
}

/** The page a consent step ends on. */
export function consentResultPage(
  lang: Lang,
  result: { active: true; organizationName: string } | { active: false; failure: ConsentFailure },
): Outcome {
  const t = strings(lang);
  // The window closes itself after a success, as a sign-in window does (the admin panel follows by
  // itself); a failure stays to be read, with a Close button.
  if (result.active) {
    return page({
      view: "message",
      lang,
      title: t.consentActive(result.organizationName),
      message: t.consentActiveBody,
      closeHint: true,
      closeAfterMs: 4000,
    });
  }
  const { failure } = result;
  const message = failureText(lang, failure.key);
  return page(
    { view: "message", lang, title: t.consentNotFinished, message, code: codeOf(failure.key), closeHint: true, closeAfterMs: null },
    400,
  );
}
