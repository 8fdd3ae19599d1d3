/**
 * Every JSON route is declared once, with who may call it and the zod/mini schemas that
 * validate its input and describe its answer; http/register.ts enforces and checks what a
 * declaration says, and /openapi.json is generated from the same declarations (zod 4's
 * toJSONSchema), so the description cannot drift from the code.
 *
 * The description part (`docs`) is written `__DOCS__ && {…}`: the worker is built with
 * `__DOCS__` false (wrangler.toml [define]), so summaries and answer schemas cost its
 * bundle nothing; the OpenAPI build and the test tier have them, and the test tier checks
 * every answer against them.
 */
import * as z from "zod/mini";

export type Auth = "none" | "session" | "org_admin" | "support";

export interface RouteDocs {
  summary: string;
  response: z.ZodMiniType;
  status?: 200 | 201 | 202;
  /** Other answers worth describing, by status. */
  errors?: Record<number, string>;
}

export interface RouteDef {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI form, e.g. /api/orgs/{id}/integration. */
  path: string;
  auth: Auth;
  /** Built on first use (not at startup: cold starts parse and run the whole script). */
  query?: () => z.ZodMiniObject;
  body?: () => z.ZodMiniType;
  docs: RouteDocs | false;
}

/** A value made once, on first use. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

export const registry: RouteDef[] = [];

/** Declares a route; returns the definition for the handler to validate with. */
export function route<const D extends RouteDef>(def: D): D {
  const memo = { ...def, query: def.query && lazy(def.query), body: def.body && lazy(def.body) } as D;
  registry.push(memo);
  return memo;
}

/** The methods the JSON routes take at this path (for 405 and Allow), from the same declarations. */
export function methodsAt(path: string): string[] {
  return registry.filter((r) => new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}/?$`).test(path)).map((r) => r.method.toUpperCase());
}

/** The Hono form of an OpenAPI path. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");
