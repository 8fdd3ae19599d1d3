import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { TEST_SIGNING_KEY } from "./test/support/test-keys.mjs";

// Three tiers (README "Tests"): unit + worker integration inside workerd with a real
// D1 and the emulator over HTTP; emulator and browser end-to-end tests in Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/storage/migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest(({ inject }) => ({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENTRA_AUTHORITY: inject<string>("emulatorUrl"),
                  GRAPH_BASE_URL: `${inject<string>("emulatorUrl")}/graph`,
                  ENTRA_CLIENT_SECRET: "emulator-client-secret",
                  PUBLIC_URL: "http://127.0.0.1:8787",
                  ALLOWED_ORIGINS: "http://localhost:8788",
                  SUPPORT_API_TOKEN: "test-support-token",
                  SIGNING_KEY: JSON.stringify(TEST_SIGNING_KEY),
                },
              },
            })),
          ],
          test: {
            name: "workerd",
            fileParallelism: false,
            include: ["test/unit/**/*.test.ts", "test/worker/**/*.test.ts"],
            globalSetup: ["./test/support/emulator-global-setup.ts"],
            setupFiles: ["./test/support/apply-migrations.ts"],
          },
        },
        {
          test: {
            name: "node",
            environment: "node",
            include: ["test/emulator/**/*.test.ts", "test/e2e/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
