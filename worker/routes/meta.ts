/** Liveness, the assertion JWKS and the OpenAPI description. */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { publicJwks } from "../assertion/assertion";
import { AppError } from "../errors";
import { log } from "../log";
import { openApiDocument } from "../openapi";

export const metaRoutes = new Hono<AppEnv>()
  // Liveness of the isolate alone (no D1): also the "trivial route" the benchmark compares with.
  .get("/livez", (c) => c.json({ ok: true }))
  .get("/healthz", async (c) => {
    try {
      await c.env.DB.prepare("SELECT 1").first();
    } catch (err) {
      log.error("healthz_d1_unavailable", { error: err });
      throw new AppError(503, "unhealthy", "The database is not answering.");
    }
    return c.json({ ok: true });
  })
  .get("/.well-known/jwks.json", async (c) => {
    c.header("cache-control", "public, max-age=300");
    c.header("access-control-allow-origin", "*");
    return c.json(publicJwks(c.var.config.signingKey, c.var.config.previousPublicKeys));
  })
  .get("/openapi.json", (c) => {
    c.header("access-control-allow-origin", "*");
    return c.json(openApiDocument(c.var.config.publicUrl ?? new URL(c.req.url).origin));
  });
