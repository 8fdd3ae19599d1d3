/**
 * Hands due events to the delivery queue: one message per event and matching endpoint.
 * Runs after every request that may have changed something, and from the minute cron as a
 * sweep (events whose hand-over was lost after their D1 write: the request's isolate died,
 * or the queue refused). A claimed event carries a lease, so a hand-over that dies midway is
 * simply due again when the lease ends.
 */
import { claimDueEvents, markHandedOver, type EventRow } from "../storage/events";
import { selectEndpoints, type WebhookEndpointRow } from "../storage/webhook-endpoints";
import type { DeliveryMessage, WebhookBindings } from "./messages";

const LEASE_MS = 60_000;
/**
 * The endpoints, as this isolate last read them: a request's hand-over reads them at most once
 * a minute (without any, it does nothing at all). An endpoint made in another isolate meanwhile
 * is served by the sweep; the consumer reads each endpoint afresh, so a removed one gets nothing.
 */
const ENDPOINTS_TTL_MS = 60_000;
let known: { endpoints: WebhookEndpointRow[]; until: number } | null = null;

/** After support changes the endpoints: this isolate reads them again. */
export function forgetEndpoints() {
  known = null;
}

async function endpointsAt(db: D1Database, now: number) {
  if (!known || known.until <= now)
    known = { endpoints: (await selectEndpoints(db).all<WebhookEndpointRow>()).results, until: now + ENDPOINTS_TTL_MS };
  return known.endpoints;
}
const CLAIM_LIMIT = 100;
/** Queues take at most 100 messages per sendBatch. */
const SEND_LIMIT = 100;

/** Whether an endpoint wants an event: its organization filter and its event-type filter, each if set. */
export function wants(
  endpoint: Pick<WebhookEndpointRow, "organization_id" | "event_types">,
  event: Pick<EventRow, "type" | "organization_id">,
) {
  if (endpoint.organization_id !== null && endpoint.organization_id !== event.organization_id) return false;
  if (endpoint.event_types === null) return true;
  return (JSON.parse(endpoint.event_types) as string[]).includes(event.type);
}

export interface HandOverResult {
  events: number;
  messages: number;
}

/** Claims and hands over due events, `rounds` claims at most (the sweep takes several, with the endpoints read afresh). */
export async function handOverDueEvents(env: WebhookBindings, now: number, rounds = 1): Promise<HandOverResult> {
  const queue = env.WEBHOOK_QUEUE;
  const total = { events: 0, messages: 0 };
  if (!queue) return total;
  if (rounds > 1) forgetEndpoints();
  const endpoints = await endpointsAt(env.DB, now);
  // Without endpoints no event is ever due (the triggers leave them in the feed only).
  if (!endpoints.length) return total;
  for (let round = 0; round < rounds; round++) {
    const { results: events } = await claimDueEvents(env.DB, { now, leaseUntil: now + LEASE_MS, limit: CLAIM_LIMIT }).all<EventRow>();
    if (!events.length) break;
    const messages: Array<{ body: DeliveryMessage }> = [];
    for (const event of events) {
      for (const endpoint of endpoints) if (wants(endpoint, event)) messages.push({ body: { eventId: event.id, endpointId: endpoint.id } });
    }
    for (let i = 0; i < messages.length; i += SEND_LIMIT) await queue.sendBatch(messages.slice(i, i + SEND_LIMIT));
    await markHandedOver(
      env.DB,
      events.map((e) => e.seq),
    ).run();
    total.events += events.length;
    total.messages += messages.length;
    if (events.length < CLAIM_LIMIT) break;
  }
  return total;
}
