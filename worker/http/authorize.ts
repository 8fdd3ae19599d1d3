/**
 * The authorization layer every organization-admin route uses: the
 * session and its membership are read from D1 on every request, and the account
 * must be an admin of the organization the path names (by id or slug). Anyone else
 * learns nothing: 404 for non-members (whether or not the organization exists),
 * 403 for members who are not admins. One D1 query: the session row carries the
 * account's organization and role.
 *
 * The support API is authorized by its bearer token, compared in constant time.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { safeEqual, sha256 } from "../crypto";
import { AppError } from "../errors";
import { requireSession } from "./session-token";

export const notFound = () => new AppError(404, "not_found");

export const requireOrgAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ref = (c.req.param("id") ?? "").toLowerCase();
  const actor = await requireSession(c);
  const { organization, membership } = actor.view;
  if (!organization || (organization.id !== ref && organization.slug !== ref)) throw notFound();
  if (membership?.role !== "admin") throw new AppError(403, "forbidden");
  c.set("admin", { organization, actor });
  await next();
};

export const requireSupport: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.var.config.supportApiToken;
  const auth = c.req.header("authorization") ?? "";
  const given = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
  // Hashing first makes the comparison constant-time whatever the lengths.
  if (!expected || !given || !safeEqual(await sha256(given), await sha256(expected))) {
    throw new AppError(401, expected ? "unauthorized" : "unauthorized.not_configured");
  }
  await next();
};
