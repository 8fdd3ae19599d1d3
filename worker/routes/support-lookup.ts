/**
 * Support finding an organization: by a prefix of its name or slug (keyset-paged), and one
 * organization by id or slug with its integration and counts. Behind SUPPORT_API_TOKEN.
 */
import * as z from "zod/mini";
import { route } from "../api/registry";
import { Integration, OrganizationSummary, PageQuery, pageLimit } from "../api/schemas";
import { AppError } from "../errors";
import type { AppEnv } from "../http/app-env";
import { Hono } from "../http/hono";
import { register } from "../http/register";
import { integrationView } from "../integration/integration-view";
import { cursor } from "../members/people";
import { selectIntegrationForAdmin, type IntegrationRow } from "../storage/integrations";
import {
  countsOf,
  selectOrganizationByRef,
  selectOrganizationCounts,
  selectOrganizationPage,
  type OrganizationCountsRow,
  type OrganizationRow,
} from "../storage/organizations";

const findOrgs = route({
  method: "get",
  path: "/api/support/organizations",
  auth: "support",
  query: () => z.extend(PageQuery(), { q: z.optional(z.string().check(z.maxLength(200))) }),
  docs: __DOCS__ && {
    summary: "Find organizations by a prefix of their name (any case) or slug; all of them, by name, without q",
    response: z.object({ organizations: z.array(OrganizationSummary), nextCursor: z.nullable(z.string()) }),
  },
});
const getOrg = route({
  method: "get",
  path: "/api/support/organizations/{id}",
  auth: "support",
  docs: __DOCS__ && {
    summary: "One organization, by id or slug, with its integration and counts",
    response: z.extend(OrganizationSummary, {
      integration: Integration,
      counts: z.object({ members: z.number(), admins: z.number(), pendingRequests: z.number() }),
    }),
    errors: { 404: "No such organization" },
  },
});

const summary = (o: OrganizationRow) => ({ id: o.id, slug: o.slug, name: o.name, kind: o.kind, license: o.license });

export const supportLookupRoutes = new Hono<AppEnv>();

register(supportLookupRoutes, findOrgs, async (c, input) => {
  const q = input.query;
  const limit = pageLimit(q.limit);
  const after = cursor.decode(q.cursor, (v): v is [string, string] => typeof v[0] === "string" && typeof v[1] === "string");
  const { results } = await selectOrganizationPage(c.env.DB, { prefix: (q.q ?? "").trim(), after, limit: limit + 1 }).all<
    OrganizationRow & { name_key: string }
  >();
  const { rows, nextCursor } = cursor.page(results, limit, (last) => [last.name_key, last.id]);
  return c.json({ organizations: rows.map(summary), nextCursor });
});
register(supportLookupRoutes, getOrg, async (c) => {
  const db = c.env.DB;
  const org = await selectOrganizationByRef(db, c.req.param("id")!).first<OrganizationRow>();
  if (!org) throw new AppError(404, "not_found.organization");
  const [integration, counts] = await db.batch([selectIntegrationForAdmin(db, org.id), selectOrganizationCounts(db, org.id)]);
  return c.json({
    ...summary(org),
    integration: integrationView(org, (integration.results[0] as IntegrationRow | undefined) ?? null),
    counts: countsOf(counts.results[0] as OrganizationCountsRow),
  });
});
