/** thinglink-sso worker entry: the app's fetch handler and the cron trigger. */
import type { AppEnv } from "./http/app-env";
import { app } from "./app";
import { log } from "./log";
import { sweepExpired } from "./storage/housekeeping";

export default {
  fetch: app.fetch,
  /** Cron trigger (wrangler.toml): housekeeping of expired rows. */
  async scheduled(controller: ScheduledController, env: AppEnv["Bindings"]) {
    log.info("housekeeping", await sweepExpired(env.DB, controller.scheduledTime));
  },
} satisfies ExportedHandler<AppEnv["Bindings"]>;
