/**
 * Warm GET /api/session against a trivial route (/livez) of the same worker on local
 * workerd, side by side in interleaved rounds (median of rounds), plus /healthz (one
 * D1 query) for scale. wrk (Debian's `wrk`) is used when present: Node's own fetch
 * loop saturates before workerd does, which flattens the comparison.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { atLeast } from "./table.mjs";

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

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
  return done / (ms / 1000);
}

function loadWithWrk(url, headers, ms) {
  const args = ["-t2", `-c${CONCURRENCY}`, `-d${Math.max(1, Math.round(ms / 1000))}s`];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  const out = execFileSync("wrk", [...args, url]).toString();
  if (/Non-2xx/.test(out)) throw new Error(`${url}: wrk saw non-2xx answers\n${out}`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function throughputRows(table, { workerUrl, cookie }) {
  const routes = [
    ["GET /livez (trivial route)", `${workerUrl}/livez`, {}],
    ["GET /api/session (warm)", `${workerUrl}/api/session`, { cookie }],
    ["GET /healthz (one D1 query)", `${workerUrl}/healthz`, {}],
  ];
  const wrk = !spawnSync("wrk", ["--version"]).error;
  const measure = wrk ? loadWithWrk : load;
  for (const [, url, h] of routes) await load(url, h, 500); // warm-up
  const results = new Map(routes.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) for (const [name, url, h] of routes) results.get(name).push(await measure(url, h, ROUND_MS));
  const how = `${wrk ? "wrk" : "Node fetch (apt-get install wrk for sharper figures)"}, ${CONCURRENCY} connections, median of ${ROUNDS} rounds of ${ROUND_MS / 1000} s`;
  for (const [name] of routes) table.row(`${name}, ${how}`, `${median(results.get(name)).toFixed(0)} req/s`);
  const ratios = results.get(routes[1][0]).map((v, i) => (v / results.get(routes[0][0])[i]) * 100);
  const ratio = median(ratios);
  table.row("warm /api/session ÷ trivial route (median of rounds)", `${ratio.toFixed(0)}%`, "≥ 70%", atLeast(ratio, 70, " points"));
}
