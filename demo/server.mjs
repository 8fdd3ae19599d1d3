/**
 * The demo host page: a stand-in for a customer's LMS on another origin, served
 * with a strict CSP (no inline script or style) to show the widget needs none.
 * Its back-end receives thinglink-sso's webhooks at POST /webhooks, verifies each one with
 * Standard Webhooks' reference library, and logs what changed (GET /webhooks/recent lists them).
 */
import http from "node:http";
import { readFile } from "node:fs/promises";
import { Webhook } from "standardwebhooks";

const FILES = {
  "/": ["index.html", "text/html"],
  "/demo.js": ["demo.js", "text/javascript"],
  "/demo.css": ["demo.css", "text/css"],
  // The organization admin panel (<thinglink-sso view="admin">), with ?org=<slug>.
  "/org": ["org.html", "text/html"],
  "/org.js": ["org.js", "text/javascript"],
};

const RECENT = 100;

/** What a delivery says, in one line for the terminal: ids only, as the payload carries. */
function describe(event) {
  const d = event.data;
  const detail = [
    d.accountId && `account ${d.accountId}`,
    d.role && `role ${d.role}`,
    d.accountType && `type ${d.accountType}`,
    d.via && `via ${d.via}`,
    d.changed && `changed ${d.changed.join(", ")}`,
    d.decision && `decision ${d.decision}`,
    d.reason && `reason ${d.reason}`,
    d.status && `status ${d.status}`,
  ].filter(Boolean);
  return `${event.type}  organization ${d.organizationId}  ${detail.join("  ")}`;
}

/**
 * @param {{port?: number, host?: string, workerUrl: string, coop?: string|null, log?: (line: string) => void}} options
 * `setWebhookSecret(secret)` on the answer sets the secret the receiver verifies with (known once the endpoint is registered).
 */
export async function createDemoServer({ port = 0, host = "localhost", workerUrl, coop = null, log = console.log }) {
  let webhook = null;
  const received = [];

  async function receive(req, res) {
    let body = "";
    for await (const chunk of req) body += chunk;
    try {
      if (!webhook) throw new Error("no webhook secret yet");
      const event = webhook.verify(body, req.headers);
      received.push({ id: req.headers["webhook-id"], verified: true, ...event });
      if (received.length > RECENT) received.shift();
      log(`[host back-end] webhook ✓ ${describe(event)}`);
      res.writeHead(204).end();
    } catch (err) {
      log(`[host back-end] webhook ✗ refused (${err.message})`);
      res.writeHead(401, { "content-type": "text/plain" }).end("signature did not verify");
    }
  }

  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/webhooks" && req.method === "POST") return receive(req, res);
    if (path === "/webhooks/recent") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return res.end(JSON.stringify({ received }));
    }
    const file = FILES[path];
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("not found");
    }
    let body = await readFile(new URL(file[0], import.meta.url), "utf8");
    body = body.replaceAll("{{WORKER}}", workerUrl);
    // ?v=2 loads widget.js?v=2, as a page with a cache-busting query would: its chunks then
    // import widget.js (their own instance of it), which must work as well.
    const version = new URL(req.url, "http://x").searchParams.get("v");
    if (version) body = body.replaceAll(`${workerUrl}/widget.js"`, `${workerUrl}/widget.js?v=${encodeURIComponent(version)}"`);
    const headers = {
      "content-type": `${file[1]}; charset=utf-8`,
      "cache-control": "no-store",
      "content-security-policy": `default-src 'self'; script-src 'self' ${workerUrl}; connect-src ${workerUrl}; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'`,
    };
    // ?coop=same-origin imitates a host page whose own COOP cuts popups off.
    const pageCoop = new URL(req.url, "http://x").searchParams.get("coop") ?? coop;
    if (pageCoop && path === "/") headers["cross-origin-opener-policy"] = pageCoop;
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    setWebhookSecret: (secret) => (webhook = new Webhook(secret)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
