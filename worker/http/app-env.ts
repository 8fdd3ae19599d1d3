import type { Bindings, Config } from "../config";
import type { LiveSession } from "../session/session-store";

/** The organization an admin route acts on: the signed-in admin's own. */
export interface AdminScope {
  organization: NonNullable<LiveSession["view"]["organization"]>;
  actor: LiveSession;
}

/** Typed Hono environment shared by every route. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    /** Milliseconds since the epoch; one clock for the whole request. */
    now: () => number;
    secureHeadersNonce?: string;
    /** Set by requireOrgAdmin for routes declared `auth: "org_admin"`. */
    admin: AdminScope;
    /** Set for routes declared `auth: "session"`: the caller's session, read from D1 just now. */
    session: LiveSession;
  };
}
