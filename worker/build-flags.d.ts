/** Build-time flags (wrangler.toml [define], vitest.config.ts, scripts/build-openapi.mjs). */
declare const __DOCS__: boolean;
