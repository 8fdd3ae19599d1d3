#!/usr/bin/env node
/** Builds dist/public (served by the worker's static assets): widget.js, _headers, custom-elements.json. */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";

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

// custom-elements.json from the JSDoc (@summary @event @csspart @cssproperty). The analyzer
// also lists each dispatchEvent(new XEvent()) call without a name; the JSDoc ones are kept.
const cem = createRequire(import.meta.url).resolve("@custom-elements-manifest/analyzer/cem.js");
execFileSync(process.execPath, [cem, "analyze", "--litelement", "--globs", "widget/**/*.ts", "--outdir", "."], { stdio: "ignore" });
const manifest = JSON.parse(await readFile("custom-elements.json", "utf8"));
for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.events) d.events = d.events.filter((e) => e.name);
const text = JSON.stringify(manifest, null, 2) + "\n";
await writeFile("custom-elements.json", text);
await writeFile("dist/public/custom-elements.json", text);
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`widget.js: ${(bytes / 1024).toFixed(1)} KiB minified`);
