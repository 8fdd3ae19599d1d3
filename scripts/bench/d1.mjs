/**
 * D1 round trips, reads and writes, and Microsoft Graph calls, per flow: counted by
 * instrumentation in workerd (test/worker/d1-budget.test.ts records them as task meta;
 * the same tests assert the budgets), and what events cost (test/worker/events-budget.test.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { costRows } from "./cost.mjs";

export async function d1Rows(table) {
  const report = path.join(await mkdtemp(path.join(tmpdir(), "thinglink-sso-d1-")), "d1.json");
  spawnSync(
    process.execPath,
    [
      "node_modules/vitest/vitest.mjs",
      "run",
      "--project",
      "workerd",
      "test/worker/d1-budget.test.ts",
      "test/worker/events-budget.test.ts",
      "--reporter=json",
      `--outputFile=${report}`,
    ],
    { stdio: "ignore" },
  );
  const flows = new Map();
  for (const file of JSON.parse(await readFile(report, "utf8")).testResults) {
    for (const test of file.assertionResults) {
      const verdict = test.status === "passed" ? "ok" : "MISSED (see npm test)";
      const { d1, graph, bench } = test.meta ?? {};
      if (d1) {
        flows.set(d1.flow, d1);
        const rows = `${d1.rowsRead} rows read, ${d1.rowsWritten} rows written`;
        table.row(`D1: ${d1.flow}`, `${d1.roundTrips} round trips, ${d1.reads} reads, ${d1.writes} writes (${rows})`, d1.budget, verdict);
      }
      if (graph) table.row(`Graph calls: ${graph.flow}`, graph.calls, graph.budget, verdict);
      for (const figure of bench ?? []) table.row(figure.label, figure.value, figure.budget, verdict);
    }
  }
  costRows(table, flows);
}
