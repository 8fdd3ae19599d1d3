/**
 * What a consent step leaves behind: on failure the integration keeps the reason
 * and the time (its status unchanged); on a valid proof it becomes active. Each is
 * one D1 batch with its audit event, and each ends in a page a person can read.
 */
import { log } from "../../log";
import { isUniqueViolation } from "../../storage/errors";
import { describeMicrosoftError } from "../../oidc/microsoft-errors";
import { consentReasonText, strings, type Lang } from "../../pages/strings";
import { insertAuditEvent, insertAuditEventWhen, type ActorType } from "../../storage/audit-events";
import { activateIntegration, activatedAt, recordIntegrationError, type Consenter } from "../../storage/integrations";
import type { ConsentTarget } from "../../session/flow-cookie";
import { selectMember } from "../../storage/memberships";
import { page, type FlowDeps, type Outcome } from "../core";

export interface ConsentFailure {
  code: string;
  message: string;
}

const DECLINED: ConsentFailure = {
  code: "consent_declined",
  message: "Consent was declined at Microsoft, so the integration is not active.",
};
const CANCELLED: ConsentFailure = {
  code: "consent_cancelled",
  message: "Microsoft's sign-in was cancelled before anyone was asked, so nothing changed.",
};
const NOT_ADMIN: ConsentFailure = {
  code: "not_admin",
  message:
    "The person who signed in is not an administrator of that Microsoft tenant, so Microsoft did not let them grant consent. Send your Global Administrator the link from the Integrations tab (Link for your Global Administrator). If your administrator role is only eligible in Privileged Identity Management, activate it first and try again.",
};
const WRONG_TENANT: ConsentFailure = {
  code: "wrong_tenant",
  message: "The person who signed in belongs to another Microsoft tenant than the one entered.",
};

/** Microsoft's answer (`error`, AADSTS code) as a reason worth keeping on the integration. */
export function consentFailureOf(p: { error?: string; error_subcode?: string; error_description?: string }): ConsentFailure {
  const aadsts = /AADSTS(\d+)/.exec(p.error_description ?? "")?.[1];
  // Cancel on Microsoft's account picker is not a decline: nobody was asked yet.
  if (aadsts === "50058" && p.error_subcode === "cancel") return CANCELLED;
  if (aadsts === "65004" || (p.error === "access_denied" && p.error_subcode === "cancel")) return DECLINED;
  if (aadsts === "90094" || aadsts === "90099" || aadsts === "65001") return NOT_ADMIN;
  if (aadsts === "50020" || aadsts === "700016")
    return aadsts === "50020"
      ? WRONG_TENANT
      : { code: "misconfigured", message: describeMicrosoftError({ description: p.error_description }).message };
  const described = describeMicrosoftError({ error: p.error, subcode: p.error_subcode, description: p.error_description });
  return { code: described.code, message: described.message };
}

function actorOf(target: ConsentTarget, consenter?: Consenter): { actorType: ActorType; actorId: string | null } {
  if (target.actorId) return { actorType: "account", actorId: target.actorId };
  return { actorType: "tenant_admin", actorId: consenter?.oid ?? null };
}

/** Keeps the reason on the integration (if it still awaits consent for this tenant) and audits it. */
export async function recordConsentFailure(target: ConsentTarget, failure: ConsentFailure, step: string, deps: FlowDeps) {
  const { db, now } = deps;
  log.warn("consent_failed", { organizationId: target.organizationId, method: target.method, step, reason: failure.code });
  await db.batch([
    recordIntegrationError(db, {
      organizationId: target.organizationId,
      tenantId: target.tenantId,
      code: failure.code,
      message: failure.message,
      now,
    }),
    insertAuditEvent(db, {
      organizationId: target.organizationId,
      ...actorOf(target),
      action: "integration.consent_failed",
      target: target.tenantId,
      detail: { reason: failure.code, message: failure.message, step, method: target.method },
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
      const failure = stillAdmin
        ? {
            code: "consent_not_pending",
            message:
              "This organization is not waiting for consent for that tenant any more (the tenant ID changed, or it is already active).",
          }
        : {
            code: "not_org_admin",
            message:
              "The ThingLink admin who started this consent is no longer an administrator of the organization, so nothing was activated.",
          };
      await recordConsentFailure(target, failure, "activation", deps);
      return { ok: false, failure };
    }
    return { ok: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another organization proved this tenant first.
    const failure = {
      code: "tenant_taken",
      message: "This Microsoft tenant is already connected to another ThingLink organization. Contact ThingLink support to resolve it.",
    };
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
  const message = consentReasonText(lang, failure.code, failure.message);
  return page(
    { view: "message", lang, title: t.consentNotFinished, message, code: failure.code, closeHint: true, closeAfterMs: null },
    400,
  );
}
