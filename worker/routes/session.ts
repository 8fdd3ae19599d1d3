/** GET /api/session: who is signed in. The warm path is answered from the isolate. */
import { Hono } from "../http/hono";
import type { AppEnv } from "../http/app-env";
import { honoPath, route } from "../api/registry";
import { Session } from "../api/schemas";
import { clearSessionCookie, currentSession } from "../http/session-token";
import { ownOrigin } from "../http/origins";
import { sessionBody } from "../session/session-body";
import { homePage } from "../pages/home";

const session = route({
  method: "get",
  path: "/api/session",
  auth: "none",
  docs: __DOCS__ && {
    summary:
      "The signed-in account, its organization, membership, join suggestion or request, and an identity assertion; {account: null} when signed out",
    response: Session,
  },
});

export const sessionRoutes = new Hono<AppEnv>().get(honoPath(session.path), async (c) => {
  c.header("cache-control", "no-store");
  const { current, session, unknown, ended } = await currentSession(c, { cached: true });
  if (!session) {
    if (unknown && current?.via === "cookie") clearSessionCookie(c);
    // A page that held a session learns why it ended, so it can tell its host once.
    return c.json(ended ? { account: null, ended } : { account: null });
  }
  return c.json(await sessionBody(session, { config: c.var.config, ownOrigin: ownOrigin(c), now: c.var.now() }));
});

/** GET /: a first-party page showing who is signed in (sign-in lands here by default). */
export const homeRoutes = new Hono<AppEnv>().get("/", async (c) => {
  c.header("cache-control", "no-store");
  const { session } = await currentSession(c);
  return c.html(homePage(c.var.secureHeadersNonce, "en", session ? session.view : null));
});
