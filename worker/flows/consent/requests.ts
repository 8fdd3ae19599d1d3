/**
 * What a Microsoft administrator meets before anything goes to Microsoft (docs/security.md):
 * "Grant consent now" (a ticket that goes on only in the asking admin's own browser) and the
 * Global Administrator's link (a page naming who asks for what, then its form). Each names the
 * ThingLink organization, the tenant, who asked and what will be requested; a request that
 * cannot go on says why (already active, taken by another organization, no longer valid).
 */
import { sha256 } from "../../crypto";
import { integrationAvailability } from "../../integration/availability";
import { verifyConsentLink } from "../../integration/consent-link";
import { log } from "../../log";
import type { ConsentRequest } from "../../pages/consent-pages";
import { errorMessage } from "../../error-messages";
import { failureText, strings, type Lang } from "../../pages/strings";
import { insertAuditEvent, afterChange, insertAuditEventWhen } from "../../storage/audit-events";
import { redeemFlowState } from "../../storage/flow-states";
import { needsConsent, parsePerson, selectConsentRequest, type ConsentRequestRow, type Person } from "../../storage/integrations";
import { selectLiveSession } from "../../storage/sessions";
import { page, type FlowDeps, type Outcome } from "../core";
import { beginAdminConsent } from "./begin";
import { checkRedemption, openTicket } from "./ticket";

/**
 * What a ticket or link names: the organization and integration while it still awaits consent
 * for that tenant; otherwise why not.
 */
type Lookup =
  | { awaiting: true; row: ConsentRequestRow }
  | { awaiting: false; why: "active"; organization: string }
  | { awaiting: false; why: "tenant_taken" | "gone" };

async function lookup(organizationId: string, tenantId: string, askerId: string | null, deps: FlowDeps): Promise<Lookup> {
  const row = await selectConsentRequest(deps.db, organizationId, askerId).first<ConsentRequestRow>();
  if (!row || row.tenant_id !== tenantId) return { awaiting: false, why: "gone" };
  const org = { kind: row.organization_kind, license: row.organization_license, name: row.organization_name };
  if (!integrationAvailability(org).available) return { awaiting: false, why: "gone" };
  if (row.held_elsewhere) return { awaiting: false, why: "tenant_taken" };
  if (needsConsent(row)) return { awaiting: true, row };
  if (row.status === "active") return { awaiting: false, why: "active", organization: row.organization_name };
  return { awaiting: false, why: "gone" };
}

const requestOf = (row: ConsentRequestRow, askedBy: Person | null): ConsentRequest => ({
  organization: row.organization_name,
  kind: row.organization_kind,
  tenantId: row.tenant_id!,
  tenantDomain: row.tenant_domain,
  askedBy,
});

/** A link or ticket that cannot go on: already active, taken by another organization, or simply no longer valid. */
function refused(lang: Lang, found: Exclude<Lookup, { awaiting: true }>, gone: "link_invalid" | "ticket_invalid"): Outcome {
  const t = strings(lang);
  if (found.why === "active")
    return page({ view: "message", lang, title: t.consentAlreadyActive(found.organization), message: t.consentAlreadyActiveBody });
  const failure = found.why === "tenant_taken" ? "tenant_taken" : gone;
  return page({ view: "message", lang, title: t.linkNoLongerWorks, message: failureText(lang, failure), code: failure }, 400);
}

/**
 * "Grant consent now": Microsoft is reached only in the browser the asking session was signed in
 * with (`browserHash`: its cookie), while its account is still an admin of the organization,
 * once (see ticket.ts). Anyone else sees who asks for what, and nothing goes to Microsoft.
 */
export async function openConsentTicket(
  p: { ticket: string | undefined; lang: Lang; browserHash: string | null },
  deps: FlowDeps,
): Promise<Outcome> {
  const ticket = await openTicket(p.ticket, { secret: deps.config.sealSecret, now: deps.now });
  // The panel's language, kept in the ticket; the browser's otherwise.
  const lang = ticket?.lang ?? p.lang;
  if (!ticket) return refused(lang, { awaiting: false, why: "gone" }, "ticket_invalid");
  const found = await lookup(ticket.organizationId, ticket.tenantId, ticket.accountId, deps);
  if (!found.awaiting) return refused(lang, found, "ticket_invalid");
  const row = await selectLiveSession(deps.db, ticket.sessionHash, deps.now).first<{
    account_id: string;
    browser_hash: string | null;
    organization_id: string | null;
    role: string | null;
  }>();
  const session = row && { accountId: row.account_id, browserHash: row.browser_hash, organizationId: row.organization_id, role: row.role };
  const refusal = checkRedemption(ticket, { browserHash: p.browserHash, session });
  if (refusal) {
    log.warn("consent_ticket_refused", { reason: refusal });
    if (refusal === "other_browser")
      return page({ view: "consent-ticket", lang, request: requestOf(found.row, parsePerson(found.row.asker)) }, 403);
    return page(
      {
        view: "message",
        lang,
        title: strings(lang).consentNotFinished,
        message: errorMessage(lang, "not_org_admin.ticket", { org: found.row.organization_name }),
        code: "not_org_admin",
      },
      403,
    );
  }
  const [redeemed] = await deps.db.batch([
    redeemFlowState(deps.db, await sha256(`ticket:${ticket.id}`), ticket.expiresAt),
    // Audited when the admin actually goes to Microsoft (a ticket that was only handed out starts nothing).
    insertAuditEventWhen(
      deps.db,
      {
        organizationId: ticket.organizationId,
        actorType: "account",
        actorId: ticket.accountId,
        action: "integration.consent_started",
        target: ticket.tenantId,
        detail: { method: "admin_consent" },
        now: deps.now,
      },
      afterChange(),
    ),
  ]);
  if (redeemed.meta.changes === 0) {
    log.warn("consent_ticket_refused", { reason: "replayed" });
    return refused(lang, { awaiting: false, why: "gone" }, "ticket_invalid");
  }
  return beginAdminConsent(
    { organizationId: ticket.organizationId, tenantId: ticket.tenantId, method: "admin_consent", actorId: ticket.accountId },
    { lang },
    deps,
  );
}

async function checkedLink(text: string, deps: FlowDeps): Promise<Lookup> {
  const link = await verifyConsentLink(text, deps.config.sealSecret, deps.now);
  if (!link.ok) {
    log.warn("consent_link_refused", { reason: link.reason });
    return { awaiting: false, why: "gone" };
  }
  const found = await lookup(link.claims.o, link.claims.t, null, deps);
  // A link lasts as long as its maker is an admin of the organization that sent it.
  const makerLeft = found.awaiting && parsePerson(found.row.link_creator)?.isAdmin === 0;
  if (found.awaiting && found.row.link_version === link.claims.v && !makerLeft) return found;
  const reason = makerLeft
    ? "maker_not_admin"
    : found.awaiting
      ? "revoked"
      : { active: "already_active", gone: "not_awaiting", tenant_taken: "tenant_taken" }[found.why];
  log.warn("consent_link_refused", { reason });
  return found.awaiting ? { awaiting: false, why: "gone" } : found;
}

/** The Global Administrator's link, opened: who asks for what, and Continue. */
export async function showConsentLink(token: string, lang: Lang, deps: FlowDeps): Promise<Outcome> {
  const found: Lookup = token ? await checkedLink(token, deps) : { awaiting: false, why: "gone" };
  if (!found.awaiting) return refused(lang, found, "link_invalid");
  return page({ view: "consent-link", lang, token, request: requestOf(found.row, parsePerson(found.row.link_creator)) });
}

/** Continue on the link's page (its own form, checked by the caller): on to Microsoft's admin consent. */
export async function continueConsentLink(token: string, lang: Lang, deps: FlowDeps): Promise<Outcome> {
  const found = await checkedLink(token, deps);
  if (!found.awaiting) return refused(lang, found, "link_invalid");
  const target = {
    organizationId: found.row.organization_id,
    tenantId: found.row.tenant_id!,
    method: "admin_link" as const,
    actorId: null,
  };
  await insertAuditEvent(deps.db, {
    organizationId: target.organizationId,
    actorType: "tenant_admin",
    actorId: null,
    action: "integration.consent_started",
    target: target.tenantId,
    detail: { method: target.method },
    now: deps.now,
  }).run();
  return beginAdminConsent(target, { lang }, deps);
}
