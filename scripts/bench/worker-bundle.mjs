/**
 * The worker as `wrangler deploy --dry-run` builds it (minified), min+gzip; and its
 * startup against a hello-world worker with the same compatibility settings, both
 * profiled by `wrangler check startup` on local workerd, in turn (median of several runs:
 * the profile's duration varies from run to run and with what else the machine is doing).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { BUDGETS } from "./budgets.mjs";
import { atMost, kb } from "./table.mjs";

const WRANGLER = path.resolve("node_modules/wrangler/bin/wrangler.js");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9);

function wrangler(args, cwd = process.cwd()) {
  return execFileSync(process.execPath, [WRANGLER, ...args], {
    cwd,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  }).toString();
}

async function startupProfileMs(cwd, outfile) {
  wrangler(["check", "startup", "--outfile", outfile], cwd);
  const profile = JSON.parse(await readFile(outfile, "utf8"));
  return (profile.endTime - profile.startTime) / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Both workers profiled in turn, run after run, so that the machine's drift touches both alike. */
async function startupMedians(ours, hello, dir) {
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await startupProfileMs(ours, path.join(dir, `ours-${i}.cpuprofile`)));
    b.push(await startupProfileMs(hello, path.join(dir, `hello-${i}.cpuprofile`)));
  }
  return [median(a), median(b)];
}

export async function workerRows(table) {
  const dir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-bundle-"));
  const printed = wrangler(["deploy", "--dry-run", "--outdir", dir]);
  const script = await readFile(path.join(dir, "index.js"));
  const gz = gzipSync(script, { level: 9 }).length;
  // Wrangler's own figure ("Total Upload: … / gzip: … KiB", its default level) is what an operator
  // sees; it is a little larger than gzip -9, so the budget is held against the larger of the two.
  const wranglerKiB = Number(/gzip:\s*([\d.]+)\s*KiB/.exec(printed)?.[1] ?? NaN);
  const figure = Math.max(gz / 1024, wranglerKiB || 0);
  table.row(
    "worker bundle (wrangler deploy --dry-run, minified)",
    `${kb(script.length)}; gzip ${wranglerKiB ? `${wranglerKiB.toFixed(2)} KB as wrangler prints it, ` : ""}${kb(gz)} at -9`,
    `≤ ${BUDGETS.workerKB} KB gzip`,
    atMost(figure, BUDGETS.workerKB, " KB"),
  );

  const hello = await mkdtemp(path.join(tmpdir(), "thinglink-sso-hello-"));
  const toml = await readFile("wrangler.toml", "utf8");
  const compat = toml
    .split("\n")
    .filter((l) => /^compatibility_(date|flags)\s*=/.test(l))
    .join("\n");
  await writeFile(path.join(hello, "wrangler.toml"), `name = "hello"\nmain = "index.js"\n${compat}\n`);
  await writeFile(path.join(hello, "index.js"), `export default { fetch() { return new Response("hello"); } };\n`);
  const [ours, base] = await startupMedians(process.cwd(), hello, dir);
  const ratio = ours / base;
  table.row(
    `startup (wrangler check startup, interleaved, median of ${RUNS})`,
    `${ours.toFixed(1)} ms vs hello-world ${base.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
    `≤ ${BUDGETS.startupRatio}×`,
    atMost(ratio, BUDGETS.startupRatio, "×"),
  );
}
