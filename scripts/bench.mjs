#!/usr/bin/env node
/**
 * `npm run bench`: the budgets' figures (docs/architecture.md, "Budgets") in one table, each next to its budget; printed,
 * not asserted (the D1 counts are also asserted by test/worker/d1-budget.test.ts).
 * Sections: widget size (scripts/bench/widget.mjs), worker bundle and startup
 * (worker-bundle.mjs), D1 and Graph per flow (d1.mjs), warm /api/session throughput
 * (throughput.mjs) and scale (scale.mjs). Everything runs on this machine, on loopback.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { d1Rows } from "./bench/d1.mjs";
import { call, signIn } from "./bench/http.mjs";
import { EMPTY_ORG, SCALE_ORG, scaleRows, scaleSeed } from "./bench/scale.mjs";
import { Table } from "./bench/table.mjs";
import { throughputRows } from "./bench/throughput.mjs";
import { widgetRows } from "./bench/widget.mjs";
import { workerRows } from "./bench/worker-bundle.mjs";
import { startStack } from "./stack.mjs";

const table = new Table();
const step = (what) => process.stderr.write(`bench: ${what}…\n`);

step("widget size");
await widgetRows(table);
step("worker bundle and startup");
await workerRows(table);
step("D1 and Graph per flow");
await d1Rows(table);

step("the local stack, with a 100,000-member organization");
const stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-bench-"));
const stack = await startStack({ stateDir, extraSeed: [await scaleSeed(stateDir)] });
try {
  const { SUPPORT_API_TOKEN: supportToken } = JSON.parse(await readFile(path.join(stateDir, "secrets.json"), "utf8"));
  const admin = async (hint, org) => {
    const cookie = await signIn(stack.workerUrl, hint);
    const { account } = await call(stack.workerUrl, "GET", "/api/session", { cookie });
    await call(stack.workerUrl, "PUT", `/api/support/organizations/${org}/admins/${account.id}`, { support: supportToken });
    return { cookie };
  };
  const scaleAdmin = await admin("tomas@northwood.edu", SCALE_ORG);
  const emptyAdmin = await admin("sam@northwood.edu", EMPTY_ORG);
  step("warm /api/session against a trivial route");
  await throughputRows(table, { workerUrl: stack.workerUrl, cookie: scaleAdmin.cookie });
  step("scale");
  await scaleRows(table, { workerUrl: stack.workerUrl, scaleAdmin, emptyAdmin });
} finally {
  await stack.stop();
}
console.log("");
table.print();
