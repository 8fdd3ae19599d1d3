/**
 * Shared schemas of the public JSON surface: inputs are validated with
 * them, and /openapi.json describes inputs and answers with them.
 */
import * as z from "zod/mini";

type Meta = { id?: string; description?: string; format?: string };
/**
 * Registered for the OpenAPI build only. Schemas that only describe answers are
 * written `__DOCS__ ? … : null`, so they are not even built in the worker.
 */
function meta<S extends z.ZodMiniType>(schema: S, m: Meta): S {
  (z.globalRegistry.add as (s: z.ZodMiniType, m: Meta) => unknown)(schema, m);
  return schema;
}

export const dateTime = __DOCS__ ? meta(z.string(), { format: "date-time" }) : (null as never);

export const ErrorBody = __DOCS__
  ? meta(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), {
      id: "Error",
      description: "Every error has this shape; `code` is stable, `message` is for people.",
    })
  : (null as never);

export const Account = __DOCS__
  ? meta(
      z.object({ id: z.string(), displayName: z.string(), email: z.nullable(z.string()), emailVerified: z.boolean(), createdAt: dateTime }),
      { id: "Account" },
    )
  : (null as never);

export const OrganizationSummary = __DOCS__
  ? meta(z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(["education", "business"]), license: z.string() }), {
      id: "OrganizationSummary",
    })
  : (null as never);

export const Membership = __DOCS__
  ? meta(
      z.object({
        role: z.enum(["admin", "member"]),
        accountType: z.enum(["student", "teacher", "member"]),
        accountTypeSource: z.enum(["graph", "default", "request", "admin"]),
      }),
      { id: "Membership" },
    )
  : (null as never);

export const Session = __DOCS__
  ? meta(
      z.object({
        account: z.nullable(Account),
        organization: z.optional(z.nullable(OrganizationSummary)),
        membership: z.optional(z.nullable(Membership)),
        joinSuggestion: z.optional(
          z.nullable(
            z.object({
              organization: z.object({ id: z.string(), name: z.string(), kind: z.enum(["education", "business"]) }),
              leavesOrganization: z.optional(z.nullable(z.object({ id: z.string(), name: z.string() }))),
            }),
          ),
        ),
        joinRequest: z.optional(
          z.nullable(
            z.object({
              id: z.string(),
              organization: z.object({ id: z.string(), name: z.string() }),
              status: z.enum(["pending", "approved", "rejected"]),
              accountType: z.nullable(z.enum(["student", "teacher"])),
              decidedAt: z.nullable(dateTime),
            }),
          ),
        ),
        adminOf: z.optional(z.nullable(z.object({ id: z.string(), name: z.string(), pendingRequests: z.number() }))),
        expiresAt: z.optional(dateTime),
        ended: z.optional(
          meta(z.enum(["signed_out", "removed", "replaced", "expired"]), {
            description:
              "With `account: null`: the token's session ended (signed out, removed from the organization, replaced by a new sign-in, expired)",
          }),
        ),
        assertion: z.optional(
          meta(z.string(), { description: "ES256 JWT, audience = the origin the session is bound to; verify with /.well-known/jwks.json" }),
        ),
      }),
      { id: "Session", description: "`{account: null}` when signed out." },
    )
  : (null as never);

/** A tenant as an admin types it: a GUID or a verified domain (resolved by the worker). */
export const TenantInput = () => {
  const input = z.string().check(z.minLength(1), z.maxLength(253));
  return __DOCS__ ? meta(input, { description: "A tenant ID (GUID) or a verified domain such as contoso.onmicrosoft.com" }) : input;
};

export const Availability = __DOCS__
  ? {
      available: z.boolean(),
      unavailableReason: z.nullable(z.object({ code: z.string(), message: z.string() })),
    }
  : (null as never);

export const Integration = __DOCS__
  ? meta(
      z.object({
        status: z.enum(["not_configured", "awaiting_consent", "active", "disabled"]),
        tenantId: z.nullable(z.string()),
        tenantDomain: z.nullable(z.string()),
        ...Availability,
        consent: z.nullable(
          z.object({
            by: z.object({ name: z.nullable(z.string()), upn: z.nullable(z.string()) }),
            at: dateTime,
            method: z.enum(["admin_consent", "admin_link", "sign_in_consent", "support"]),
          }),
        ),
        lastError: z.nullable(z.object({ code: z.string(), message: z.string(), at: dateTime })),
        updatedAt: z.nullable(dateTime),
      }),
      { id: "Integration" },
    )
  : (null as never);

export const Organization = __DOCS__
  ? meta(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        kind: z.enum(["education", "business"]),
        license: z.string(),
        integration: z.object(Availability),
        counts: z.object({ members: z.number(), admins: z.number(), pendingRequests: z.number() }),
      }),
      { id: "Organization" },
    )
  : (null as never);

export const AuditEvent = __DOCS__
  ? meta(
      z.object({
        id: z.string(),
        at: dateTime,
        actor: z.object({
          type: z.enum(["account", "support", "tenant_admin", "system"]),
          id: z.nullable(z.string()),
          name: z.nullable(z.string()),
        }),
        action: z.string(),
        target: z.nullable(z.string()),
        targetName: z.nullable(z.string()),
        detail: z.nullable(z.record(z.string(), z.unknown())),
      }),
      { id: "AuditEvent" },
    )
  : (null as never);

/** Keyset paging: `cursor` is the opaque `nextCursor` of the previous page. */
export const PageQuery = () =>
  z.object({
    cursor: z.optional(z.string().check(z.maxLength(200))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "must be a number from 1 to 100"))),
  });

export function pageLimit(limit: string | undefined, fallback = 50): number {
  const n = limit ? Number(limit) : fallback;
  return Math.min(Math.max(n, 1), 100);
}

/** An organization's site, pending until proven (docs/security.md, "Who owns a site"). */
export const EmbedOrigin = __DOCS__
  ? z.object({
      origin: z.string(),
      status: z.enum(["pending", "verified"]),
      verifiedAt: z.nullable(dateTime),
      verifiedBy: z.nullable(z.enum(["site", "support"])),
      lastCheck: z.nullable(z.object({ at: dateTime, error: z.nullable(z.object({ code: z.string(), message: z.string() })) })),
    })
  : (null as never);
export const OriginList = __DOCS__
  ? z.object({ origins: z.array(EmbedOrigin), token: z.string(), wellKnownPath: z.string() })
  : (null as never);
