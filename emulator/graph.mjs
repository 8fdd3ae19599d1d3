/** Graph `/v1.0/me` and `/education/me` (v1.0 and beta), for tokens the emulator issued. */
import { createLocalJWKSet, jwtVerify } from "jose";
import { GRAPH_AUDIENCE } from "./tokens.mjs";

const graphError = (status, code, message, headers) => ({
  status,
  headers,
  json: { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": crypto.randomUUID() } } },
});

export function graphRoutes(h) {
  const { state } = h;

  async function caller(req) {
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) return { error: graphError(401, "InvalidAuthenticationToken", "Access token is empty.") };
    try {
      const { payload } = await jwtVerify(auth.slice(7), createLocalJWKSet(state.keys.jwks()), { audience: GRAPH_AUDIENCE, algorithms: ["RS256"] });
      const tenant = state.tenants.find((t) => t.id === payload.tid);
      const user = tenant?.users.find((u) => u.oid === payload.oid);
      if (!user) return { error: graphError(404, "Request_ResourceNotFound", `Resource '${payload.oid}' does not exist.`) };
      return { user, tenant, scopes: String(payload.scp ?? "").split(" ") };
    } catch {
      return { error: graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience or signature.") };
    }
  }

  function fault() {
    if (state.faults.graph === "down") return graphError(503, "serviceNotAvailable", "The service is temporarily unavailable.");
    if (state.faults.graph === "throttle") return graphError(429, "TooManyRequests", "Too many requests.", { "retry-after": "2" });
    return null;
  }

  async function me({ req }) {
    state.stats.graph++;
    const f = fault();
    if (f) return f;
    const { error, user } = await caller(req);
    if (error) return error;
    const [givenName, ...rest] = user.name.split(" ");
    return {
      json: {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        id: user.oid,
        displayName: user.name,
        givenName,
        surname: rest.join(" ") || null,
        mail: user.mail,
        userPrincipalName: user.upn,
        jobTitle: null,
      },
    };
  }

  const educationMe = (beta) => async ({ req }) => {
    state.stats.graph++;
    const f = fault();
    if (f) return f;
    const { error, user, tenant, scopes } = await caller(req);
    if (error) return error;
    if (!scopes.some((s) => s.startsWith("EduRoster."))) return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    if (!tenant.sds || !user.eduRole) return graphError(404, "Request_ResourceNotFound", "Resource not found for the segment 'education'.");
    const role = user.eduRole === "faculty" && !beta ? "unknownFutureValue" : user.eduRole;
    return { json: { id: user.oid, displayName: user.name, primaryRole: role, userPrincipalName: user.upn } };
  };

  return [
    { method: "GET", path: /^\/graph\/v1\.0\/me$/, handle: me },
    { method: "GET", path: /^\/graph\/v1\.0\/education\/me$/, handle: educationMe(false) },
    { method: "GET", path: /^\/graph\/beta\/education\/me$/, handle: educationMe(true) },
  ];
}
