/**
 * What 1,000 sign-ins cost on Cloudflare, from the D1 rows each step reads and writes (D1's own
 * `meta`, counted in workerd by test/worker/d1-budget.test.ts) and the requests a widget sign-in
 * makes, at Cloudflare's published prices (Workers Paid plan, 2025): beyond what the plan
 * includes each month, $0.30 per million requests, $0.02 per million CPU milliseconds, $0.001 per
 * million D1 rows read and $1.00 per million D1 rows written. The arithmetic is printed with it.
 */
const PRICE = { request: 0.3 / 1e6, cpuMs: 0.02 / 1e6, rowRead: 0.001 / 1e6, rowWritten: 1.0 / 1e6 };
/** A widget sign-in: the popup's page, its confirmation, the callback, about three pending polls, the collect, one session check. */
const REQUESTS = 8;
const PENDING_POLLS = 3;
/** An assumption, not a measurement: a sign-in's requests are mostly redirects and one ES256/RS256 verification. */
const CPU_MS_PER_REQUEST = 5;

export function costRows(table, flows) {
  const need = ["new-user callback", "returning callback", "hand-off poll (pending)", "hand-off collect (ready)"];
  if (!need.every((f) => flows.has(f))) return;
  const poll = flows.get("hand-off poll (pending)");
  const collect = flows.get("hand-off collect (ready)");
  for (const [label, callback] of [
    ["a first sign-in", flows.get("new-user callback")],
    ["a returning sign-in", flows.get("returning callback")],
  ]) {
    const read = callback.rowsRead + PENDING_POLLS * poll.rowsRead + collect.rowsRead;
    const written = callback.rowsWritten + PENDING_POLLS * poll.rowsWritten + collect.rowsWritten;
    const perThousand = {
      requests: 1000 * REQUESTS * PRICE.request,
      cpu: 1000 * REQUESTS * CPU_MS_PER_REQUEST * PRICE.cpuMs,
      reads: 1000 * read * PRICE.rowRead,
      writes: 1000 * written * PRICE.rowWritten,
    };
    const total = Object.values(perThousand).reduce((a, b) => a + b, 0);
    table.row(`D1 rows per widget sign-in: ${label}`, `${read} read, ${written} written`, "callback + 3 polls + collect");
    table.row(
      `Cost per 1,000: ${label}`,
      `$${total.toFixed(4)}`,
      `${REQUESTS}k requests × $0.30/M = $${perThousand.requests.toFixed(4)}; ` +
        `${REQUESTS * CPU_MS_PER_REQUEST}k CPU ms (assumed ${CPU_MS_PER_REQUEST} ms/request) × $0.02/M = $${perThousand.cpu.toFixed(4)}; ` +
        `${read}k rows read × $0.001/M = $${perThousand.reads.toFixed(6)}; ${written}k rows written × $1.00/M = $${perThousand.writes.toFixed(4)}`,
    );
  }
}
