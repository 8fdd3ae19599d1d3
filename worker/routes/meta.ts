/** Liveness, the assertion JWKS and the OpenAPI description. */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { publicJwks } from "../assertion/assertion";
import { AppError } from "../errors";
import { openApiDocument } from "../openapi";

export const metaRoutes = new Hono<AppEnv>()
  .get("/healthz", async (c) => {
    try {
      await c.env.DB.prepare("SELECT 1").first();
    } catch (err) {
      console.error("healthz: D1 unavailable", err);
      throw new AppError(503, "unhealthy", "The database is not answering.");
    }
    return c.json({ ok: true });
  })
  .get("/.well-known/jwks.json", (c) => {
    c.header("cache-control", "public, max-age=300");
    c.header("access-control-allow-origin", "*");
    return c.json(publicJwks(c.var.config.signingKey));
  })
  .get("/openapi.json", (c) => {
    c.header("access-control-allow-origin", "*");
    return c.json(openApiDocument(c.var.config.publicUrl ?? new URL(c.req.url).origin));
  });
