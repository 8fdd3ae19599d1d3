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
import ts from "typescript";

/**
 * esbuild minifies the script but not the text of Lit's templates, which shipped with every
 * comment and indent. The widget's css`` sheets have no ${} interpolations, so their text can
 * be squeezed safely: comments go, whitespace runs become one space, and the spaces next to
 * { } ; , > and after a declaration's colon go (none of which changes what a rule means: a
 * descendant combinator is a space between two other characters, and stays). In html`` and
 * svg`` templates (found with TypeScript's parser, so expressions and nested templates are
 * left alone) a line break's indentation goes: the break itself stays, and no element of the
 * widget uses white-space: pre, where the indentation would have been visible.
 */
const squeezeCss = (text) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").replace(/ ?([{};,>]) ?/g, "$1").replace(/: /g, ":").replace(/;}/g, "}").trim();

function squeezeTemplates(source, file) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(sf);
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((span) => span.literal)];
      if (tag === "css" && parts.length > 1) throw new Error(`${file}: css\`\` with \${}: squeezeCss does not handle interpolations`);
      if (tag === "css" || tag === "html" || tag === "svg") {
        for (const part of parts) {
          // The literal's text between its delimiters (` or } before, ` or ${ after).
          const start = part.getStart(sf) + 1;
          const end = part.getEnd() - (ts.isNoSubstitutionTemplateLiteral(part) || ts.isTemplateTail(part) ? 1 : 2);
          const text = source.slice(start, end);
          edits.push([start, end, tag === "css" ? squeezeCss(text) : text.replace(/\n[ \t]+/g, "\n")]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

const templates = {
  name: "lit-templates",
  setup(b) {
    b.onLoad({ filter: /[\\/]widget[\\/].*\.ts$/ }, async (args) => ({ contents: squeezeTemplates(await readFile(args.path, "utf8"), args.path), loader: "ts" }));
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
  plugins: [templates],
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
