#!/usr/bin/env node
/**
 * The worker's and the widget's import graph, checked (npm run lint): no module imports itself
 * back through others (no import circles, type-only imports included), the worker's folders
 * import downward only, in the order of LAYERS (docs/architecture.md, "Layers"), and what only
 * one module may use (GUARDED: the membership write path) is imported nowhere else. Prints
 * each problem with the path that makes it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The worker's folders, top to bottom: a folder imports only from its own and the ones below it. */
export const LAYERS = [
  ["index.ts", "app.ts", "openapi.ts"],
  ["routes"],
  ["http"],
  ["flows/callback.ts"],
  ["flows/consent"],
  ["flows/enroll"],
  ["flows/sign-in"],
  ["flows/core.ts"],
  ["members", "session", "assertion", "integration", "pages", "webhooks"],
  ["oidc", "storage", "api"],
  ["config.ts", "errors.ts", "crypto.ts", "log.ts"],
  ["error-messages.ts", "account-type-reason.ts", "lang.ts"],
];

/** Names only one module may import: memberships are written, and sessions forgotten, in one place. */
const GUARDED = [
  { from: "storage/memberships.ts", names: /^(insert|update|upsert|delete|settle|join|add)/, only: "members/write-path.ts" },
  { from: "session/session-store.ts", names: /^sessionCache$/, only: "members/write-path.ts" },
];

const ROOT = path.resolve(new URL("..", import.meta.url).pathname);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Each relative import of a file: the module it names, and the names it takes (named imports). */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith(".")) {
      let target = path.resolve(path.dirname(file), spec.text);
      if (!target.endsWith(".ts")) target += ".ts";
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
      const names = bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [];
      found.push({ target, names });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function cycles(graph) {
  const problems = [];
  const state = new Map(); // 1: on the stack, 2: done
  const stack = [];
  const visit = (node) => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) problems.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 2);
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return problems;
}

/** A file's layer: the longest LAYERS entry its path (under worker/) starts with. */
const layerOf = (file) => {
  const rel = path.relative(path.join(ROOT, "worker"), file).split(path.sep).join("/");
  let best = -1;
  let length = 0;
  LAYERS.forEach((layer, i) => {
    for (const entry of layer) {
      if ((rel === entry || rel.startsWith(`${entry}/`)) && entry.length > length) [best, length] = [i, entry.length];
    }
  });
  return best;
};

const rel = (f) => path.relative(ROOT, f);
const problems = [];
for (const dir of ["worker", "widget"]) {
  const imports = new Map(files(path.join(ROOT, dir)).map((f) => [f, importsOf(f)]));
  const graph = new Map([...imports].map(([f, list]) => [f, list.map((i) => i.target)]));
  for (const cycle of cycles(graph)) problems.push(`import circle: ${cycle.map(rel).join(" → ")}`);
  if (dir !== "worker") continue;
  const inWorker = (f) => path.relative(path.join(ROOT, "worker"), f).split(path.sep).join("/");
  for (const [from, list] of imports) {
    for (const { target, names } of list) {
      for (const rule of GUARDED) {
        if (inWorker(target) !== rule.from || inWorker(from) === rule.only) continue;
        const taken = names.filter((n) => rule.names.test(n));
        if (taken.length) problems.push(`${rel(from)} imports ${taken.join(", ")} from ${rule.from}: only ${rule.only} may`);
      }
    }
  }
  for (const [from, targets] of graph) {
    const a = layerOf(from);
    if (a < 0) problems.push(`${rel(from)}: its folder is not in scripts/check-imports.mjs LAYERS`);
    for (const to of targets) {
      const b = layerOf(to);
      if (b >= 0 && a >= 0 && b < a) problems.push(`upward import: ${rel(from)} → ${rel(to)}`);
    }
  }
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("imports: no circles, every worker folder imports downward");
