/**
 * One way to add a JSON route (docs/architecture.md, "The contract"): `register(app, def,
 * handler)`. The declaration (api/registry.ts) says who may call it (`auth`), what it takes and
 * what it answers; registering enforces the first, parses the second before the handler runs,
 * and — in the test tier, where the answer schemas are compiled in (`CHECK_CONTRACT`) — checks
 * every answer against the third. Nothing about a route is said twice.
 */
import type { Context, MiddlewareHandler } from "hono";
import type * as z from "zod/mini";
import { ErrorBody } from "../api/schemas";
import { honoPath, type RouteDef } from "../api/registry";
import type { AppEnv } from "./app-env";
import { requireOrgAdmin, requireSupport } from "./authorize";
import { byAdmin, rateLimit } from "./rate-limit";
import { requireSession } from "./session-token";
import type { Hono } from "./hono";
import { jsonBody, parseInput } from "./validate";

type Schema<F> = F extends () => infer S ? (S extends z.ZodMiniType ? z.infer<S> : never) : undefined;

/** What a handler gets besides the context: its body and query, already validated. */
export interface Input<D extends RouteDef> {
  body: Schema<D["body"]>;
  query: Schema<D["query"]>;
}

export type RouteHandler<D extends RouteDef> = (c: Context<AppEnv>, input: Input<D>) => Promise<Response> | Response;

// An admin's writes are limited per admin (reads are not: the panel lists and pages).
const adminWrites = rateLimit("ADMIN_LIMITER", "change", byAdmin, { when: (c) => c.req.method !== "GET" && c.req.method !== "HEAD" });

const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("session", await requireSession(c));
  await next();
};

/** The checks `auth` stands for, in order. */
const AUTH: Record<RouteDef["auth"], MiddlewareHandler<AppEnv>[]> = {
  none: [],
  session: [requireSignedIn],
  org_admin: [requireOrgAdmin, adminWrites],
  support: [requireSupport],
};

/**
 * The answer against its declared schema (2xx) or the one error shape (otherwise). A mismatch
 * is a bug of ours: it throws, and the test that caused it fails.
 */
async function checkAnswer(def: RouteDef, response: Response) {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return;
  const schema = response.ok ? def.docs && def.docs.response : ErrorBody;
  if (!schema) return;
  const parsed = schema.safeParse(await response.clone().json());
  if (!parsed.success) {
    throw new Error(
      `${def.method.toUpperCase()} ${def.path} answered ${response.status} outside its contract: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`,
    );
  }
}

export function register<D extends RouteDef>(
  app: Hono<AppEnv>,
  def: D,
  handler: RouteHandler<D>,
  o: { before?: MiddlewareHandler<AppEnv>[] } = {},
) {
  app.on(def.method.toUpperCase(), [honoPath(def.path)], ...(o.before ?? []), ...AUTH[def.auth], async (c) => {
    const input = {
      body: def.body ? parseInput(def.body(), await jsonBody(c.req), "request body") : undefined,
      query: def.query ? parseInput(def.query(), c.req.query(), "query") : undefined,
    } as Input<D>;
    const response = await handler(c, input);
    if (c.env.CHECK_CONTRACT === "1") await checkAnswer(def, response);
    return response;
  });
}
