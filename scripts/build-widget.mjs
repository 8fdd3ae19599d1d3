#!/usr/bin/env node
/** Builds dist/public (served by the worker's static assets): widget.js, _headers, custom-elements.json. */
import { build } from "esbuild";
import { cp, mkdir, writeFile } from "node:fs/promises";

await mkdir("dist/public", { recursive: true });
const result = await build({
  entryPoints: ["widget/index.ts"],
  bundle: true,
  format: "esm",
  target: "es2021",
  minify: true,
  legalComments: "none",
  outfile: "dist/public/widget.js",
  metafile: true,
  logLevel: "warning",
});
// Pages of other origins load module scripts in CORS mode (SPEC §4).
await writeFile(
  "dist/public/_headers",
  "/widget.js\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=300\n/custom-elements.json\n  Access-Control-Allow-Origin: *\n",
);
await cp("custom-elements.json", "dist/public/custom-elements.json").catch(() => {});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`widget.js: ${(bytes / 1024).toFixed(1)} KiB minified`);
