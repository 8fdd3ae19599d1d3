import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { DEFAULT_CLIENT } from "./emulator/fixture.mjs";
import { TEST_SIGNING_KEY } from "./test/support/test-keys.mjs";

// vitest-pool-workers 0.15.1 (the release built against wrangler 4.86.0, the last for Node 20)
// forwards workerd's harmless "WebSocket peer disconnected" notice at the end of each test file;
// later releases add it to their own ignore list. Drop exactly that line, nothing else.
const HARMLESS = "disconnected: WebSocket peer disconnected";
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk: string | Uint8Array, ...rest: never[]) => (String(chunk).includes(HARMLESS) ? true : write(chunk, ...rest));
}

// Three tiers (README "Tests"): unit + worker integration inside workerd with a real
// D1 and the emulator over HTTP; emulator and browser end-to-end tests in Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/storage/migrations");
  return {
    test: {
      projects: [
        {
          // Route descriptions (worker/api/registry.ts) are compiled in for the tests.
          define: { __DOCS__: "true" },
          plugins: [
            cloudflareTest(({ inject }) => ({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENTRA_CLIENT_ID: DEFAULT_CLIENT.clientId,
                  ENTRA_AUTHORITY: inject("emulatorUrl"),
                  GRAPH_BASE_URL: `${inject("emulatorUrl")}/graph`,
                  ENTRA_CLIENT_SECRET: "emulator-client-secret",
                  PUBLIC_URL: "http://127.0.0.1:8787",
                  ALLOWED_ORIGINS: "http://localhost:8788,https://lms.example",
                  SUPPORT_API_TOKEN: "test-support-token",
                  SIGNING_KEY: JSON.stringify(TEST_SIGNING_KEY),
                  // Every JSON answer is checked against the route's declared schema (worker/http/register.ts).
                  CHECK_CONTRACT: "1",
                  // Webhook retries within a test's patience: three, a second apart (production: minutes to hours).
                  WEBHOOK_RETRY_SECONDS: "1,1,1",
                  WEBHOOK_TIMEOUT_SECONDS: "3",
                  // Microsoft's token endpoint hung: a test waits seconds, not the production 10.
                  PROVIDER_TIMEOUT_SECONDS: "2",
                },
                // The worker's https requests to organizations' sites (*.example) reach the test
                // sites server; everything else (the emulator) goes out as it is.
                // (Miniflare hands over its own Request class, so the request is copied field by field.)
                outboundService: async (request: Request) => {
                  const url = new URL(request.url);
                  const site = url.protocol === "https:" && url.hostname.endsWith(".example");
                  const target = site ? `${process.env.SITES_URL}/${url.hostname}${url.pathname}` : request.url;
                  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
                  return fetch(target, { method: request.method, headers: [...request.headers], body, redirect: "manual" });
                },
              },
            })),
          ],
          test: {
            name: "workerd",
            fileParallelism: false,
            include: ["test/unit/**/*.test.ts", "test/worker/**/*.test.ts"],
            globalSetup: ["./test/support/emulator-global-setup.ts"],
            setupFiles: ["./test/support/apply-migrations.ts", "./test/support/logs.ts"],
          },
        },
        {
          test: {
            name: "node",
            environment: "node",
            include: ["test/emulator/**/*.test.ts", "test/e2e/**/*.test.ts", "test/deploy/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
