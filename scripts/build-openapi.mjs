#!/usr/bin/env node
/**
 * Writes dist/public/openapi.json (served as a static asset at /openapi.json) from the
 * route declarations and zod/mini schemas the worker validates requests with
 * (worker/api/registry.ts, worker/openapi.ts). Generating it here keeps zod's JSON
 * Schema generator out of the worker bundle (its size budget: docs/architecture.md, "Budgets").
 */
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(new URL("..", import.meta.url).pathname);
const out = path.join(ROOT, "dist", "openapi-build.mjs");
await build({
  stdin: {
    contents: `import "./worker/app"; export { openApiDocument } from "./worker/openapi";`,
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: out,
  define: { __DOCS__: "true" },
  logLevel: "warning",
});
const { openApiDocument } = await import(pathToFileURL(out).href);
await rm(out);
await mkdir(path.join(ROOT, "dist", "public"), { recursive: true });
const doc = openApiDocument("/");
await writeFile(path.join(ROOT, "dist", "public", "openapi.json"), JSON.stringify(doc, null, 2) + "\n");
// Any origin may read the description, as it could read the worker's JWKS.
const headers = path.join(ROOT, "dist", "public", "_headers");
const current = await readFile(headers, "utf8").catch(() => "");
if (!current.includes("/openapi.json"))
  await writeFile(headers, `${current.trimEnd()}\n/openapi.json\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=300\n`);
console.log(`openapi.json: ${Object.keys(doc.paths).length} paths`);
