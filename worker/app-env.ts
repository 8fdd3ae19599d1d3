import type { Bindings, Config } from "./config";

/** Typed Hono environment shared by every route. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    /** Milliseconds since the epoch; one clock for the whole request. */
    now: () => number;
    secureHeadersNonce?: string;
  };
}
