/** thinglink-sso worker entry: the app's fetch handler, the cron triggers and the webhook queues' consumer. */
import type { AppEnv } from "./http/app-env";
import { app } from "./app";
import { getConfig } from "./config";
import { log } from "./log";
import { sweepExpired } from "./storage/housekeeping";
import { recordDeadLetters } from "./webhooks/dead-letters";
import { deliverBatch } from "./webhooks/delivery";
import { handOverDueEvents } from "./webhooks/hand-over";
import { DEAD_LETTER_QUEUE, type DeadLetter, type DeliveryMessage } from "./webhooks/messages";

type Env = AppEnv["Bindings"];

/** The minute cron (wrangler.toml) sweeps events whose hand-over to the queue was lost; the daily one is housekeeping. */
const EVERY_MINUTE = "* * * * *";
const SWEEP_ROUNDS = 10;

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env) {
    if (controller.cron === EVERY_MINUTE) {
      const handedOver = await handOverDueEvents(env, controller.scheduledTime, SWEEP_ROUNDS);
      if (handedOver.events) log.info("events_swept", { ...handedOver });
      return;
    }
    log.info("housekeeping", await sweepExpired(env.DB, controller.scheduledTime));
  },
  async queue(batch: MessageBatch<DeliveryMessage | DeadLetter>, env: Env) {
    if (batch.queue === DEAD_LETTER_QUEUE) return recordDeadLetters(batch, env, Date.now());
    const config = getConfig(env);
    await deliverBatch(batch, env, {
      now: () => Date.now(),
      retrySeconds: config.webhookRetrySeconds,
      timeoutMs: config.webhookTimeoutMs,
    });
  },
} satisfies ExportedHandler<Env, DeliveryMessage | DeadLetter>;
