/**
 * Support's side of telling host back-ends what changed: webhook endpoints (register with a
 * secret shown once, list, remove, rotate the secret, replay what failed) and the events feed.
 * Behind SUPPORT_API_TOKEN.
 */
import * as z from "zod/mini";
import { EndpointInput, EventPage, EventsQuery, RotateInput, WebhookEndpoint } from "../api/event-schemas";
import { route } from "../api/registry";
import { pageLimit } from "../api/schemas";
import { AppError } from "../errors";
import type { AppEnv } from "../http/app-env";
import { Hono } from "../http/hono";
import { ownOrigin } from "../http/origins";
import { register } from "../http/register";
import { selectEventPage, selectEventSeq, type EventRow } from "../storage/events";
import { selectOrganizationByRef, type OrganizationRow } from "../storage/organizations";
import {
  deleteEndpoint,
  insertEndpoint,
  rotateSecret,
  selectEndpoint,
  selectEndpoints,
  type WebhookEndpointRow,
} from "../storage/webhook-endpoints";
import { checkEndpointUrl } from "../webhooks/endpoint-url";
import { forgetEndpoints } from "../webhooks/hand-over";
import { replayFailures } from "../webhooks/replay";
import { newSecret } from "../webhooks/signature";

const ENDPOINT_ERRORS = { 404: "No such webhook endpoint" };
const createEndpoint = route({
  method: "post",
  path: "/api/support/webhook-endpoints",
  auth: "support",
  body: EndpointInput,
  docs: __DOCS__ && {
    summary: "Register a webhook endpoint; its signing secret is in this answer only",
    status: 201,
    response: z.extend(WebhookEndpoint, { secret: z.string() }),
    errors: { 404: "No such organization (organizationId)" },
  },
});
const listEndpoints = route({
  method: "get",
  path: "/api/support/webhook-endpoints",
  auth: "support",
  docs: __DOCS__ && {
    summary: "Webhook endpoints, with their last delivery and whether they are failing (no secrets)",
    response: z.object({ endpoints: z.array(WebhookEndpoint) }),
  },
});
const removeEndpoint = route({
  method: "delete",
  path: "/api/support/webhook-endpoints/{id}",
  auth: "support",
  docs: __DOCS__ && {
    summary: "Remove a webhook endpoint (nothing more is delivered to it)",
    response: z.object({ id: z.string(), removed: z.literal(true) }),
    errors: ENDPOINT_ERRORS,
  },
});
const rotate = route({
  method: "post",
  path: "/api/support/webhook-endpoints/{id}/rotate-secret",
  auth: "support",
  body: RotateInput,
  docs: __DOCS__ && {
    summary: "A new signing secret (in this answer only); the previous one signs too until the overlap ends (default a day)",
    response: z.extend(WebhookEndpoint, { secret: z.string() }),
    errors: ENDPOINT_ERRORS,
  },
});
const replay = route({
  method: "post",
  path: "/api/support/webhook-endpoints/{id}/replay",
  auth: "support",
  docs: __DOCS__ && {
    summary: "Deliver again every delivery to this endpoint that used up its retries",
    response: z.object({ replayed: z.number() }),
    errors: ENDPOINT_ERRORS,
  },
});
const feed = route({
  method: "get",
  path: "/api/support/events",
  auth: "support",
  query: EventsQuery,
  docs: __DOCS__ && {
    summary: "What changed, oldest first, after the event `after`; `nextCursor` is the `after` of the next page (null: nothing more yet)",
    response: EventPage,
  },
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function endpointView(e: WebhookEndpointRow, now: number) {
  return {
    id: e.id,
    url: e.url,
    eventTypes: e.event_types === null ? null : (JSON.parse(e.event_types) as string[]),
    organizationId: e.organization_id,
    createdAt: iso(e.created_at)!,
    failing: e.failed_deliveries > 0,
    failedDeliveries: e.failed_deliveries,
    lastAttempt:
      e.last_attempt_at === null
        ? null
        : { at: iso(e.last_attempt_at)!, status: e.last_status ?? 0, ok: e.last_success_at === e.last_attempt_at },
    lastSuccessAt: iso(e.last_success_at),
    lastErrorExcerpt: e.last_error_excerpt,
    previousSecretSignsUntil: e.previous_secret && (e.previous_secret_until ?? 0) > now ? iso(e.previous_secret_until) : null,
  };
}

function eventView(e: EventRow) {
  return {
    id: e.id,
    type: e.type,
    organizationId: e.organization_id,
    occurredAt: iso(e.occurred_at)!,
    data: JSON.parse(e.data) as Record<string, unknown>,
  };
}

const URL_ERRORS = {
  not_a_url: "invalid_request.webhook_url",
  too_long: "invalid_request.webhook_url",
  scheme: "invalid_request.webhook_url_scheme",
  credentials: "invalid_request.webhook_url_credentials",
  self: "invalid_request.webhook_url_self",
} as const;

/** An organization given by id or slug, as its id (404 when there is none). */
async function organizationIdOf(db: D1Database, ref: string) {
  const org = await selectOrganizationByRef(db, ref).first<OrganizationRow>();
  if (!org) throw new AppError(404, "not_found.organization");
  return org.id;
}

async function existingEndpoint(db: D1Database, id: string) {
  const endpoint = await selectEndpoint(db, id).first<WebhookEndpointRow>();
  if (!endpoint) throw new AppError(404, "not_found.webhook_endpoint");
  return endpoint;
}

/** A day: long enough to roll a new secret out to every receiver. */
const DEFAULT_OVERLAP_SECONDS = 24 * 60 * 60;

export const supportWebhookRoutes = new Hono<AppEnv>();

register(supportWebhookRoutes, createEndpoint, async (c, input) => {
  const db = c.env.DB;
  const now = c.var.now();
  const checked = checkEndpointUrl(input.body.url, { selfOrigin: ownOrigin(c) });
  if (!checked.ok) throw new AppError(400, URL_ERRORS[checked.reason]);
  const organizationId = input.body.organizationId ? await organizationIdOf(db, input.body.organizationId) : null;
  const secret = newSecret();
  const row = await insertEndpoint(db, {
    id: `ep_${crypto.randomUUID().replace(/-/g, "")}`,
    url: checked.url,
    eventTypes: input.body.eventTypes ? [...new Set(input.body.eventTypes)] : null,
    organizationId,
    secret,
    now,
  }).first<WebhookEndpointRow>();
  forgetEndpoints();
  return c.json({ ...endpointView(row!, now), secret }, 201);
});

register(supportWebhookRoutes, listEndpoints, async (c) => {
  const { results } = await selectEndpoints(c.env.DB).all<WebhookEndpointRow>();
  return c.json({ endpoints: results.map((e) => endpointView(e, c.var.now())) });
});

register(supportWebhookRoutes, removeEndpoint, async (c) => {
  const removed = await deleteEndpoint(c.env.DB, c.req.param("id")!).first<{ id: string }>();
  if (!removed) throw new AppError(404, "not_found.webhook_endpoint");
  forgetEndpoints();
  return c.json({ id: removed.id, removed: true as const });
});

register(supportWebhookRoutes, rotate, async (c, input) => {
  const db = c.env.DB;
  const now = c.var.now();
  await existingEndpoint(db, c.req.param("id")!);
  const secret = newSecret();
  const overlapUntil = now + (input.body.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
  const row = await rotateSecret(db, { id: c.req.param("id")!, secret, overlapUntil }).first<WebhookEndpointRow>();
  if (!row) throw new AppError(404, "not_found.webhook_endpoint");
  return c.json({ ...endpointView(row, now), secret });
});

register(supportWebhookRoutes, replay, async (c) => {
  const endpoint = await existingEndpoint(c.env.DB, c.req.param("id")!);
  return c.json({ replayed: await replayFailures(c.env, endpoint.id) });
});

register(supportWebhookRoutes, feed, async (c, input) => {
  const db = c.env.DB;
  const q = input.query;
  const limit = pageLimit(q.limit, 100);
  // An empty `after` (a host's first run: `after=${last ?? ""}`) reads from the start.
  const afterId = q.after || null;
  const organizationId = q.organizationId ? await organizationIdOf(db, q.organizationId) : null;
  const [known, page] = await db.batch([
    selectEventSeq(db, afterId ?? ""),
    selectEventPage(db, { afterId, organizationId, limit: limit + 1 }),
  ]);
  if (afterId && !known.results.length) throw new AppError(400, "invalid_request.event_cursor");
  const rows = (page.results as unknown as EventRow[]).slice(0, limit);
  return c.json({ events: rows.map(eventView), nextCursor: page.results.length > limit ? rows[rows.length - 1].id : null });
});
