#!/usr/bin/env node
/**
 * Builds dist/public (served by the worker's static assets): widget.js, its chunks, _headers,
 * custom-elements.json.
 *
 * Code splitting (SPEC §6, widget size): widget.js is the sign-in path; the admin views are
 * loaded with a dynamic import() only when view="admin". esbuild emits relative imports
 * ("./chunks/x.js"), which the browser resolves against the importing module's own URL, so
 * the chunks are found next to widget.js whichever page (and origin) loaded it.
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";

/**
 * esbuild minifies the script but not the CSS inside Lit's css`` templates, which shipped
 * with every comment and indent. The widget's style sheets have no ${} interpolations, so
 * the text can be squeezed safely: comments go, whitespace runs become one space, and the
 * spaces next to { } ; , > and after a declaration's colon go (none of which changes what a
 * rule means: a descendant combinator is a space between two other characters, and stays).
 */
const squeezeCss = (text) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};,>]) ?/g, "$1").replace(/: /g, ":").replace(/;}/g, "}").trim();
const cssTemplates = {
  name: "css-templates",
  setup(b) {
    b.onLoad({ filter: /[\\/]widget[\\/].*\.styles\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (/css`[^`]*\$\{/.test(source)) throw new Error(`${args.path}: css\`\` with \${}: squeezeCss does not handle interpolations`);
      return { contents: source.replace(/css`([^`]*)`/g, (_, body) => `css\`${squeezeCss(body)}\``), loader: "ts" };
    });
  },
};

// Old chunks carry old hashes; a stale one left behind would only waste space, but start clean.
await rm("dist/public/chunks", { recursive: true, force: true });
await mkdir("dist/public", { recursive: true });
const result = await build({
  entryPoints: { widget: "widget/index.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2021",
  minify: true,
  legalComments: "none",
  outdir: "dist/public",
  chunkNames: "chunks/[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  plugins: [cssTemplates],
});
// Pages of other origins load module scripts in CORS mode (SPEC §4), chunks included.
const cors = "  Access-Control-Allow-Origin: *\n";
const cache = "  Cache-Control: public, max-age=300\n";
await writeFile("dist/public/_headers", `/widget.js\n${cors}${cache}/chunks/*\n${cors}${cache}/custom-elements.json\n${cors}`);
// Which file imports which (statically or not), for `npm run bench`; outside dist/public, so never served.
await writeFile("dist/widget-meta.json", JSON.stringify(result.metafile));

// custom-elements.json from the JSDoc (@summary @event @csspart @cssproperty). The analyzer
// also lists each dispatchEvent(new XEvent()) call without a name; the JSDoc ones are kept.
const cem = createRequire(import.meta.url).resolve("@custom-elements-manifest/analyzer/cem.js");
execFileSync(process.execPath, [cem, "analyze", "--litelement", "--globs", "widget/**/*.ts", "--outdir", "."], { stdio: "ignore" });
const manifest = JSON.parse(await readFile("custom-elements.json", "utf8"));
for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.events) d.events = d.events.filter((e) => e.name);
const text = JSON.stringify(manifest, null, 2) + "\n";
await writeFile("custom-elements.json", text);
await writeFile("dist/public/custom-elements.json", text);
for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) console.log(`${file.replace("dist/public/", "")}: ${(bytes / 1024).toFixed(1)} KiB minified`);
