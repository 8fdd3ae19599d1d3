/**
 * The worker's few HTML pages (popup steps, errors). Everything interpolated is
 * escaped by hono/html; scripts and styles carry the CSP nonce, nothing else runs.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { strings, type Lang } from "./strings";

const STYLE = `:root{color-scheme:light dark;font-family:"Segoe UI",system-ui,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}
main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.25rem;font-weight:600}
p{line-height:1.5}a,button{font:inherit}button{padding:.5rem 1rem;cursor:pointer}
.code{font-family:ui-monospace,monospace;font-size:.8rem;opacity:.7}.note{font-size:.9rem;opacity:.8}`;

export function layout(nonce: string | undefined, lang: Lang, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>, script = "") {
  return html`<!doctype html>
<html lang="${strings(lang).htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>${title}</title><style nonce="${nonce}">${raw(STYLE)}</style></head>
<body><main>${body}</main>${script ? html`<script nonce="${nonce}">${raw(script)}</script>` : ""}</body></html>`;
}

/** JSON for a `<script type="application/json">` block: `<` cannot close the tag. */
export function scriptJson(value: unknown) {
  return raw(JSON.stringify(value).replace(/</g, "\\u003c"));
}

/** Closes a popup window after a moment (only windows opened by script can be closed). */
const closeScript = (ms: number) => `document.getElementById("close").addEventListener("click",()=>window.close());setTimeout(()=>window.close(),${ms});`;

export function messagePage(
  nonce: string | undefined,
  lang: Lang,
  p: { title: string; message: string; code?: string; closeHint?: boolean; closeAfterMs?: number; retryHref?: string },
) {
  const t = strings(lang);
  return layout(
    nonce,
    lang,
    p.title,
    html`<h1>${p.title}</h1><p role="status">${p.message}</p>
${p.retryHref ? html`<p><a href="${p.retryHref}">${t.tryAgain}</a></p>` : ""}
${p.closeHint ? html`<p><button type="button" id="close">${t.close}</button></p>` : ""}
${p.code ? html`<p class="code">${t.reference}: ${p.code}</p>` : ""}`,
    p.closeHint ? closeScript(p.closeAfterMs ?? 1200) : "",
  );
}
