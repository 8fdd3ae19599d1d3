/**
 * §3.4 browser routes: "Grant consent now" (a sealed ticket from the admin panel),
 * the Global Administrator's link (a page, then a form POST), Microsoft's
 * admin-consent redirect, and the answer to the "connect this organization?" page
 * of way (c). None of them makes anything active: only the proof sign-in does.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../app-env";
import { beginAdminConsent } from "../consent/begin";
import { handleConsentCallback } from "../consent/callbacks";
import { answerSignInConsent } from "../consent/during-sign-in";
import { CONSENT_START_PATH, openTicket } from "../consent/ticket";
import { verifyConsentLink } from "../integration/consent-link";
import { integrationAvailability } from "../integration/availability";
import { fromOwnPage } from "../http/origins";
import { byClientAddress, rateLimit } from "../http/rate-limit";
import { formBody, parseInput } from "../http/validate";
import { lazy } from "../api/registry";
import { AppError } from "../errors";
import { log } from "../log";
import { consentLinkPage } from "../pages/consent-pages";
import { messagePage } from "../pages/layout";
import { errorText, pageLang, strings, type Lang } from "../pages/strings";
import { insertAuditEvent } from "../storage/audit-events";
import { needsConsent, selectIntegration, type IntegrationRow } from "../storage/integrations";
import { selectOrganizationById, type OrganizationRow } from "../storage/organizations";

// Built on first use, not at startup (see lazy in api/registry.ts).
const linkForm = lazy(() => z.object({ token: z.string().check(z.minLength(1), z.maxLength(1024)), lang: z.optional(z.string().check(z.maxLength(35))) }));
const choiceForm = lazy(() => z.object({ pending: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)), choice: z.string().check(z.maxLength(64)) }));

/**
 * What a ticket or link names: the organization and integration if it still awaits consent
 * for that tenant; `active` when that tenant is already connected (a second click, an old
 * email); null otherwise.
 */
type Lookup = { awaiting: true; org: OrganizationRow; integration: IntegrationRow } | { awaiting: false; activeFor: string | null };

async function lookup(c: Context<AppEnv>, organizationId: string, tenantId: string): Promise<Lookup> {
  const [org, integration] = await c.env.DB.batch([selectOrganizationById(c.env.DB, organizationId), selectIntegration(c.env.DB, organizationId)]);
  const o = org.results[0] as OrganizationRow | undefined;
  const i = integration.results[0] as IntegrationRow | undefined;
  if (!o || !i || i.tenant_id !== tenantId || !integrationAvailability(o).available) return { awaiting: false, activeFor: null };
  if (needsConsent(i)) return { awaiting: true, org: o, integration: i };
  if (i.status === "active") return { awaiting: false, activeFor: o.name };
  if (i.status !== "awaiting_consent") return { awaiting: false, activeFor: null };
  return { awaiting: true, org: o, integration: i };
}

async function checkedLink(c: Context<AppEnv>, text: string): Promise<Lookup> {
  const link = await verifyConsentLink(text, c.var.config.sealSecret, c.var.now());
  if (!link.ok) {
    log.warn("consent_link_refused", { reason: link.reason });
    return { awaiting: false, activeFor: null };
  }
  const found = await lookup(c, link.claims.o, link.claims.t);
  if (found.awaiting && found.integration.link_version === link.claims.v) return found;
  log.warn("consent_link_refused", { reason: found.awaiting ? "revoked" : found.activeFor ? "already_active" : "not_awaiting" });
  return found.awaiting ? { awaiting: false, activeFor: null } : found;
}

/** A link or ticket that cannot go on: "already active" when it is, else a neutral "no longer works". */
function refused(c: Context<AppEnv>, lang: Lang, found: Lookup) {
  const t = strings(lang);
  c.header("cache-control", "no-store");
  if (!found.awaiting && found.activeFor) {
    return c.html(messagePage(c.var.secureHeadersNonce, lang, { title: t.consentAlreadyActive(found.activeFor), message: t.consentAlreadyActiveBody }));
  }
  const message = errorText(lang, "link_invalid", "It has expired, a newer one was made, or the settings changed. Ask the administrator who sent it for a new link.");
  return c.html(messagePage(c.var.secureHeadersNonce, lang, { title: t.linkNoLongerWorks, message, code: "link_invalid" }), 400);
}
const consentLimit = rateLimit("SIGN_IN_LIMITER", "consent", byClientAddress);

export const consentRoutes = new Hono<AppEnv>()
  .get(CONSENT_START_PATH.replace("/auth/microsoft", ""), consentLimit, async (c) => {
    const ticket = await openTicket(c, c.req.query("ticket"));
    const lang = pageLang(c, ticket?.lang);
    const found = ticket ? await lookup(c, ticket.organizationId, ticket.tenantId) : ({ awaiting: false, activeFor: null } as const);
    if (!ticket || !found.awaiting) return refused(c, lang, found);
    // Audited when the admin goes to Microsoft (a URL that was only handed out starts nothing).
    await insertAuditEvent(c.env.DB, { organizationId: ticket.organizationId, actorType: "account", actorId: ticket.accountId, action: "integration.consent_started", target: ticket.tenantId, detail: { method: "admin_consent" }, now: c.var.now() }).run();
    return beginAdminConsent(c, { organizationId: ticket.organizationId, tenantId: ticket.tenantId, method: "admin_consent", actorId: ticket.accountId }, lang);
  })
  .get("/admin-consent/link", consentLimit, async (c) => {
    const lang = pageLang(c, c.req.query("lang"));
    const text = c.req.query("token") ?? "";
    const found = text ? await checkedLink(c, text) : ({ awaiting: false, activeFor: null } as const);
    if (!found.awaiting) return refused(c, lang, found);
    c.header("cache-control", "no-store");
    return c.html(consentLinkPage(c.var.secureHeadersNonce, lang, { token: text, organization: found.org.name, tenant: found.integration.tenant_id! }));
  })
  .post("/admin-consent/link", consentLimit, async (c) => {
    const form = parseInput(linkForm(), await formBody(c.req), "consent");
    const lang = pageLang(c, form.lang);
    if (!fromOwnPage(c)) throw new AppError(403, "forbidden_origin", "This request came from a page that is not allowed to use ThingLink sign-in.");
    const found = await checkedLink(c, form.token);
    if (!found.awaiting) return refused(c, lang, found);
    const target = { organizationId: found.org.id, tenantId: found.integration.tenant_id!, method: "admin_link" as const, actorId: null };
    await insertAuditEvent(c.env.DB, { organizationId: target.organizationId, actorType: "tenant_admin", actorId: null, action: "integration.consent_started", target: target.tenantId, detail: { method: target.method }, now: c.var.now() }).run();
    return beginAdminConsent(c, target, lang);
  })
  .get("/admin-consent/callback", consentLimit, (c) => handleConsentCallback(c))
  .post("/sign-in-consent", consentLimit, async (c) => {
    const form = parseInput(choiceForm(), await formBody(c.req), "answer");
    if (!fromOwnPage(c)) throw new AppError(403, "forbidden_origin", "This request came from a page that is not allowed to use ThingLink sign-in.");
    const answered = await answerSignInConsent(c, form);
    if (answered) return answered;
    throw new AppError(400, "flow_not_found", "This sign-in cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Please start again from the page you came from.");
  });
