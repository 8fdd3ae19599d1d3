/**
 * The thinglink-sso app: one Hono app, config parsed once, one error handler.
 * worker/index.ts exports it as the Worker's fetch handler.
 */
import type { Context } from "hono";
import { Hono } from "./http/hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppEnv } from "./http/app-env";
import { getConfig } from "./config";
import { AppError } from "./errors";
import { methodsAt } from "./api/registry";
import { csrfGuard } from "./http/csrf";
import { securityHeaders } from "./http/security-headers";
import { isAllowedOrigin, organizationOfPath } from "./http/origins";
import { toWireError } from "./http/errors-to-wire";
import { handOverEvents } from "./http/hand-over-events";

import { withRequestId } from "./log";
import { messagePage } from "./pages/layout";
import { pageErrorText, pageLang, strings } from "./pages/strings";
import { authRoutes } from "./routes/auth";
import { consentRoutes } from "./routes/consent";
import { joinRoutes } from "./routes/join";
import { orgRoutes } from "./routes/orgs";
import { embedOriginRoutes } from "./routes/embed-origins";
import { peopleRoutes } from "./routes/people";
import { supportRoutes } from "./routes/support";
import { supportLookupRoutes } from "./routes/support-lookup";
import { supportWebhookRoutes } from "./routes/support-webhooks";
import { metaRoutes } from "./routes/meta";
import { homeRoutes, sessionRoutes } from "./routes/session";

export const app = new Hono<AppEnv>();

// Every request gets an id (Cloudflare's ray id when there is one): in each log line and in X-Request-Id.
app.use(async (c, next) => {
  const id = c.req.header("cf-ray") ?? crypto.randomUUID();
  c.header("x-request-id", id);
  await withRequestId(id, async () => {
    c.set("config", getConfig(c.env));
    c.set("now", () => Date.now());
    await next();
  });
});

app.use(securityHeaders);
app.use(handOverEvents);

const corsPolicy = cors({
  // An organization's embed origins reach only that organization's admin routes.
  origin: async (origin, c) => ((await isAllowedOrigin(c as Context<AppEnv>, origin, organizationOfPath(c.req.path))) ? origin : null),
  credentials: true,
  allowHeaders: ["Content-Type", "Authorization"],
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  // The widget backs off on 429 by Retry-After, which a cross-origin page cannot read unless exposed.
  exposeHeaders: ["Retry-After", "X-Request-Id"],
  maxAge: 600,
});
app.use("/api/*", corsPolicy);
app.use("/auth/handoff", corsPolicy);
app.use("/auth/logout", corsPolicy);
app.use(csrfGuard);

/** No route takes more than this; bulk admin decisions (500 at a time) fit well within it. */
const MAX_BODY_BYTES = 64 * 1024;
app.use(
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, "payload_too_large", { kb: MAX_BODY_BYTES / 1024 });
    },
  }),
);

// Who may call each JSON route is said by its declaration, and enforced where it is registered
// (http/register.ts): there is no path-prefix rule to forget.
app.route("/", metaRoutes);
app.route("/", authRoutes);
app.route("/auth/microsoft", consentRoutes);
app.route("/", orgRoutes);
app.route("/", embedOriginRoutes);
app.route("/", peopleRoutes);
app.route("/", joinRoutes);
app.route("/", supportRoutes);
app.route("/", supportLookupRoutes);
app.route("/", supportWebhookRoutes);
app.route("/", sessionRoutes);
app.route("/", homeRoutes);

app.notFound((c) => {
  // A JSON route asked with another method: 405 and what it takes (HTTP's Allow).
  const allowed = methodsAt(c.req.path);
  if (allowed.length) {
    c.header("allow", allowed.join(", "));
    throw new AppError(405, "method_not_allowed", { path: c.req.path, allowed, method: c.req.method });
  }
  throw new AppError(404, "not_found.route", { method: c.req.method, path: c.req.path });
});

app.onError((err, c) => {
  const error = toWireError(err);
  // Clients that honour Retry-After (the widget does on 429) wait this long before trying again.
  if (error.status === 503) c.header("retry-after", "5");
  if (isPage(c)) {
    // A person reads this page: a sentence in their language, not validation detail.
    const lang = pageLang(c, c.req.query("lang"));
    // The reference carries the request id too: a screenshot of this page leads to its log lines.
    const id = c.res.headers.get("x-request-id");
    const page = messagePage(c.var.secureHeadersNonce, lang, {
      title: strings(lang).somethingWrong,
      message: pageErrorText(lang, error.code, error.body(lang).error.message),
      code: id ? `${error.code} · ${id}` : error.code,
    });
    return c.html(page, error.status);
  }
  // The widget asks in its language (Accept-Language): what it shows people comes from here.
  return c.json(error.body(pageLang(c)), error.status);
});

/** Browsers navigating to /auth/microsoft/* get a readable page; API clients get JSON. */
function isPage(c: Context<AppEnv>) {
  return c.req.path.startsWith("/auth/microsoft/") && (c.req.header("accept") ?? "").includes("text/html");
}
