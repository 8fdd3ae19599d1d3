/**
 * A replay: every delivery to an endpoint that used up its retries goes back on the delivery
 * queue (with a fresh set of retries) and leaves the endpoint's failed list once it is there.
 */
import { deleteFailures, selectFailures } from "../storage/webhook-endpoints";
import type { WebhookBindings } from "./messages";

const SEND_LIMIT = 100;

export async function replayFailures(env: WebhookBindings, endpointId: string): Promise<number> {
  const { results } = await selectFailures(env.DB, endpointId).all<{ event_id: string }>();
  const eventIds = results.map((r) => r.event_id);
  if (!eventIds.length || !env.WEBHOOK_QUEUE) return 0;
  for (let i = 0; i < eventIds.length; i += SEND_LIMIT) {
    const chunk = eventIds.slice(i, i + SEND_LIMIT);
    await env.WEBHOOK_QUEUE.sendBatch(chunk.map((eventId) => ({ body: { eventId, endpointId } })));
    await deleteFailures(env.DB, endpointId, chunk).run();
  }
  return eventIds.length;
}
