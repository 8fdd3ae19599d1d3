import { applyD1Migrations, env } from "cloudflare:test";

// The same numbered migrations `wrangler d1 migrations apply` runs.
await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
