#!/usr/bin/env node
/**
 * `npm run bench`: the SPEC §6 figures, printed, not asserted.
 *  - widget size (min+gzip) against the 12 KB sign-in budget;
 *  - warm GET /api/session throughput against a trivial route (/livez) of the same
 *    worker on local workerd, side by side, plus /healthz (one D1 query) for scale.
 * Load stays on loopback, bounded in time. wrk (Debian's `wrk`) is used when present:
 * Node's own fetch loop saturates before workerd does, which flattens the comparison.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { startStack } from "./stack.mjs";

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

execFileSync(process.execPath, ["scripts/build-widget.mjs"], { stdio: "ignore" });
const widget = await readFile("dist/public/widget.js");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("Widget (dist/public/widget.js, includes Lit)");
console.log(`  minified ${kb(widget.length)} | min+gzip ${kb(gzipSync(widget, { level: 9 }).length)} | min+brotli ${kb(brotliCompressSync(widget).length)}   budget: sign-in path ≤ 12 KB min+gzip`);

const stack = await startStack({ stateDir: await mkdtemp(path.join(tmpdir(), "thinglink-sso-bench-")) });
try {
  const cookie = await signIn(stack.workerUrl, "tomas@northwood.edu");
  const headers = { cookie, origin: stack.demoUrl };
  const routes = [
    ["GET /livez (trivial)", `${stack.workerUrl}/livez`, {}],
    ["GET /api/session (warm)", `${stack.workerUrl}/api/session`, headers],
    ["GET /healthz (1 D1 query)", `${stack.workerUrl}/healthz`, {}],
  ];
  const wrk = spawnSync("wrk", ["--version"]).error ? null : "wrk";
  const measure = wrk ? loadWithWrk : load;
  const totals = new Map(routes.map(([name]) => [name, 0]));
  for (const [, url, h] of routes) await load(url, h, 500); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url, h] of routes) totals.set(name, totals.get(name) + (await measure(url, h, ROUND_MS)));
  }
  const rps = (name) => totals.get(name) / ((ROUNDS * ROUND_MS) / 1000);
  console.log(`\nWorker on local workerd (wrangler dev), ${CONCURRENCY} connections (${wrk ? "wrk" : "Node fetch; apt-get install wrk for sharper figures"}), ${ROUNDS} interleaved rounds of ${ROUND_MS} ms`);
  for (const [name] of routes) console.log(`  ${name.padEnd(28)} ${rps(name).toFixed(0).padStart(6)} req/s`);
  const ratio = rps("GET /api/session (warm)") / rps("GET /livez (trivial)");
  console.log(`  /api/session ÷ trivial route: ${(ratio * 100).toFixed(0)}%   budget: ≥ 70%`);
} finally {
  await stack.stop();
}

async function load(url, headers, ms) {
  let done = 0;
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url} answered ${res.status}`);
        done++;
      }
    }),
  );
  return done;
}

/** Requests completed in `ms` by wrk (two threads) with these headers. */
function loadWithWrk(url, headers, ms) {
  const args = ["-t2", `-c${CONCURRENCY}`, `-d${Math.max(1, Math.round(ms / 1000))}s`];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  const out = execFileSync("wrk", [...args, url]).toString();
  if (/Non-2xx/.test(out)) throw new Error(`${url}: wrk saw non-2xx answers\n${out}`);
  return Number(/(\d+) requests in/.exec(out)[1]);
}

/** A first-party sign-in over HTTP (login_hint signs in at the emulator); returns the session cookie. */
async function signIn(workerUrl, loginHint) {
  const jar = new Map();
  const keep = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let res = await fetch(`${workerUrl}/auth/microsoft/start?login_hint=${encodeURIComponent(loginHint)}`, { redirect: "manual" });
  keep(res);
  for (let hops = 0; hops < 5 && res.status === 302; hops++) {
    const next = new URL(res.headers.get("location"), workerUrl);
    if (next.origin === workerUrl && !next.pathname.startsWith("/auth/")) break;
    const cookie = next.origin === workerUrl ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
    res = await fetch(next, { redirect: "manual", headers: cookie ? { cookie } : {} });
    if (next.origin === workerUrl) keep(res);
  }
  const session = jar.get("__Host-tl_session");
  if (!session) throw new Error("benchmark sign-in failed");
  return `__Host-tl_session=${session}`;
}
