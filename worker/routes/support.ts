/**
 * Support (operator) API, behind the SUPPORT_API_TOKEN bearer: creating
 * organizations, changing their license, making admins, and linking a tenant a
 * customer proved to support. Every action is audited as done by support.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { register } from "../http/register";
import { route } from "../api/registry";
import { Integration, OrganizationSummary, PageQuery, pageLimit } from "../api/schemas";
import { addMembers, listTenantAccounts } from "../members/people";
import { AccountIds, AddResults, TenantAccount } from "../api/people-schemas";
import { AppError } from "../errors";
import { isUniqueViolation } from "../storage/errors";
import { unavailableError } from "../integration/availability";
import { integrationView } from "../integration/integration-view";
import { notAGuid } from "../integration/resolve-tenant";
import { isTenantGuid } from "../integration/tenant-id";
import { commit, makeAdmin } from "../members/write-path";
import { insertAuditEvent } from "../storage/audit-events";
import { clearIntegration, selectIntegration, upsertActiveIntegration, type IntegrationRow } from "../storage/integrations";
import { insertEmbedOriginIfAbsent, markEmbedOriginVerified } from "../storage/embed-origins";
import { forgetEmbedOrigins, ownOrigin } from "../http/origins";
import { parseOrigins } from "../integration/embed-origin";
import { reason, type AccountTypeReason } from "../account-type-reason";
import { countAdmins, selectAccountMembership, type AccountMembershipRow } from "../storage/memberships";
import {
  insertOrganization,
  isValidSlug,
  selectOrganizationById,
  selectOrganizationByRef,
  slugFrom,
  updateOrganization,
  type OrganizationRow,
} from "../storage/organizations";

const name = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const license = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(50));
const createOrg = route({
  method: "post",
  path: "/api/support/organizations",
  auth: "support",
  body: () =>
    z.object({
      name: name(),
      kind: z.enum(["education", "business"]),
      license: license(),
      slug: z.optional(z.string().check(z.maxLength(63))),
    }),
  docs: __DOCS__ && {
    summary: "Create an organization",
    status: 201,
    response: OrganizationSummary,
    errors: { 409: "The slug is taken" },
  },
});
const patchOrg = route({
  method: "patch",
  path: "/api/support/organizations/{id}",
  auth: "support",
  body: () => z.object({ name: z.optional(name()), license: z.optional(license()) }),
  docs: __DOCS__ && {
    summary: "Change an organization's name or license",
    response: OrganizationSummary,
    errors: { 404: "No such organization" },
  },
});
const putAdmin = route({
  method: "put",
  path: "/api/support/organizations/{id}/admins/{accountId}",
  auth: "support",
  docs: __DOCS__ && {
    summary: "Make an account an admin of the organization (moving it in if needed)",
    response: z.object({ organizationId: z.string(), accountId: z.string(), role: z.literal("admin") }),
    errors: { 404: "No such organization or account", 409: "The account is the only admin of the organization it is in" },
  },
});
const putIntegration = route({
  method: "put",
  path: "/api/support/organizations/{id}/integration",
  auth: "support",
  body: () => z.object({ tenantId: z.string().check(z.maxLength(64)) }),
  docs: __DOCS__ && {
    summary: "Link a tenant a customer proved to support: active at once (license rules and one tenant per organization still apply)",
    response: Integration,
    errors: {
      403: "Not available on this organization's license",
      404: "No such organization",
      409: "The tenant is active for another organization",
      422: "Not a tenant ID",
    },
  },
});

const deleteIntegrationRoute = route({
  method: "delete",
  path: "/api/support/organizations/{id}/integration",
  auth: "support",
  docs: __DOCS__ && {
    summary: "Clear the organization's Microsoft integration (back to not configured; the tenant is held by nobody), audited",
    response: Integration,
    errors: { 404: "No such organization" },
  },
});
const approveOrigin = route({
  method: "post",
  path: "/api/support/organizations/{id}/embed-origins/approve",
  auth: "support",
  body: () => z.object({ origin: z.string().check(z.maxLength(300)) }),
  docs: __DOCS__ && {
    summary: "Prove an embed origin for the organization on its behalf (listing it if needed), audited",
    response: z.object({ origin: z.string(), status: z.literal("verified") }),
    errors: {
      400: "Not an https origin of a named public site",
      404: "No such organization",
      409: "Another organization has proven this origin",
    },
  },
});
const tenantAccounts = route({
  method: "get",
  path: "/api/support/organizations/{id}/tenant-accounts",
  auth: "support",
  query: PageQuery,
  docs: __DOCS__ && {
    summary: "Existing accounts from the organization's tenant that are not members (its tenant once proven: 409 before)",
    response: z.object({ accounts: z.array(TenantAccount), nextCursor: z.nullable(z.string()) }),
    errors: { 404: "No such organization", 409: "No proven tenant: the integration is not active" },
  },
});
const addMembersRoute = route({
  method: "post",
  path: "/api/support/organizations/{id}/members",
  auth: "support",
  body: AccountIds,
  docs: __DOCS__ && {
    summary: "Add tenant accounts to the organization pre-emptively",
    response: AddResults,
    errors: { 404: "No such organization", 409: "No proven tenant: the integration is not active" },
  },
});

async function organization(c: Context<AppEnv>): Promise<OrganizationRow> {
  // By id or by slug, as every organization reference.
  const org = await selectOrganizationByRef(c.env.DB, c.req.param("id")!).first<OrganizationRow>();
  if (!org) throw new AppError(404, "not_found.organization");
  return org;
}

const summary = (o: OrganizationRow) => ({ id: o.id, slug: o.slug, name: o.name, kind: o.kind, license: o.license });
const audit = (c: Context<AppEnv>, organizationId: string, action: string, target: string | null, detail?: Record<string, unknown>) =>
  insertAuditEvent(c.env.DB, { organizationId, actorType: "support", actorId: null, action, target, detail, now: c.var.now() });

export const supportRoutes = new Hono<AppEnv>();

register(supportRoutes, createOrg, async (c, input) => {
  const body = input.body;
  const slug = body.slug?.trim().toLowerCase() || slugFrom(body.name);
  if (!isValidSlug(slug)) throw new AppError(400, "invalid_request.slug");
  const org = {
    id: crypto.randomUUID(),
    slug,
    name: body.name,
    kind: body.kind,
    license: body.license.toLowerCase(),
    created_at: c.var.now(),
  };
  try {
    await c.env.DB.batch([
      insertOrganization(c.env.DB, { ...org, now: org.created_at }),
      audit(c, org.id, "organization.created", null, { name: org.name, kind: org.kind, license: org.license }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, "slug_taken", { slug });
    throw err;
  }
  return c.json(summary(org), 201);
});
register(supportRoutes, patchOrg, async (c, input) => {
  const body = input.body;
  const org = await organization(c);
  const change = { name: body.name, license: body.license?.toLowerCase() };
  const [updated] = await c.env.DB.batch([
    updateOrganization(c.env.DB, org.id, change),
    audit(c, org.id, "organization.updated", null, { ...change, previousLicense: org.license }),
  ]);
  return c.json(summary(updated.results[0] as OrganizationRow));
});
register(supportRoutes, putAdmin, async (c) => {
  const org = await organization(c);
  const accountId = c.req.param("accountId")!;
  const db = c.env.DB;
  const account = await selectAccountMembership(db, accountId).first<AccountMembershipRow>();
  if (!account) throw new AppError(404, "not_found.account");
  const stays = account.organization_id === org.id;
  if (
    !stays &&
    account.role === "admin" &&
    account.organization_id &&
    (await countAdmins(db, account.organization_id).first<number>("n")) === 1
  ) {
    // Support can move people, but never leaves an organization without an admin (as admins' own changes never do).
    const left = await selectOrganizationById(db, account.organization_id).first<OrganizationRow>();
    throw new AppError(409, "last_admin.elsewhere", { org: left?.name ?? "its organization" });
  }
  const type = stays
    ? {
        accountType: account.account_type!,
        source: account.account_type_source!,
        reason: (account.account_type_reason ?? "") as AccountTypeReason,
      }
    : {
        accountType: org.kind === "education" ? ("teacher" as const) : ("member" as const),
        source: "admin" as const,
        reason: reason("made_admin_by_support"),
      };
  await commit(
    db,
    makeAdmin(db, { organizationId: org.id, accountId, type, movedFrom: stays ? null : account.organization_id, now: c.var.now() }),
  );
  return c.json({ organizationId: org.id, accountId, role: "admin" as const });
});
register(supportRoutes, putIntegration, async (c, input) => {
  const { tenantId: raw } = input.body;
  const org = await organization(c);
  const refusal = unavailableError(org);
  if (refusal) throw refusal;
  const tenantId = raw.trim().toLowerCase();
  if (!isTenantGuid(tenantId)) throw notAGuid(tenantId);
  const db = c.env.DB;
  try {
    await db.batch([
      upsertActiveIntegration(db, {
        organizationId: org.id,
        tenantId,
        method: "support",
        by: { name: "ThingLink support", upn: null, oid: null },
        now: c.var.now(),
      }),
      audit(c, org.id, "integration.activated", tenantId, { method: "support" }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, "tenant_taken.support");
    throw err;
  }
  const row = await selectIntegration(db, org.id).first<IntegrationRow>();
  return c.json(integrationView(org, row));
});
register(supportRoutes, deleteIntegrationRoute, async (c) => {
  const org = await organization(c);
  const db = c.env.DB;
  const before = await selectIntegration(db, org.id).first<IntegrationRow>();
  await db.batch([
    clearIntegration(db, { organizationId: org.id, now: c.var.now() }),
    audit(c, org.id, "integration.cleared", before?.tenant_id ?? null, { previousStatus: before?.status ?? "not_configured" }),
  ]);
  return c.json(integrationView(org, null));
});
register(supportRoutes, approveOrigin, async (c, input) => {
  const org = await organization(c);
  const [origin] = parseOrigins([input.body.origin], new URL(ownOrigin(c)).hostname);
  const db = c.env.DB;
  const now = c.var.now();
  try {
    await db.batch([
      insertEmbedOriginIfAbsent(db, { organizationId: org.id, origin, now }),
      markEmbedOriginVerified(db, { organizationId: org.id, origin, by: "support", now }),
      audit(c, org.id, "embed_origin.verified", null, { origin, by: "support" }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, "origin_taken", { origin });
    throw err;
  }
  forgetEmbedOrigins();
  return c.json({ origin, status: "verified" as const });
});
register(supportRoutes, tenantAccounts, async (c, input) => {
  const q = input.query;
  const org = await organization(c);
  return c.json(await listTenantAccounts(c.env.DB, { organizationId: org.id, cursor: q.cursor, limit: pageLimit(q.limit) }));
});
register(supportRoutes, addMembersRoute, async (c, input) => {
  const { accountIds } = input.body;
  const org = await organization(c);
  return c.json({ results: await addMembers(c.env.DB, { org, accountIds, actor: { type: "support", id: null }, now: c.var.now() }) });
});
