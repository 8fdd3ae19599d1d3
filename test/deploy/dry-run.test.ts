/**
 * The deploy build, as `npm run deploy` would make it (`wrangler deploy --dry-run`):
 * it builds, carries nothing from development, and declares what production needs.
 * (Its size and startup are benchmark figures: `npm run bench`.)
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const WRANGLER = path.resolve("node_modules/wrangler/bin/wrangler.js");

describe("wrangler deploy --dry-run", () => {
  it("builds the worker with its bindings, rate limits and cron, and no development values", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "thinglink-sso-deploy-"));
    const log = execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", out], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    }).toString();
    expect(log).toContain("--dry-run: exiting now.");
    for (const binding of [
      "env.DB",
      "env.ASSETS",
      "env.SIGN_IN_LIMITER",
      "env.HANDOFF_LIMITER",
      "env.HANDOFF_ADDRESS_LIMITER",
      "env.JOIN_LIMITER",
      "env.ADMIN_LIMITER",
    ])
      expect(log).toContain(binding);
    // No [vars]: a deploy never overwrites the dashboard's settings with localhost values.
    expect(log).not.toMatch(/Environment Variable/i);
    const script = await readFile(path.join(out, "index.js"), "utf8");
    for (const devValue of ["127.0.0.1:8790", "localhost:8788", "emulator-client-secret", "5f0b9a3e-6d2c-4c1e-9a57-2b7f3c1d8e40"])
      expect(script).not.toContain(devValue);
    // Route descriptions are for /openapi.json only.
    expect(script).not.toContain("keyset-paged");
  }, 120_000);
});
