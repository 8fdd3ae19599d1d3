#!/usr/bin/env node
/**
 * Builds dist/public (served by the worker's static assets): widget.js, its chunks, _headers,
 * custom-elements.json.
 *
 * Code splitting (the widget's size budget, docs/architecture.md "Budgets"): widget.js is the sign-in path, one file with Lit; the
 * other views (the admin panel, the join prompt) are chunks it loads with a dynamic import()
 * only when they are needed. A chunk takes what it shares with sign-in (Lit, the API client,
 * events, strings) from widget.js itself, `import {…} from "../widget.js"`, rather than from a
 * third, shared chunk: gzip compresses sign-in's code and Lit better as one file (0.4 KB less,
 * on every page), and the chunk's import is one line. Relative URLs resolve against the
 * importing module's own URL, so chunks and widget.js find each other whichever page (and
 * origin) loaded them; a page that loaded widget.js under another URL (a ?query) gets a second
 * instance for its chunks, which works too (nothing across the boundary relies on instanceof).
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
 * descendant combinator is a space between two other characters, and stays). html`` and svg``
 * templates are found with TypeScript's parser, so expressions and nested templates are left
 * alone; no element of the widget uses white-space: pre, where indentation would show.
 */
const squeezeCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/ ?([{};,>]) ?/g, "$1")
    .replace(/: /g, ":")
    .replace(/;}/g, "}")
    .trim();

/**
 * In html`` and svg`` text: a line break's indentation goes (the break stays), and a static
 * attribute value of letters, digits and dashes loses its quotes (type="button" is type=button,
 * as HTML allows). A value with a space, or one that a ${} binding ends, is left as it is.
 */
const squeezeHtml = (text) => text.replace(/\n[ \t]+/g, "\n").replace(/(\s[\w:.?@-]+)="([\w-]+)"/g, "$1=$2");

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
          edits.push([start, end, tag === "css" ? squeezeCss(text) : squeezeHtml(text)]);
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
    b.onLoad({ filter: /[\\/]widget[\\/].*\.ts$/ }, async (args) => ({
      contents: squeezeTemplates(await readFile(args.path, "utf8"), args.path),
      loader: "ts",
    }));
  },
};

/** What widget.js exports for its chunks, by module, and what each chunk imports of it (esbuild refuses anything else). */
const SHARED = {
  lit: ["LitElement", "html", "css", "nothing", "render"],
  "./widget/client/api-client": ["SsoError", "changedKey"],
  "./widget/events": ["JoinRequestedEvent", "SsoErrorEvent"],
  "./widget/i18n": ["stringsFor"],
};
const VIEWS = {
  admin: ["LitElement", "html", "css", "nothing", "render", "SsoError", "SsoErrorEvent", "stringsFor"],
  join: ["LitElement", "html", "nothing", "changedKey", "JoinRequestedEvent", "SsoErrorEvent", "stringsFor"],
};
const isShared = (path, importer) => {
  if (/^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(path)) return true;
  const full = path.startsWith(".") ? new URL(path, `file://${importer}`).pathname.replace(/\.ts$/, "") : "";
  return Object.keys(SHARED).some((m) => m.startsWith("./") && full === new URL(m, `file://${process.cwd()}/`).pathname);
};
/** In a chunk's build: the shared modules are one module that re-exports what the view uses from ../widget.js. */
const fromWidget = (names) => ({
  name: "from-widget",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path === "../widget.js") return { path: args.path, external: true };
      if (args.kind !== "entry-point" && isShared(args.path, args.importer)) return { path: "widget", namespace: "shared" };
    });
    b.onLoad({ filter: /.*/, namespace: "shared" }, () => ({
      contents: `export { ${names.join(", ")} } from "../widget.js";`,
      loader: "js",
    }));
  },
});
const options = { bundle: true, format: "esm", target: "es2021", minify: true, legalComments: "none", metafile: true, logLevel: "warning" };

// Old chunks carry old hashes; a stale one left behind would only waste space, but start clean.
await rm("dist/public/chunks", { recursive: true, force: true });
await mkdir("dist/public", { recursive: true });
const outputs = {};
const chunkFiles = {};
for (const [view, names] of Object.entries(VIEWS)) {
  const r = await build({
    ...options,
    entryPoints: { [view]: `widget/${view}/index.ts` },
    outdir: "dist/public/chunks",
    entryNames: "[name]-[hash]",
    plugins: [templates, fromWidget(names)],
  });
  Object.assign(outputs, r.metafile.outputs);
  chunkFiles[view] = Object.keys(r.metafile.outputs)
    .find((f) => f.endsWith(".js"))
    .replace("dist/public/", "./");
}
const entry = [
  'export * from "./widget/index";',
  ...Object.entries(SHARED).map(([m, names]) => `export { ${names.join(", ")} } from "${m}";`),
].join("\n");
const main = await build({
  ...options,
  stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts", sourcefile: "widget.js" },
  outfile: "dist/public/widget.js",
  plugins: [
    templates,
    // The views' dynamic import("../admin/index") and ("../join/index") become their chunks' files.
    {
      name: "chunks",
      setup: (b) =>
        b.onResolve({ filter: /^\.\.\/(admin|join)\/index$/ }, (args) => ({ path: chunkFiles[args.path.split("/")[1]], external: true })),
    },
  ],
});
Object.assign(outputs, main.metafile.outputs);
const exported = new Set(main.metafile.outputs["dist/public/widget.js"].exports);
const missing = Object.values(VIEWS)
  .flat()
  .filter((name) => !exported.has(name));
if (missing.length) throw new Error(`widget.js does not export ${missing.join(", ")}, which its chunks import`);
const result = { metafile: { inputs: {}, outputs } };
// Pages of other origins load module scripts in CORS mode, chunks included.
const cors = "  Access-Control-Allow-Origin: *\n";
const cache = "  Cache-Control: public, max-age=300\n";
await writeFile("dist/public/_headers", `/widget.js\n${cors}${cache}/chunks/*\n${cors}${cache}/custom-elements.json\n${cors}`);
// Which file imports which (statically or not), for `npm run bench`; outside dist/public, so never served.
await writeFile("dist/widget-meta.json", JSON.stringify(result.metafile));

// custom-elements.json from the JSDoc (@summary @event @csspart @cssproperty): the public API
// only — the element, its entry module and its typed events; the admin panel's and the join
// prompt's elements are internal, as are private members. Modules in path order, so that the
// same source gives the same file on every build. The analyzer also lists each
// dispatchEvent(new XEvent()) call without a name; the JSDoc ones are kept.
const PUBLIC_MODULES = ["widget/events.ts", "widget/index.ts", "widget/thinglink-sso/thinglink-sso.ts"];
const cem = createRequire(import.meta.url).resolve("@custom-elements-manifest/analyzer/cem.js");
execFileSync(process.execPath, [cem, "analyze", "--litelement", "--globs", ...PUBLIC_MODULES, "--outdir", "."], { stdio: "ignore" });
const manifest = JSON.parse(await readFile("custom-elements.json", "utf8"));
manifest.modules = manifest.modules.filter((m) => PUBLIC_MODULES.includes(m.path)).sort((a, b) => a.path.localeCompare(b.path));
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (d.events) d.events = d.events.filter((e) => e.name);
    if (d.members) d.members = d.members.filter((m) => !m.privacy || m.privacy === "public");
  }
}
const text = JSON.stringify(manifest, null, 2) + "\n";
await writeFile("custom-elements.json", text);
await writeFile("dist/public/custom-elements.json", text);
for (const [file, { bytes }] of Object.entries(result.metafile.outputs))
  console.log(`${file.replace("dist/public/", "")}: ${(bytes / 1024).toFixed(1)} KiB minified`);
