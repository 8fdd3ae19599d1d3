/** Liveness, the assertion JWKS and the OpenAPI description. */
import { Hono } from "hono";
import { z } from "zod/mini";
import type { AppEnv } from "../app-env";
import { honoPath, route } from "../api/registry";
import { publicJwks } from "../assertion/assertion";
import { AppError } from "../errors";
import { ownOrigin } from "../http/origins";
import { log } from "../log";
import { openApiDocument } from "../openapi";

const ok = z.object({ ok: z.literal(true) });
const livez = route({ method: "get", path: "/livez", summary: "Liveness of the worker alone (no D1)", auth: "none", response: ok });
const healthz = route({ method: "get", path: "/healthz", summary: "Liveness; checks D1", auth: "none", response: ok, errors: { 503: "D1 is not answering" } });
const jwks = route({
  method: "get",
  path: "/.well-known/jwks.json",
  summary: "Public keys for identity assertions (the current key, and the previous one during a rotation)",
  auth: "none",
  response: z.object({ keys: z.array(z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: z.string(), y: z.string(), kid: z.string(), alg: z.literal("ES256"), use: z.literal("sig") })) }),
});
const openapi = route({ method: "get", path: "/openapi.json", summary: "This description", auth: "none", response: z.record(z.string(), z.unknown()) });

export const metaRoutes = new Hono<AppEnv>()
  // Liveness of the isolate alone (no D1): also the "trivial route" the benchmark compares with.
  .get(honoPath(livez.path), (c) => c.json({ ok: true as const }))
  .get(honoPath(healthz.path), async (c) => {
    try {
      await c.env.DB.prepare("SELECT 1").first();
    } catch (err) {
      log.error("healthz_d1_unavailable", { error: err });
      throw new AppError(503, "unhealthy", "The database is not answering.");
    }
    return c.json({ ok: true as const });
  })
  .get(honoPath(jwks.path), async (c) => {
    c.header("cache-control", "public, max-age=300");
    c.header("access-control-allow-origin", "*");
    return c.json(publicJwks(c.var.config.signingKey, c.var.config.previousPublicKeys));
  })
  .get(honoPath(openapi.path), (c) => {
    c.header("access-control-allow-origin", "*");
    return c.json(openApiDocument(ownOrigin(c)));
  });
