/** The one table `npm run bench` prints: figure, measured, budget, verdict. */
export class Table {
  rows = [];

  row(figure, measured, budget = "", verdict = "") {
    this.rows.push([figure, measured, budget, verdict]);
  }

  print() {
    const head = ["figure", "measured", "budget", "verdict"];
    const widths = head.map((_, i) => Math.max(...[head, ...this.rows].map((r) => String(r[i]).length)));
    const line = (r) =>
      r
        .map((cell, i) => String(cell).padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of this.rows) console.log(line(r));
  }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** "ok", or by how much a value is over its limit. */
export const atMost = (value, limit, unit = "") => (value <= limit ? "ok" : `over by ${+(value - limit).toFixed(2)}${unit}`);
export const atLeast = (value, limit, unit = "") => (value >= limit ? "ok" : `short by ${+(limit - value).toFixed(2)}${unit}`);
