/**
 * The worker's structured logs, captured in every workerd test. A warning or error
 * that a test did not ask for fails that test: expected failures are asserted
 * (expectLogged), and `npm test` prints no stray error output.
 */
import { afterEach, beforeEach, expect, vi } from "vitest";

export interface LogEntry {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

let entries: Array<LogEntry & { consumed?: boolean }> = [];

function capture(level: LogEntry["level"]) {
  return (...args: unknown[]) => {
    const [first] = args;
    let entry: LogEntry;
    try {
      entry = JSON.parse(String(first));
    } catch {
      entry = { level, event: "unstructured", text: args.map(String).join(" ") };
    }
    entries.push(entry);
  };
}

beforeEach(() => {
  entries = [];
  vi.spyOn(console, "log").mockImplementation(capture("info"));
  vi.spyOn(console, "warn").mockImplementation(capture("warn"));
  vi.spyOn(console, "error").mockImplementation(capture("error"));
});

/** What a log line must never carry: email addresses, JWTs, secrets and tokens. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ["an email address", /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/],
  ["a JWT", /eyJ[A-Za-z0-9_-]{8,}\./],
  ["the client secret", /emulator-client-secret/],
  ["the support token", /test-support-token/],
  ["a token or secret", /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/],
];

afterEach(() => {
  vi.restoreAllMocks();
  for (const entry of entries) {
    const line = JSON.stringify(entry);
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(line)) throw new Error(`A worker log line carries ${what}: ${line}`);
  }
  const unexpected = entries.filter((e) => e.level !== "info" && !e.consumed);
  if (unexpected.length) throw new Error(`Unexpected worker logs:\n${unexpected.map((e) => JSON.stringify(e)).join("\n")}`);
});

/** Every log entry of this test so far (all levels). */
export function logs(): readonly LogEntry[] {
  return entries;
}

/**
 * Asserts that the worker logged `event` (with fields matching `fields`) and marks
 * every such entry as expected. Returns the entries.
 */
export function expectLogged(event: string, fields: Record<string, unknown> = {}): LogEntry[] {
  const found = entries.filter(
    (e) => e.event === event && Object.entries(fields).every(([k, v]) => (v instanceof RegExp ? v.test(String(e[k])) : e[k] === v)),
  );
  expect(
    found,
    `expected a "${event}" log entry matching ${JSON.stringify(fields, (_k, v) => (v instanceof RegExp ? String(v) : v))}; got ${JSON.stringify(entries)}`,
  ).not.toHaveLength(0);
  for (const e of found) e.consumed = true;
  return found;
}
