/**
 * Organization admin API, behind requireOrgAdmin: the organization, its Microsoft
 * integration, the Global Administrator's link and audit (embed origins: embed-origins.ts).
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { register } from "../http/register";
import { route } from "../api/registry";
import { AuditEvent, Integration, Organization, PageQuery, TenantInput, pageLimit } from "../api/schemas";
import { CONSENT_START_PATH, sealTicket } from "../flows/consent/ticket";
import { AppError } from "../errors";
import { isUniqueViolation } from "../storage/errors";
import { ownOrigin } from "../http/origins";
import { codeOf, storedErrorMessage } from "../error-messages";
import { pageLang, type Lang } from "../pages/strings";
import { CONSENT_LINK_LIFETIME_S, signConsentLink } from "../integration/consent-link";
import { integrationAvailability, unavailableError } from "../integration/availability";
import { integrationView } from "../integration/integration-view";
import { resolveTenantId } from "../integration/resolve-tenant";
import { insertAuditEvent, insertAuditEventWhen, selectAuditPage, type AuditRow } from "../storage/audit-events";
import {
  linkMadeAt,
  toggledAt,
  bumpLinkVersion,
  needsConsent,
  selectIntegrationForAdmin,
  selectTenantHolder,
  setIntegrationEnabled,
  setTenantAwaitingConsent,
  type IntegrationRow,
} from "../storage/integrations";
import {
  countsOf,
  selectOrganizationById,
  selectOrganizationCounts,
  type OrganizationCountsRow,
  type OrganizationRow,
} from "../storage/organizations";
import { isTenantGuid } from "../integration/tenant-id";

const getOrg = route({
  method: "get",
  path: "/api/orgs/{id}",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary: "The organization: name, kind, license, whether the integration is available and why not, counts",
    response: Organization,
  },
});
const getIntegration = route({
  method: "get",
  path: "/api/orgs/{id}/integration",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary: "The Microsoft integration: status, tenant, who consented, when and how, last error",
    response: Integration,
  },
});
const putIntegration = route({
  method: "put",
  path: "/api/orgs/{id}/integration",
  auth: "org_admin",
  body: () => z.object({ tenantId: TenantInput() }),
  docs: __DOCS__ && {
    summary:
      "Set the tenant (a GUID or a verified domain): the integration then awaits consent, and consentUrl sends this browser to Microsoft. The tenant it already holds, saved again, changes nothing (consentUrl null)",
    response: z.extend(Integration, { consentUrl: z.nullable(z.string()) }),
    errors: {
      403: "Not available on this organization's license",
      409: "The tenant is active for another organization",
      422: "Not a tenant, or Microsoft does not know it",
    },
  },
});
const consentStart = route({
  method: "post",
  path: "/api/orgs/{id}/integration/consent-start",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary:
      "A fresh consentUrl for Grant consent now: it goes on to Microsoft only in the browser this admin's session was signed in with, once, within 10 minutes; anywhere else it only names who asks for what",
    response: z.object({ consentUrl: z.string() }),
    errors: { 409: "Not awaiting consent" },
  },
});
const consentLink = route({
  method: "post",
  path: "/api/orgs/{id}/integration/consent-link",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary: "A link for the tenant's Global Administrator: signed, expiring in 7 days; a new link revokes the previous one",
    response: z.object({ url: z.string(), expiresAt: z.string() }),
    errors: { 409: "Not awaiting consent" },
  },
});
const patchIntegration = route({
  method: "patch",
  path: "/api/orgs/{id}/integration",
  auth: "org_admin",
  body: () => z.object({ enabled: z.boolean() }),
  docs: __DOCS__ && {
    summary: "Disable or enable the integration",
    response: Integration,
    errors: { 409: "Nothing to enable or disable, or the tenant is active elsewhere" },
  },
});
const getAudit = route({
  method: "get",
  path: "/api/orgs/{id}/audit",
  auth: "org_admin",
  query: PageQuery,
  docs: __DOCS__ && {
    summary: "The organization's audit events, newest first (keyset paging)",
    response: z.object({ events: z.array(AuditEvent), nextCursor: z.nullable(z.string()) }),
  },
});
const admin = (c: Context<AppEnv>) => c.var.admin;

/** The organization's row and integration, read together. */
async function current(c: Context<AppEnv>) {
  const db = c.env.DB;
  const [org, integration] = await db.batch([
    selectOrganizationById(db, admin(c).organization.id),
    selectIntegrationForAdmin(db, admin(c).organization.id),
  ]);
  return { org: org.results[0] as OrganizationRow, integration: (integration.results[0] as IntegrationRow | undefined) ?? null };
}

function requireAvailable(org: OrganizationRow) {
  const refusal = unavailableError(org);
  if (refusal) throw refusal;
}

const audit = (c: Context<AppEnv>, action: string, target: string | null, detail?: Record<string, unknown>) =>
  insertAuditEvent(c.env.DB, {
    organizationId: admin(c).organization.id,
    actorType: "account",
    actorId: admin(c).actor.view.account.id,
    action,
    target,
    detail,
    now: c.var.now(),
  });

/**
 * "Grant consent now" for this admin's session (consent/ticket.ts). The consent pages speak the
 * panel's language (`?lang=`), else the browser's.
 */
async function ticketFor(c: Context<AppEnv>, tenantId: string) {
  const { organization, actor } = admin(c);
  const ticket = await sealTicket(
    {
      organizationId: organization.id,
      tenantId,
      accountId: actor.view.account.id,
      sessionHash: actor.tokenHash,
      lang: pageLang(c, c.req.query("lang")),
    },
    { secret: c.var.config.sealSecret, now: c.var.now() },
  );
  return `${ownOrigin(c)}${CONSENT_START_PATH}?ticket=${encodeURIComponent(ticket)}`;
}

const TAKEN = () => new AppError(409, "tenant_taken");
const NOT_AWAITING = () => new AppError(409, "consent_not_pending");

export const orgRoutes = new Hono<AppEnv>();

register(orgRoutes, getOrg, async (c) => {
  const db = c.env.DB;
  const [org, counts] = await db.batch([
    selectOrganizationById(db, admin(c).organization.id),
    selectOrganizationCounts(db, admin(c).organization.id),
  ]);
  const o = org.results[0] as OrganizationRow;
  const n = counts.results[0] as OrganizationCountsRow;
  return c.json({
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    license: o.license,
    integration: integrationAvailability(o, pageLang(c)),
    counts: countsOf(n),
  });
});
register(orgRoutes, getIntegration, async (c) => {
  const { org, integration } = await current(c);
  return c.json(integrationView(org, integration, pageLang(c)));
});
register(orgRoutes, putIntegration, async (c, input) => {
  const typed = input.body.tenantId;
  const { org, integration } = await current(c);
  requireAvailable(org);
  const tenantId = await resolveTenantId(c.var.config.authority, typed, c.var.now());
  // The same tenant saved again (even typed as another of its domains) changes nothing: a
  // proven link stays proven, a Global Administrator's link keeps working, nothing is audited.
  // Another tenant goes back to awaiting consent.
  if (integration?.tenant_id === tenantId) {
    return c.json({
      ...integrationView(org, integration, pageLang(c)),
      consentUrl: integration.status === "awaiting_consent" ? await ticketFor(c, tenantId) : null,
    });
  }
  const db = c.env.DB;
  // Only a proven integration holds a tenant: one that merely awaits consent elsewhere does not.
  const holder = await selectTenantHolder(db, tenantId).first<OrganizationRow>();
  if (holder && holder.id !== org.id) throw TAKEN();
  const tenantDomain = isTenantGuid(typed.trim()) ? null : typed.trim().toLowerCase();
  await db.batch([
    setTenantAwaitingConsent(db, {
      organizationId: org.id,
      tenantId,
      tenantDomain,
      accountId: admin(c).actor.view.account.id,
      now: c.var.now(),
    }),
    audit(c, "integration.tenant_set", tenantId, { input: typed }),
  ]);
  const after = await current(c);
  return c.json({ ...integrationView(after.org, after.integration, pageLang(c)), consentUrl: await ticketFor(c, tenantId) });
});
register(orgRoutes, consentStart, async (c) => {
  const { org, integration } = await current(c);
  requireAvailable(org);
  if (!needsConsent(integration) || !integration?.tenant_id) throw NOT_AWAITING();
  if (integration.held_elsewhere) throw TAKEN();
  return c.json({ consentUrl: await ticketFor(c, integration.tenant_id) });
});
register(orgRoutes, consentLink, async (c) => {
  const { org, integration } = await current(c);
  requireAvailable(org);
  // A link for a tenant another organization holds would be dead from the start.
  if (integration?.held_elsewhere) throw TAKEN();
  const db = c.env.DB;
  const now = c.var.now();
  const [bumped] = await db.batch([
    bumpLinkVersion(db, { organizationId: org.id, accountId: admin(c).actor.view.account.id, now }),
    insertAuditEventWhen(
      db,
      {
        organizationId: org.id,
        actorType: "account",
        actorId: admin(c).actor.view.account.id,
        action: "integration.consent_link_created",
        now,
      },
      linkMadeAt(org.id, now),
    ),
  ]);
  const row = bumped.results[0] as { link_version: number; tenant_id: string } | undefined;
  if (!row) throw NOT_AWAITING();
  const expiresAt = Math.floor(now / 1000) + CONSENT_LINK_LIFETIME_S;
  const token = await signConsentLink({ o: org.id, t: row.tenant_id, v: row.link_version, e: expiresAt }, c.var.config.sealSecret);
  return c.json({
    url: `${ownOrigin(c)}/auth/microsoft/admin-consent/link?token=${encodeURIComponent(token)}`,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  });
});
register(orgRoutes, patchIntegration, async (c, input) => {
  const { enabled } = input.body;
  const { org } = await current(c);
  if (enabled) requireAvailable(org);
  const db = c.env.DB;
  let changed;
  try {
    const now = c.var.now();
    [changed] = await db.batch([
      setIntegrationEnabled(db, { organizationId: org.id, enabled, now }),
      insertAuditEventWhen(
        db,
        {
          organizationId: org.id,
          actorType: "account",
          actorId: admin(c).actor.view.account.id,
          action: enabled ? "integration.enabled" : "integration.disabled",
          now,
        },
        // Only if the status really changed.
        toggledAt(org.id, now, enabled),
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, "tenant_taken.now");
    throw err;
  }
  if (changed.meta.changes === 0) throw new AppError(409, enabled ? "nothing_to_change" : "nothing_to_change.not_configured");
  const after = await current(c);
  return c.json(integrationView(after.org, after.integration, pageLang(c)));
});
register(orgRoutes, getAudit, async (c, input) => {
  const q = input.query;
  const limit = pageLimit(q.limit, 20);
  const before = q.cursor ? Number(q.cursor) : null;
  if (before !== null && !Number.isSafeInteger(before)) throw new AppError(400, "invalid_request.cursor");
  const { results } = await selectAuditPage(c.env.DB, admin(c).organization.id, before, limit + 1).all<AuditRow>();
  const lang = pageLang(c);
  const page = results.slice(0, limit);
  return c.json({
    events: page.map((e) => ({
      id: String(e.id),
      at: new Date(e.created_at).toISOString(),
      actor: { type: e.actor_type, id: e.actor_id, name: e.actor_name ?? actorName(e) },
      action: e.action,
      target: e.target,
      targetName: e.target_name,
      detail: e.detail ? localizedDetail(JSON.parse(e.detail) as Record<string, unknown>, lang) : null,
    })),
    nextCursor: results.length > limit ? String(page[page.length - 1].id) : null,
  });
});

/** A consent failure's reason (kept as its key) as its code, said in the admin's language (Accept-Language). */
function localizedDetail(detail: Record<string, unknown>, lang: Lang) {
  const reason = detail.reason;
  return typeof reason === "string"
    ? {
        ...detail,
        reason: codeOf(reason),
        message: storedErrorMessage(lang, reason, typeof detail.message === "string" ? detail.message : reason),
      }
    : detail;
}

function actorName(e: AuditRow): string | null {
  if (e.actor_type === "support") return "ThingLink support";
  if (e.actor_type === "tenant_admin" && e.detail) return (JSON.parse(e.detail) as { consenter?: string }).consenter ?? null;
  return null;
}
