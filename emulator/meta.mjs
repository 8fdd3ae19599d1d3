/**
 * Test hooks under /_emulator: key rotation, one-shot token tampering, faults, app
 * registration settings, consent and session state, counters. Not part of Microsoft's surface.
 */
import { createFixture, DEFAULT_CLIENT } from "./fixture.mjs";

const parse = (body) => JSON.parse(body || "{}");
const json = (j, status = 200) => ({ status, json: j });

export function emptyStats() {
  return { discovery: 0, jwks: 0, token: 0, graph: 0, graphByPath: {} };
}

/** The manifest settings a test may read or change on an app registration. */
const clientSettings = ({ clientId, displayName, groupMembershipClaims, optionalClaims, requiredPermissions }) => ({
  clientId,
  displayName,
  groupMembershipClaims,
  optionalClaims,
  requiredPermissions,
});

export function metaRoutes(h) {
  const { state, consent, sessions } = h;
  return [
    { method: "POST", path: /^\/_emulator\/rotate-keys$/, handle: async () => json({ kid: (await state.keys.rotate()).kid }) },
    // {user?, claims?, header?, alg?, flipSignature?, unpublishedKey?, keyIssuer?: tenant id}: applies to the next ID token.
    { method: "POST", path: /^\/_emulator\/tamper$/, handle: ({ body }) => ((state.tamper = parse(body)), json({ ok: true })) },
    // {graph?: "down"|"throttle"|"slow"|null, graphRetryAfter?: s, graphDelayMs?: ms, token?: "down"|"slow"|"html"|null,
    //  tokenDelayMs?: ms, discovery?: "down"|null, jwks?: "down"|null}; replaces all faults.
    {
      method: "POST",
      path: /^\/_emulator\/faults$/,
      handle: ({ body }) => ((state.faults = { graph: null, token: null, ...parse(body) }), json(state.faults)),
    },
    {
      method: "POST",
      path: /^\/_emulator\/coop$/,
      handle: ({ body }) => ((state.coop = parse(body).enabled !== false), json({ coop: state.coop })),
    },
    {
      // {clientId?, groupMembershipClaims?, optionalClaims?, requiredPermissions?}: changes the registration until /_emulator/client/reset.
      method: "POST",
      path: /^\/_emulator\/client$/,
      handle: ({ body }) => {
        const { clientId = DEFAULT_CLIENT.clientId, ...changes } = parse(body);
        const client = h.findClient(clientId);
        if (!client) return json({ error: "not_found", error_description: `No app registration ${clientId}` }, 404);
        for (const key of ["groupMembershipClaims", "optionalClaims", "requiredPermissions"])
          if (key in changes) client[key] = changes[key];
        return json(clientSettings(client));
      },
    },
    {
      method: "POST",
      path: /^\/_emulator\/client\/reset$/,
      handle: () => ((state.clients = state.initialClients()), json(state.clients.map(clientSettings))),
    },
    {
      // {tenantId, clientId?, scopes?}: a tenant-wide grant, as if an admin had consented (all configured permissions by default).
      method: "POST",
      path: /^\/_emulator\/admin-consent$/,
      handle: ({ body }) => {
        const { tenantId, clientId = DEFAULT_CLIENT.clientId, scopes } = parse(body);
        const client = h.findClient(clientId);
        if (!client || !state.tenants.some((t) => t.id === tenantId)) return json({ ok: false, error: "unknown tenant or client" }, 404);
        consent.grantTenant(tenantId, clientId, scopes ?? client.requiredPermissions);
        return json({ ok: true, tenantId, scopes: [...consent.tenantScopes(tenantId, clientId)] });
      },
    },
    { method: "POST", path: /^\/_emulator\/sessions\/reset$/, handle: () => json(sessions.reset()) },
    {
      // {tenantId, users: [{upn, name, eduRole?, mail?}]}: more people in a tenant (a load test's district), until /_emulator/reset.
      method: "POST",
      path: /^\/_emulator\/users$/,
      handle: ({ body }) => {
        const { tenantId, users = [] } = parse(body);
        const tenant = state.tenants.find((t) => t.id === tenantId);
        if (!tenant) return json({ ok: false, error: "unknown tenant" }, 404);
        for (const u of users) {
          tenant.users.push({
            oid: crypto.randomUUID(),
            name: u.name,
            upn: u.upn,
            mail: u.mail ?? u.upn,
            eduRole: u.eduRole,
            consented: true,
          });
        }
        return json({ ok: true, tenantId, users: tenant.users.length });
      },
    },
    {
      // Back to a fresh world: fixture, grants, sessions, registrations, faults, tamper, counters (keys stay).
      method: "POST",
      path: /^\/_emulator\/reset$/,
      handle: () => {
        Object.assign(state, {
          tenants: createFixture(),
          grants: {},
          clients: state.initialClients(),
          faults: { graph: null, token: null },
          tamper: null,
          stats: emptyStats(),
        });
        state.codes.clear();
        return json({ ok: true, ...sessions.reset() });
      },
    },
    { method: "GET", path: /^\/_emulator\/stats$/, handle: () => json(state.stats) },
    { method: "POST", path: /^\/_emulator\/stats\/reset$/, handle: () => ((state.stats = emptyStats()), json(state.stats)) },
    // An authority that is "down": point ENTRA_AUTHORITY at <emulator>/_down to see an outage.
    {
      method: "GET",
      path: /^\/_down\//,
      handle: () =>
        json(
          { error: "temporarily_unavailable", error_description: "AADSTS90033: A transient error has occurred. Please try again." },
          503,
        ),
    },
    // Browser-condition probe for tests: is a SameSite=None cookie of this site sent cross-site?
    {
      method: "GET",
      path: /^\/_emulator\/probe-cookie$/,
      handle: () => ({ status: 200, json: { set: true }, headers: { "set-cookie": "probe=1; Path=/; Secure; SameSite=None" } }),
    },
    {
      method: "GET",
      path: /^\/_emulator\/echo-cookies$/,
      handle: ({ req }) => ({
        json: { cookie: req.headers.cookie ?? "" },
        headers: { "access-control-allow-origin": req.headers.origin ?? "*", "access-control-allow-credentials": "true" },
      }),
    },
    {
      method: "GET",
      path: /^\/_emulator\/tenants$/,
      handle: () =>
        json(
          state.tenants.map(({ id, name, domains, education, sds, users }) => ({ id, name, domains, education: !!education, sds, users })),
        ),
    },
    {
      method: "GET",
      path: /^\/$/,
      handle: () => json({ emulator: "Microsoft Entra ID + Graph", tenants: state.tenants.map((t) => t.id) }),
    },
  ];
}
