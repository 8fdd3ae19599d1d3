/**
 * The delivery queue's consumer: posts each event to its endpoint, signed per Standard
 * Webhooks, and decides what a failure means. Messages of a batch are delivered side by side,
 * each acknowledged or retried on its own, so one slow or failing endpoint never holds up
 * another. No redirect is followed (a 3xx is a failure), an attempt ends after the timeout,
 * and of a failed answer only a short masked excerpt is kept.
 */
import { selectEvent, type EventRow } from "../storage/events";
import { recordAttempt, selectEndpoint, type WebhookEndpointRow } from "../storage/webhook-endpoints";
import { maskedExcerpt, readStart } from "./excerpt";
import type { DeliveryMessage, WebhookBindings } from "./messages";
import { signatureHeader } from "./signature";

export interface DeliverySettings {
  now: () => number;
  /** Seconds before each retry; one more try than there are entries. */
  retrySeconds: readonly number[];
  timeoutMs: number;
}

/** The body a receiver gets: Standard Webhooks' {type, timestamp, data}. */
export function payload(event: EventRow): string {
  return JSON.stringify({
    type: event.type,
    timestamp: new Date(event.occurred_at).toISOString(),
    data: JSON.parse(event.data) as unknown,
  });
}

/** The secrets that sign at `now`: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(endpoint: WebhookEndpointRow, now: number): string[] {
  const previous = endpoint.previous_secret && (endpoint.previous_secret_until ?? 0) > now ? [endpoint.previous_secret] : [];
  return [endpoint.secret, ...previous];
}

type Attempt = { ok: true; status: number } | { ok: false; status: number; excerpt: string | null };

async function post(endpoint: WebhookEndpointRow, event: EventRow, settings: DeliverySettings): Promise<Attempt> {
  const body = payload(event);
  const timestamp = Math.floor(settings.now() / 1000);
  const signature = await signatureHeader({ id: event.id, timestamp, body, secrets: signingSecrets(endpoint, settings.now()) });
  try {
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "thinglink-sso-webhooks",
        "webhook-id": event.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel();
      return { ok: true, status: res.status };
    }
    return { ok: false, status: res.status, excerpt: maskedExcerpt(await readStart(res)) || null };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return {
      ok: false,
      status: 0,
      excerpt: timedOut ? `no answer within ${settings.timeoutMs / 1000} s` : "no answer (connection failed)",
    };
  }
}

/** Delivers one batch of the delivery queue. */
export async function deliverBatch(batch: MessageBatch<DeliveryMessage>, env: WebhookBindings, settings: DeliverySettings) {
  const attempts: D1PreparedStatement[] = [];
  await Promise.all(
    batch.messages.map(async (message) => {
      const { eventId, endpointId } = message.body;
      const [eventResult, endpointResult] = await env.DB.batch([selectEvent(env.DB, eventId), selectEndpoint(env.DB, endpointId)]);
      const event = eventResult.results[0] as EventRow | undefined;
      const endpoint = endpointResult.results[0] as WebhookEndpointRow | undefined;
      // The endpoint was removed, or the event aged out of the feed: nothing left to deliver.
      if (!event || !endpoint) return message.ack();
      const attempt = await post(endpoint, event, settings);
      const excerpt = attempt.ok ? null : attempt.excerpt;
      attempts.push(recordAttempt(env.DB, { id: endpointId, status: attempt.status, excerpt, ok: attempt.ok, now: settings.now() }));
      if (attempt.ok) return message.ack();
      const delay = settings.retrySeconds[message.attempts - 1];
      if (delay !== undefined) return message.retry({ delaySeconds: delay });
      // Out of retries: to the dead-letter queue, whose consumer keeps it for a replay.
      await env.WEBHOOK_DEAD_LETTERS?.send({ eventId, endpointId, attempts: message.attempts, status: attempt.status, excerpt });
      message.ack();
    }),
  );
  if (attempts.length) await env.DB.batch(attempts);
}
