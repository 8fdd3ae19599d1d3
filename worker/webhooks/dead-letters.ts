/**
 * The dead-letter queue's consumer: each delivery that used up its retries is kept in D1
 * (once per endpoint and event) until support replays it; the endpoint shows as failing
 * while any are kept. Messages that Queues itself dead-lettered (the consumer kept failing)
 * arrive without the last attempt's answer.
 */
import { insertFailure } from "../storage/webhook-endpoints";
import type { DeadLetter, DeliveryMessage, WebhookBindings } from "./messages";

export async function recordDeadLetters(batch: MessageBatch<DeadLetter | DeliveryMessage>, env: WebhookBindings, now: number) {
  const statements = batch.messages.map((m) => {
    const letter: Partial<DeadLetter> & DeliveryMessage = m.body;
    return insertFailure(env.DB, {
      endpointId: letter.endpointId,
      eventId: letter.eventId,
      attempts: letter.attempts ?? m.attempts,
      status: letter.status ?? null,
      excerpt: letter.excerpt ?? null,
      now,
    });
  });
  if (statements.length) await env.DB.batch(statements);
  batch.ackAll();
}
