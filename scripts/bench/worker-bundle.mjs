/**
 * The worker as `wrangler deploy --dry-run` builds it (minified), min+gzip; and its
 * startup against a hello-world worker with the same compatibility settings, both
 * profiled by `wrangler check startup` on local workerd (median of several runs: the
 * profile's duration varies from run to run).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { atMost, kb } from "./table.mjs";

const WRANGLER = path.resolve("node_modules/wrangler/bin/wrangler.js");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

function wrangler(args, cwd = process.cwd()) {
  return execFileSync(process.execPath, [WRANGLER, ...args], { cwd, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } }).toString();
}

async function startupMs(cwd, dir) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const outfile = path.join(dir, `startup-${i}.cpuprofile`);
    wrangler(["check", "startup", "--outfile", outfile], cwd);
    const profile = JSON.parse(await readFile(outfile, "utf8"));
    times.push((profile.endTime - profile.startTime) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function workerRows(table) {
  const dir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-bundle-"));
  wrangler(["deploy", "--dry-run", "--outdir", dir]);
  const script = await readFile(path.join(dir, "index.js"));
  const gz = gzipSync(script, { level: 9 }).length;
  table.row("worker bundle (wrangler deploy --dry-run, minified)", `${kb(script.length)} (${kb(gz)} gzip)`, "≤ 60 KB gzip", atMost(gz / 1024, 60, " KB"));

  const hello = await mkdtemp(path.join(tmpdir(), "thinglink-sso-hello-"));
  const toml = await readFile("wrangler.toml", "utf8");
  const compat = toml.split("\n").filter((l) => /^compatibility_(date|flags)\s*=/.test(l)).join("\n");
  await writeFile(path.join(hello, "wrangler.toml"), `name = "hello"\nmain = "index.js"\n${compat}\n`);
  await writeFile(path.join(hello, "index.js"), `export default { fetch() { return new Response("hello"); } };\n`);
  const ours = await startupMs(process.cwd(), dir);
  const base = await startupMs(hello, hello);
  const ratio = ours / base;
  table.row(`startup (wrangler check startup, median of ${RUNS})`, `${ours.toFixed(1)} ms vs hello-world ${base.toFixed(1)} ms = ${ratio.toFixed(2)}×`, "≤ 1.3×", atMost(ratio, 1.3, "×"));
}
