/**
 * The demo host page: a stand-in for a customer's LMS on another origin, served
 * with a strict CSP (no inline script or style) to show the widget needs none.
 */
import http from "node:http";
import { readFile } from "node:fs/promises";

const FILES = {
  "/": ["index.html", "text/html"],
  "/demo.js": ["demo.js", "text/javascript"],
  "/demo.css": ["demo.css", "text/css"],
  // The organization admin panel (<thinglink-sso view="admin">), with ?org=<slug>.
  "/org": ["org.html", "text/html"],
  "/org.js": ["org.js", "text/javascript"],
};

export async function createDemoServer({ port = 0, host = "localhost", workerUrl, coop = null }) {
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
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
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}
