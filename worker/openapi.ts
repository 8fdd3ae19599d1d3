/**
 * OpenAPI 3.1 description of every JSON route, generated from the route
 * declarations of worker/api/registry.ts and their zod/mini schemas.
 */
import * as z from "zod/mini";
import { registry, type Auth, type RouteDef } from "./api/registry";
import { ErrorBody } from "./api/schemas";

type Json = Record<string, unknown>;

/** A schema as JSON Schema, its named parts moved into `components.schemas`. */
function toSchema(schema: z.ZodMiniType, components: Json, io: "input" | "output"): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  const defs = (json.$defs ?? {}) as Json;
  delete json.$defs;
  delete json.$schema;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewrite(v),
        ]),
      );
    }
    return value;
  };
  for (const [name, def] of Object.entries(defs)) components[name] = rewrite(def);
  return rewrite(json) as Json;
}

const SECURITY: Record<Auth, Json[]> = {
  none: [],
  session: [{ session: [] }],
  org_admin: [{ session: [] }],
  support: [{ support: [] }],
};

const STANDARD_ERRORS: Partial<Record<Auth, Record<number, string>>> = {
  session: { 401: "Not signed in", 403: "The request came from a page that may not use ThingLink sign-in" },
  org_admin: {
    401: "Not signed in",
    403: "A member, not an admin, of this organization",
    404: "No such organization, or not a member of it",
  },
  support: { 401: "Missing or wrong support token" },
};

function operation(def: RouteDef, components: Json): Json {
  const docs = def.docs;
  if (!docs) throw new Error(`${def.method.toUpperCase()} ${def.path} has no docs: build with __DOCS__ true`);
  const error = { $ref: "#/components/schemas/Error" };
  const parameters: Json[] = [...def.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (def.query) {
    const q = toSchema(def.query(), components, "input") as { properties?: Json; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
  }
  const bodyErrors = def.body ? { 413: "The body is larger than 64 KB", 415: "The body is not sent as application/json" } : {};
  const errors = {
    400: "Invalid input",
    ...STANDARD_ERRORS[def.auth],
    ...bodyErrors,
    429: "Too many requests (Retry-After)",
    ...docs.errors,
  };
  return {
    summary: docs.summary,
    security: SECURITY[def.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(def.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(def.body(), components, "input") } } } }
      : {}),
    responses: {
      [String(docs.status ?? 200)]: {
        description: "Success",
        content: { "application/json": { schema: toSchema(docs.response, components, "output") } },
      },
      ...Object.fromEntries(
        Object.entries(errors as Record<string, string>).map(([status, description]) => [
          status,
          { description, content: { "application/json": { schema: error } } },
        ]),
      ),
    },
  };
}

export function openApiDocument(server: string) {
  const components: Json = {};
  toSchema(ErrorBody, components, "output");
  const paths: Record<string, Json> = {};
  for (const def of registry) (paths[def.path] ??= {})[def.method] = operation(def, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "thinglink-sso",
      version: "0.2.0",
      description: "Sign in with Microsoft for ThingLink. Every error has the Error shape.",
    },
    servers: [{ url: server }],
    components: {
      securitySchemes: {
        session: {
          type: "http",
          scheme: "bearer",
          description: "A widget session token (or the __Host-tl_session cookie on first-party pages).",
        },
        support: { type: "http", scheme: "bearer", description: "SUPPORT_API_TOKEN" },
      },
      schemas: components,
    },
    paths,
  };
}
