/**
 * A local stand-in for login.microsoftonline.com and graph.microsoft.com (SPEC §5.1).
 * createEmulator() starts it on a loopback port; every value it needs is in memory.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { CERTIFICATE_CLIENT, createFixture, DEFAULT_CLIENT } from "./fixture.mjs";
import { KeyRing } from "./keys.mjs";
import { resolveTenant } from "./tenants.mjs";
import { authorizeRoutes } from "./authorize.mjs";
import { tokenRoute } from "./token.mjs";
import { graphRoutes } from "./graph.mjs";

const CODE_LIFETIME_MS = 10 * 60 * 1000;

export async function createEmulator({ port = 0, host = "127.0.0.1", coop = true, clients = [DEFAULT_CLIENT, CERTIFICATE_CLIENT], log = false } = {}) {
  const state = {
    base: "",
    coop,
    tenants: createFixture(),
    clients,
    keys: await KeyRing.create(),
    codes: new Map(),
    /** tenant id → Set of client ids with tenant-wide admin consent */
    adminConsents: new Map(),
    tamper: null,
    faults: { graph: null, token: null },
    stats: { discovery: 0, jwks: 0, token: 0, graph: 0 },
    now: () => Date.now(),
  };

  const helpers = {
    state,
    findClient: (id) => state.clients.find((c) => c.clientId === id),
    tenant: (segment) => resolveTenant(state.tenants, segment),
    issueCode(grant) {
      const code = `0.emu.${randomBytes(24).toString("base64url")}`;
      state.codes.set(code, { ...grant, expiresAt: state.now() + CODE_LIFETIME_MS, used: false });
      return code;
    },
    hasAdminConsent: (tenantId, clientId) => state.adminConsents.get(tenantId)?.has(clientId) ?? false,
    grantAdminConsent(tenantId, clientId) {
      if (!state.adminConsents.has(tenantId)) state.adminConsents.set(tenantId, new Set());
      state.adminConsents.get(tenantId).add(clientId);
    },
  };

  const routes = [...authorizeRoutes(helpers), tokenRoute(helpers), ...graphRoutes(helpers), ...metaRoutes(helpers)];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, state.base);
    try {
      for (const route of routes) {
        if (route.method !== req.method) continue;
        const match = url.pathname.match(route.path);
        if (!match) continue;
        const body = req.method === "POST" ? await readBody(req) : "";
        const reply = await route.handle({ req, url, match, body });
        return send(res, reply, state);
      }
      send(res, { status: 404, json: { error: "not_found", error_description: `No emulator route for ${req.method} ${url.pathname}` } }, state);
    } catch (err) {
      console.error("[emulator]", err);
      send(res, { status: 500, json: { error: "server_error", error_description: String(err?.message ?? err) } }, state);
    } finally {
      if (log) console.log(`[emulator] ${req.method} ${url.pathname} → ${res.statusCode}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  state.base = `http://${host}:${address.port}`;
  return {
    url: state.base,
    state,
    helpers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Test hooks under /_emulator: key rotation, one-shot token tampering, faults, counters. */
function metaRoutes({ state, grantAdminConsent }) {
  const json = (j, status = 200) => ({ status, json: j });
  return [
    { method: "POST", path: /^\/_emulator\/rotate-keys$/, handle: async () => json({ kid: (await state.keys.rotate()).kid }) },
    { method: "POST", path: /^\/_emulator\/tamper$/, handle: ({ body }) => ((state.tamper = JSON.parse(body || "{}")), json({ ok: true })) },
    { method: "POST", path: /^\/_emulator\/faults$/, handle: ({ body }) => ((state.faults = { graph: null, token: null, ...JSON.parse(body || "{}") }), json(state.faults)) },
    { method: "POST", path: /^\/_emulator\/coop$/, handle: ({ body }) => ((state.coop = JSON.parse(body || "{}").enabled !== false), json({ coop: state.coop })) },
    {
      method: "POST",
      path: /^\/_emulator\/admin-consent$/,
      handle: ({ body }) => {
        const { tenantId, clientId = DEFAULT_CLIENT.clientId } = JSON.parse(body || "{}");
        grantAdminConsent(tenantId, clientId);
        return json({ ok: true });
      },
    },
    { method: "GET", path: /^\/_emulator\/stats$/, handle: () => json(state.stats) },
    // An authority that is "down": point ENTRA_AUTHORITY at <emulator>/_down to see an outage.
    { method: "GET", path: /^\/_down\//, handle: () => json({ error: "temporarily_unavailable", error_description: "AADSTS90033: A transient error has occurred. Please try again." }, 503) },
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
    { method: "POST", path: /^\/_emulator\/stats\/reset$/, handle: () => (Object.keys(state.stats).forEach((k) => (state.stats[k] = 0)), json(state.stats)) },
    { method: "GET", path: /^\/_emulator\/tenants$/, handle: () => json(state.tenants.map(({ id, name, domains, sds, users }) => ({ id, name, domains, sds, users }))) },
    { method: "GET", path: /^\/$/, handle: () => json({ emulator: "Microsoft Entra ID + Graph", tenants: state.tenants.map((t) => t.id) }) },
  ];
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function send(res, reply, state) {
  const headers = { "cache-control": "no-store", ...(reply.headers ?? {}) };
  if (reply.redirect) {
    res.writeHead(302, { ...headers, location: reply.redirect });
    return res.end();
  }
  if (reply.html !== undefined) {
    // Microsoft's sign-in and consent pages sever window.opener; so do ours unless switched off.
    if (state.coop) headers["cross-origin-opener-policy"] = "same-origin";
    headers["x-frame-options"] = "DENY";
    res.writeHead(reply.status ?? 200, { ...headers, "content-type": "text/html; charset=utf-8" });
    return res.end(reply.html);
  }
  res.writeHead(reply.status ?? 200, { ...headers, "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(reply.json));
}
