/**
 * A stand-in for the public web in worker tests: organizations' own sites (their LMS, say),
 * which the worker fetches to prove an embed origin, and host back-ends that receive webhook
 * deliveries (each request is recorded with its method, headers and body). vitest.config.ts routes the worker's
 * outbound https requests for `*.example` hosts here (miniflare's outboundService); tests set
 * what each site answers with `PUT /_sites` over HTTP.
 */
import http from "node:http";

export async function createSites({ port = 0 } = {}) {
  /** "host/path" → {status, body, headers, delayMs} */
  const answers = new Map();
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/_sites" && req.method === "PUT") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const { host, path, ...answer } = JSON.parse(body);
      answers.set(`${host}${path}`, answer);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === "/_sites/requests") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(requests));
      return;
    }
    if (url.pathname === "/_sites/reset") {
      answers.clear();
      requests.length = 0;
      res.writeHead(204).end();
      return;
    }
    // /<host>/<path>: what that site answers.
    const [, host, ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    let body = "";
    for await (const chunk of req) body += chunk;
    requests.push({ host, path, method: req.method, headers: req.headers, body, at: Date.now() });
    const answer = answers.get(`${host}${path}`);
    if (!answer) return res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer.status ?? 200, { "content-type": "text/plain", ...answer.headers }).end(answer.body ?? "");
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}
