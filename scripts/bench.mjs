#!/usr/bin/env node
/**
 * `npm run bench`: the SPEC §6 figures in one table, each next to its budget; printed,
 * not asserted (the counts are also asserted by test/worker/d1-budget.test.ts).
 *  - widget size (min+gzip): the sign-in path and all views, each against its budget;
 *  - D1 round trips, reads and writes per flow, counted by instrumentation in workerd;
 *  - warm GET /api/session throughput against a trivial route (/livez) of the same
 *    worker on local workerd, side by side, plus /healthz (one D1 query) for scale.
 * Load stays on loopback, bounded in time. wrk (Debian's `wrk`) is used when present:
 * Node's own fetch loop saturates before workerd does, which flattens the comparison.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startStack } from "./stack.mjs";

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const rows = [];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** One row: what, measured, budget, and whether (and by how much) the budget is met. */
function row(figure, measured, budget, verdict = "") {
  rows.push([figure, measured, budget, verdict]);
}
const within = (value, limit, unit = "") => (value <= limit ? "ok" : `over by ${+(value - limit).toFixed(1)}${unit}`);

// Widget size: each file gzipped on its own, as the browser fetches them. The sign-in path is
// widget.js plus every chunk it imports statically; the admin views come by dynamic import().
execFileSync(process.execPath, ["scripts/build-widget.mjs"], { stdio: "ignore" });
const { outputs } = JSON.parse(await readFile("dist/widget-meta.json", "utf8"));
const staticallyImported = (file, seen = new Set()) => {
  if (!seen.has(file)) {
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === "import-statement") staticallyImported(i.path, seen);
  }
  return seen;
};
const gzipped = async (files) => {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(file), { level: 9 }).length;
  return total;
};
const signInPath = [...staticallyImported("dist/public/widget.js")];
const allViews = Object.keys(outputs).filter((f) => f.endsWith(".js"));
const signInGz = await gzipped(signInPath);
const allGz = await gzipped(allViews);
row(`widget, sign-in path: widget.js + ${signInPath.length - 1} chunk(s) (min+gzip, with Lit)`, kb(signInGz), "≤ 12 KB", within(signInGz / 1024, 12, " KB"));
row(`widget, all views: ${allViews.length} files (min+gzip)`, kb(allGz), "≤ 25 KB", within(allGz / 1024, 25, " KB"));

const tmp = await mkdtemp(path.join(tmpdir(), "thinglink-sso-bench-"));
const report = path.join(tmp, "d1.json");
spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", "workerd", "test/worker/d1-budget.test.ts", "--reporter=json", `--outputFile=${report}`], { stdio: "ignore" });
for (const file of JSON.parse(await readFile(report, "utf8")).testResults) {
  for (const test of file.assertionResults) {
    const d1 = test.meta?.d1;
    if (d1) row(`D1: ${d1.flow}`, `${d1.roundTrips} round trips, ${d1.reads} reads, ${d1.writes} writes`, d1.budget, test.status === "passed" ? "ok" : "MISSED");
  }
}

const stack = await startStack({ stateDir: await mkdtemp(path.join(tmpdir(), "thinglink-sso-bench-")) });
try {
  const cookie = await signIn(stack.workerUrl, "tomas@northwood.edu");
  const routes = [
    ["GET /livez (trivial)", `${stack.workerUrl}/livez`, {}],
    ["GET /api/session (warm)", `${stack.workerUrl}/api/session`, { cookie }],
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
  for (const [name] of routes) row(name, `${rps(name).toFixed(0)} req/s`, "");
  const ratio = (rps("GET /api/session (warm)") / rps("GET /livez (trivial)")) * 100;
  row("/api/session ÷ trivial route", `${ratio.toFixed(0)}%`, "≥ 70%", ratio >= 70 ? "ok" : `short by ${(70 - ratio).toFixed(0)} points`);
  console.log(`Load: local workerd (wrangler dev), ${CONCURRENCY} connections (${wrk ? "wrk" : "Node fetch; apt-get install wrk for sharper figures"}), ${ROUNDS} interleaved rounds of ${ROUND_MS} ms.\n`);
} finally {
  await stack.stop();
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...[["figure", "measured", "budget", ""], ...rows].map((r) => String(r[i]).length)));
const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join("  ").trimEnd();
console.log(line(["figure", "measured", "budget", "verdict"]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));

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
