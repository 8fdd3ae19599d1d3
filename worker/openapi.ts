/** OpenAPI 3.1 description of every JSON route (SPEC §4). */
const error = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: error } } });

export function openApiDocument(server: string) {
  return {
    openapi: "3.1.0",
    info: { title: "thinglink-sso", version: "0.1.0", description: "Sign in with Microsoft for ThingLink. Errors always have the Error shape." },
    servers: [{ url: server }],
    components: {
      securitySchemes: {
        session: { type: "http", scheme: "bearer", description: "A widget session token (or the __Host-tl_session cookie on first-party pages)." },
        support: { type: "http", scheme: "bearer", description: "SUPPORT_API_TOKEN" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
        },
        Account: {
          type: "object",
          properties: { id: { type: "string" }, displayName: { type: "string" }, email: { type: ["string", "null"] }, createdAt: { type: "string", format: "date-time" } },
        },
        Organization: {
          type: ["object", "null"],
          properties: { id: { type: "string" }, slug: { type: "string" }, name: { type: "string" }, kind: { enum: ["education", "business"] }, license: { type: "string" } },
        },
        Membership: {
          type: ["object", "null"],
          properties: { role: { enum: ["admin", "member"] }, accountType: { enum: ["student", "teacher", "member"] }, accountTypeSource: { enum: ["graph", "default", "admin"] } },
        },
        Session: {
          type: "object",
          properties: {
            account: { oneOf: [{ $ref: "#/components/schemas/Account" }, { type: "null" }] },
            organization: { $ref: "#/components/schemas/Organization" },
            membership: { $ref: "#/components/schemas/Membership" },
            joinSuggestion: { type: ["object", "null"] },
            joinRequest: { type: ["object", "null"] },
            expiresAt: { type: "string", format: "date-time" },
            assertion: { type: "string", description: "ES256 JWT, audience = the calling origin; verify with /.well-known/jwks.json" },
          },
        },
      },
    },
    paths: {
      "/api/session": {
        get: {
          summary: "The signed-in account, its organization and membership, or {account: null}",
          security: [{ session: [] }, {}],
          responses: { "200": { description: "Session", content: { "application/json": { schema: { $ref: "#/components/schemas/Session" } } } } },
        },
      },
      "/auth/handoff": {
        post: {
          summary: "The widget collects a finished sign-in with its secret (and, after a full-page redirect, the code from the URL fragment)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: "object", required: ["secret"], properties: { secret: { type: "string" }, code: { type: "string" } } } } },
          },
          responses: {
            "200": { description: "Signed in: Session plus `token`" },
            "202": { description: "Not finished yet: {status: 'pending'}" },
            "400": errorResponse("Malformed request"),
            "401": errorResponse("The sign-in failed; the code says why (e.g. consent_declined)"),
            "403": errorResponse("Wrong origin or missing code"),
            "429": errorResponse("Too many requests"),
          },
        },
      },
      "/auth/logout": {
        post: { summary: "Ends the session", security: [{ session: [] }], responses: { "200": { description: "{signedOut: true}" }, "403": errorResponse("Origin not allowed") } },
      },
      "/healthz": { get: { summary: "Liveness; checks D1", responses: { "200": { description: "{ok: true}" }, "503": errorResponse("D1 unavailable") } } },
      "/.well-known/jwks.json": { get: { summary: "Public keys for identity assertions", responses: { "200": { description: "JWKS" } } } },
    },
  };
}
