/**
 * Widget size, min+gzip, each file gzipped on its own as the browser fetches it: the
 * sign-in path (widget.js plus every chunk it imports statically) and all views; and,
 * for scale, @azure/msal-browser's popup sign-in bundled the same way (esbuild, minified).
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { BUDGETS } from "./budgets.mjs";
import { atMost, kb } from "./table.mjs";

const gzipped = async (files) => {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(file), { level: 9 }).length;
  return total;
};

export async function widgetRows(table) {
  execFileSync("npm", ["run", "build", "--silent"], { stdio: "ignore" });
  const { outputs } = JSON.parse(await readFile("dist/widget-meta.json", "utf8"));
  const statically = (file, seen = new Set()) => {
    if (!seen.has(file)) {
      seen.add(file);
      for (const i of outputs[file].imports) if (i.kind === "import-statement") statically(i.path, seen);
    }
    return seen;
  };
  const signInPath = [...statically("dist/public/widget.js")];
  const allViews = Object.keys(outputs).filter((f) => f.endsWith(".js"));
  const signIn = await gzipped(signInPath);
  const all = await gzipped(allViews);
  table.row(
    `widget, sign-in path: widget.js + ${signInPath.length - 1} chunk(s), with Lit`,
    kb(signIn),
    `≤ ${BUDGETS.signInPathKB} KB`,
    atMost(signIn / 1024, BUDGETS.signInPathKB, " KB"),
  );
  table.row(
    `widget, all views: ${allViews.length} files (both languages)`,
    `${kb(all)} (${all.toLocaleString("en")} of ${(BUDGETS.allViewsKB * 1024).toLocaleString("en")} B)`,
    `≤ ${BUDGETS.allViewsKB} KB`,
    atMost(all / 1024, BUDGETS.allViewsKB, " KB"),
  );
  const msal = await build({
    stdin: {
      contents: `import { PublicClientApplication } from "@azure/msal-browser";
        const app = new PublicClientApplication({ auth: { clientId: "x", authority: "https://login.microsoftonline.com/common" } });
        export const signIn = () => app.initialize().then(() => app.loginPopup({ scopes: ["User.Read"] }));`,
      resolveDir: process.cwd(),
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  table.row("for scale: @azure/msal-browser popup sign-in, same build", kb(gzipSync(msal.outputFiles[0].contents, { level: 9 }).length));
}
