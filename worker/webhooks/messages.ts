/** What travels on the delivery queues: one message per event and endpoint, so each endpoint retries on its own. */
export interface DeliveryMessage {
  eventId: string;
  endpointId: string;
}

/** A delivery that used up its retries, on the dead-letter queue: what its last attempt got. */
export interface DeadLetter extends DeliveryMessage {
  attempts: number;
  status: number | null;
  excerpt: string | null;
}

/** The queues' names (wrangler.toml): the consumer tells its two kinds of batch apart by them. */
export const DELIVERY_QUEUE = "thinglink-sso-webhooks";
export const DEAD_LETTER_QUEUE = "thinglink-sso-webhooks-dead";

/** The bindings delivery needs; without the queue (not configured), events are only in the feed. */
export interface WebhookBindings {
  DB: D1Database;
  WEBHOOK_QUEUE?: Queue<DeliveryMessage>;
  WEBHOOK_DEAD_LETTERS?: Queue<DeadLetter>;
}
