/**
 * A local stand-in for login.microsoftonline.com and graph.microsoft.com.
 * createEmulator() starts it on a loopback port; every value it needs is in memory.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { CERTIFICATE_CLIENT, createFixture, DEFAULT_CLIENT } from "./fixture.mjs";
import { KeyRing } from "./keys.mjs";
import { resolveTenant } from "./tenants.mjs";
import { directory } from "./directory.mjs";
import { consentStore } from "./consent.mjs";
import { sessionStore } from "./sessions.mjs";
import { discoveryRoutes } from "./discovery.mjs";
import { authorizeRoutes } from "./authorize.mjs";
import { adminConsentRoutes } from "./adminconsent.mjs";
import { tokenRoute } from "./token.mjs";
import { graphRoutes } from "./graph.mjs";
import { emptyStats, metaRoutes } from "./meta.mjs";

const CODE_LIFETIME_MS = 10 * 60 * 1000;

export async function createEmulator({
  port = 0,
  host = "127.0.0.1",
  coop = true,
  clients = [DEFAULT_CLIENT, CERTIFICATE_CLIENT],
  log = false,
} = {}) {
  const state = {
    base: "",
    coop,
    tenants: createFixture(),
    // Copies: test hooks change a registration's settings, never the exported constants.
    initialClients: () => structuredClone(clients),
    clients: structuredClone(clients),
    keys: await KeyRing.create(),
    codes: new Map(),
    /** Delegated permission grants: tenant-wide and per user (see consent.mjs). */
    grants: {},
    tamper: null,
    faults: { graph: null, token: null },
    stats: emptyStats(),
    now: () => Date.now(),
  };

  const tenant = (segment) => resolveTenant(state.tenants, segment);
  const helpers = {
    state,
    findClient: (id) => state.clients.find((c) => c.clientId === id),
    tenant,
    dir: directory(state, tenant),
    consent: consentStore(state),
    sessions: sessionStore(state),
    issueCode(grant) {
      const code = `0.emu.${randomBytes(24).toString("base64url")}`;
      state.codes.set(code, { ...grant, expiresAt: state.now() + CODE_LIFETIME_MS, used: false });
      return code;
    },
  };

  const routes = [
    ...discoveryRoutes(helpers),
    ...authorizeRoutes(helpers),
    ...adminConsentRoutes(helpers),
    tokenRoute(helpers),
    ...graphRoutes(helpers),
    ...metaRoutes(helpers),
  ];

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
      send(
        res,
        { status: 404, json: { error: "not_found", error_description: `No emulator route for ${req.method} ${url.pathname}` } },
        state,
      );
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
  // A caller that gave up on a slow answer has closed the socket already.
  if (res.destroyed) return;
  const headers = { "cache-control": "no-store", ...(reply.headers ?? {}) };
  if (reply.cookies?.length) headers["set-cookie"] = reply.cookies;
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
