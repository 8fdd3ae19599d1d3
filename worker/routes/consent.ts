/**
 * Browser routes of admin consent (docs/security.md): "Grant consent now" (a sealed ticket
 * that goes on only in the asking admin's own browser), the Global Administrator's link (a page,
 * then a form POST), Microsoft's admin-consent redirect, and the answer to the "connect
 * this organization?" page of way (c). None of them makes anything active: only the proof
 * sign-in does.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../app-env";
import { beginAdminConsent } from "../consent/begin";
import { handleConsentCallback } from "../consent/callbacks";
import { answerSignInConsent } from "../consent/during-sign-in";
import { CONSENT_START_PATH, checkRedemption, openTicket, type Ticket } from "../consent/ticket";
import { browserHashOf } from "../session/browser-cookie";
import { sha256 } from "../crypto";
import { verifyConsentLink } from "../integration/consent-link";
import { integrationAvailability } from "../integration/availability";
import { fromOwnPage } from "../http/origins";
import { byClientAddress, rateLimit } from "../http/rate-limit";
import { formBody, parseInput } from "../http/validate";
import { lazy } from "../api/registry";
import { AppError } from "../errors";
import { log } from "../log";
import { consentLinkPage, consentTicketPage, type ConsentRequest } from "../pages/consent-pages";
import { messagePage } from "../pages/layout";
import { errorText, pageLang, strings, type Lang } from "../pages/strings";
import { insertAuditEvent, insertAuditEventWhen } from "../storage/audit-events";
import { redeemFlowState } from "../storage/flow-states";
import { needsConsent, parsePerson, selectConsentRequest, type ConsentRequestRow, type Person } from "../storage/integrations";
import { selectLiveSession } from "../storage/sessions";

// Built on first use, not at startup (see lazy in api/registry.ts).
const linkForm = lazy(() =>
  z.object({ token: z.string().check(z.minLength(1), z.maxLength(1024)), lang: z.optional(z.string().check(z.maxLength(35))) }),
);
const choiceForm = lazy(() =>
  z.object({ pending: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)), choice: z.string().check(z.maxLength(64)) }),
);

/**
 * What a ticket or link names: the organization and integration while it still awaits consent
 * for that tenant; otherwise why not (already active for it, another organization holds the
 * tenant, or nothing to do any more).
 */
type Lookup =
  | { awaiting: true; row: ConsentRequestRow }
  | { awaiting: false; why: "active"; organization: string }
  | { awaiting: false; why: "tenant_taken" | "gone" };

async function lookup(c: Context<AppEnv>, organizationId: string, tenantId: string, askerId: string | null = null): Promise<Lookup> {
  const row = await selectConsentRequest(c.env.DB, organizationId, askerId).first<ConsentRequestRow>();
  if (!row || row.tenant_id !== tenantId) return { awaiting: false, why: "gone" };
  if (!integrationAvailability({ kind: row.organization_kind, license: row.organization_license, name: row.organization_name }).available)
    return { awaiting: false, why: "gone" };
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

async function checkedLink(c: Context<AppEnv>, text: string): Promise<Lookup> {
  const link = await verifyConsentLink(text, c.var.config.sealSecret, c.var.now());
  if (!link.ok) {
    log.warn("consent_link_refused", { reason: link.reason });
    return { awaiting: false, why: "gone" };
  }
  const found = await lookup(c, link.claims.o, link.claims.t);
  if (found.awaiting && found.row.link_version === link.claims.v) return found;
  log.warn("consent_link_refused", {
    reason: found.awaiting ? "revoked" : { active: "already_active", gone: "not_awaiting", tenant_taken: "tenant_taken" }[found.why],
  });
  return found.awaiting ? { awaiting: false, why: "gone" } : found;
}

/** A link or ticket that cannot go on: already active, taken by another organization, or simply no longer valid. */
function refused(
  c: Context<AppEnv>,
  lang: Lang,
  found: Exclude<Lookup, { awaiting: true }>,
  gone = {
    code: "link_invalid",
    message: "It has expired, a newer one was made, or the settings changed. Ask the administrator who sent it for a new link.",
  },
) {
  const t = strings(lang);
  c.header("cache-control", "no-store");
  if (found.why === "active")
    return c.html(
      messagePage(c.var.secureHeadersNonce, lang, {
        title: t.consentAlreadyActive(found.organization),
        message: t.consentAlreadyActiveBody,
      }),
    );
  const failure =
    found.why === "tenant_taken"
      ? {
          code: "tenant_taken",
          message: "This Microsoft tenant is already connected to another ThingLink organization. Contact ThingLink support to resolve it.",
        }
      : gone;
  return c.html(
    messagePage(c.var.secureHeadersNonce, lang, {
      title: t.linkNoLongerWorks,
      message: errorText(lang, failure.code, failure.message),
      code: failure.code,
    }),
    400,
  );
}

const TICKET_GONE = {
  code: "ticket_invalid",
  message:
    "This consent page has expired (it works for 10 minutes) or was already used. Start again from the admin panel with Grant consent now.",
};
const consentLimit = rateLimit("SIGN_IN_LIMITER", "consent", byClientAddress);
const ownPageOnly = (c: Context<AppEnv>) => {
  if (!fromOwnPage(c))
    throw new AppError(403, "forbidden_origin", "This request came from a page that is not allowed to use ThingLink sign-in.");
};

/**
 * "Grant consent now": Microsoft is reached only in the browser the asking session was signed in
 * with, while its account is still an admin of the organization, once (see consent/ticket.ts).
 * Anyone else sees who asks for what, and nothing goes to Microsoft.
 */
async function redeemTicket(c: Context<AppEnv>, ticket: Ticket, lang: Lang) {
  const db = c.env.DB;
  const now = c.var.now();
  const found = await lookup(c, ticket.organizationId, ticket.tenantId, ticket.accountId);
  if (!found.awaiting) return refused(c, lang, found, TICKET_GONE);
  const row = await selectLiveSession(db, ticket.sessionHash, now).first<{
    account_id: string;
    browser_hash: string | null;
    organization_id: string | null;
    role: string | null;
  }>();
  const session = row && { accountId: row.account_id, browserHash: row.browser_hash, organizationId: row.organization_id, role: row.role };
  const refusal = checkRedemption(ticket, { browserHash: await browserHashOf(c), session });
  if (refusal) {
    log.warn("consent_ticket_refused", { reason: refusal });
    c.header("cache-control", "no-store");
    if (refusal === "other_browser")
      return c.html(consentTicketPage(c.var.secureHeadersNonce, lang, requestOf(found.row, parsePerson(found.row.asker))), 403);
    const failure = {
      code: "not_org_admin",
      message: `Only a signed-in administrator of ${found.row.organization_name} can grant consent from its admin panel. Sign in again and start from the admin panel.`,
    };
    return c.html(
      messagePage(c.var.secureHeadersNonce, lang, {
        title: strings(lang).consentNotFinished,
        message: errorText(lang, failure.code, failure.message),
        code: failure.code,
      }),
      403,
    );
  }
  const [redeemed] = await db.batch([
    redeemFlowState(db, await sha256(`ticket:${ticket.id}`), ticket.expiresAt),
    // Audited when the admin actually goes to Microsoft (a ticket that was only handed out starts nothing).
    insertAuditEventWhen(
      db,
      {
        organizationId: ticket.organizationId,
        actorType: "account",
        actorId: ticket.accountId,
        action: "integration.consent_started",
        target: ticket.tenantId,
        detail: { method: "admin_consent" },
        now,
      },
      "changes() > 0",
    ),
  ]);
  if (redeemed.meta.changes === 0) {
    log.warn("consent_ticket_refused", { reason: "replayed" });
    return refused(c, lang, { awaiting: false, why: "gone" }, TICKET_GONE);
  }
  return beginAdminConsent(
    c,
    { organizationId: ticket.organizationId, tenantId: ticket.tenantId, method: "admin_consent", actorId: ticket.accountId },
    { lang },
  );
}

export const consentRoutes = new Hono<AppEnv>()
  .get(CONSENT_START_PATH.replace("/auth/microsoft", ""), consentLimit, async (c) => {
    const ticket = await openTicket(c.req.query("ticket"), { secret: c.var.config.sealSecret, now: c.var.now() });
    const lang = pageLang(c, ticket?.lang);
    if (!ticket) return refused(c, lang, { awaiting: false, why: "gone" }, TICKET_GONE);
    return redeemTicket(c, ticket, lang);
  })
  .get("/admin-consent/link", consentLimit, async (c) => {
    const lang = pageLang(c, c.req.query("lang"));
    const text = c.req.query("token") ?? "";
    const found: Lookup = text ? await checkedLink(c, text) : { awaiting: false, why: "gone" };
    if (!found.awaiting) return refused(c, lang, found);
    c.header("cache-control", "no-store");
    return c.html(
      consentLinkPage(c.var.secureHeadersNonce, lang, { token: text, ...requestOf(found.row, parsePerson(found.row.link_creator)) }),
    );
  })
  .post("/admin-consent/link", consentLimit, async (c) => {
    const form = parseInput(linkForm(), await formBody(c.req), "consent");
    const lang = pageLang(c, form.lang);
    ownPageOnly(c);
    const found = await checkedLink(c, form.token);
    if (!found.awaiting) return refused(c, lang, found);
    const target = {
      organizationId: found.row.organization_id,
      tenantId: found.row.tenant_id!,
      method: "admin_link" as const,
      actorId: null,
    };
    await insertAuditEvent(c.env.DB, {
      organizationId: target.organizationId,
      actorType: "tenant_admin",
      actorId: null,
      action: "integration.consent_started",
      target: target.tenantId,
      detail: { method: target.method },
      now: c.var.now(),
    }).run();
    return beginAdminConsent(c, target, { lang });
  })
  .get("/admin-consent/callback", consentLimit, (c) => handleConsentCallback(c))
  .post("/sign-in-consent", consentLimit, async (c) => {
    const form = parseInput(choiceForm(), await formBody(c.req), "answer");
    ownPageOnly(c);
    const answered = await answerSignInConsent(c, form);
    if (answered) return answered;
    throw new AppError(
      400,
      "flow_not_found",
      "This sign-in cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Please start again from the page you came from.",
    );
  });
