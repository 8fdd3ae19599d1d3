/** Graph `/v1.0/me` and `/education/me` (v1.0 and beta), for tokens the emulator issued. */
import { createLocalJWKSet, jwtVerify } from "jose";
import { GRAPH_AUDIENCE } from "./tokens.mjs";

const graphError = (status, code, message, headers) => ({
  status,
  headers,
  json: {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": crypto.randomUUID(),
        "client-request-id": crypto.randomUUID(),
      },
    },
  },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function graphRoutes(h) {
  const { state } = h;

  async function caller(req) {
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) return { error: graphError(401, "InvalidAuthenticationToken", "Access token is empty.") };
    try {
      const { payload } = await jwtVerify(auth.slice(7), createLocalJWKSet(state.keys.jwks(state.base)), {
        audience: GRAPH_AUDIENCE,
        algorithms: ["RS256"],
      });
      const tenant = state.tenants.find((t) => t.id === payload.tid);
      const user = tenant?.users.find((u) => u.oid === payload.oid);
      if (!user)
        return {
          error: graphError(
            404,
            "Request_ResourceNotFound",
            `Resource '${payload.oid}' does not exist or one of its queried reference-property objects are not present.`,
          ),
        };
      return { user, tenant, scopes: String(payload.scp ?? "").split(" ") };
    } catch {
      return { error: graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.") };
    }
  }

  /** Injected trouble: an outage, throttling (429 with Retry-After, Graph's throttling body), or a slow answer. */
  async function fault() {
    const f = state.faults;
    if (f.graph === "down") return graphError(503, "serviceNotAvailable", "Service unavailable", { "retry-after": "10" });
    if (f.graph === "throttle") {
      const after = String(f.graphRetryAfter ?? 2);
      return {
        status: 429,
        headers: { "retry-after": after },
        json: {
          error: {
            code: "TooManyRequests",
            message: "Please retry again later.",
            innerError: {
              code: "429",
              date: new Date().toISOString().replace(/\.\d+Z$/, ""),
              message: "Please retry after",
              "request-id": crypto.randomUUID(),
              status: "429",
            },
          },
        },
      };
    }
    if (f.graph === "slow") await sleep(f.graphDelayMs ?? 5000);
    return null;
  }

  /** Counts a call (also when it then fails), so tests can check how often Graph is asked. */
  const counted = (path, handler) => async (input) => {
    state.stats.graph++;
    state.stats.graphByPath[path] = (state.stats.graphByPath[path] ?? 0) + 1;
    return (await fault()) ?? handler(input);
  };

  async function me({ req }) {
    const { error, user } = await caller(req);
    if (error) return error;
    const [givenName, ...rest] = user.name.split(" ");
    return {
      json: {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        businessPhones: [],
        displayName: user.name,
        givenName,
        jobTitle: null,
        mail: user.mail,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        surname: rest.join(" ") || null,
        userPrincipalName: user.upn,
        id: user.oid,
      },
    };
  }

  const educationMe =
    (version) =>
    async ({ req }) => {
      const { error, user, tenant, scopes } = await caller(req);
      if (error) return error;
      if (!scopes.some((s) => s.startsWith("EduRoster.")))
        return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      // A tenant without Microsoft 365 Education has no education segment at all: Graph answers
      // 400 "Resource not found for the segment 'education'." (OfficeDev/O365-EDU-Tools#13;
      // microsoft-graph-docs#4964: the education APIs work only against an education tenant).
      if (!tenant.education) return graphError(400, "BadRequest", "Resource not found for the segment 'education'.");
      // In an education tenant every user has an educationUser view; only School Data Sync (or an
      // admin) sets primaryRole, so without it the role is `none` (educationUserRole, v1.0 and beta).
      // `faculty` is an evolvable-enum member added after `unknownFutureValue`: v1.0 reports it as
      // `unknownFutureValue` unless the caller sends `Prefer: include-unknown-enum-members`
      // (Graph's rule for evolvable enums); beta always names it.
      const role = (tenant.sds && user.eduRole) || "none";
      const opted = /include-unknown-enum-members/i.test(String(req.headers.prefer ?? ""));
      const primaryRole = role === "faculty" && version === "v1.0" && !opted ? "unknownFutureValue" : role;
      const [givenName, ...rest] = user.name.split(" ");
      return {
        json: {
          "@odata.context": `https://graph.microsoft.com/${version}/$metadata#education/me/$entity`,
          id: user.oid,
          accountEnabled: true,
          displayName: user.name,
          givenName,
          surname: rest.join(" ") || null,
          primaryRole,
          userPrincipalName: user.upn,
          userType: user.guestOf ? "Guest" : "Member",
          ...(primaryRole === "student" ? { student: { externalId: null } } : {}),
          ...(primaryRole === "teacher" ? { teacher: { externalId: null } } : {}),
        },
      };
    };

  return [
    { method: "GET", path: /^\/graph\/v1\.0\/me$/, handle: counted("/v1.0/me", me) },
    { method: "GET", path: /^\/graph\/v1\.0\/education\/me$/, handle: counted("/v1.0/education/me", educationMe("v1.0")) },
    { method: "GET", path: /^\/graph\/beta\/education\/me$/, handle: counted("/beta/education/me", educationMe("beta")) },
  ];
}
