/**
 * The worker's few HTML pages (popup steps, errors). Everything interpolated is
 * escaped by hono/html; scripts and styles carry the CSP nonce, nothing else runs.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { strings, type Lang } from "./strings";

const STYLE = `:root{color-scheme:light dark;font-family:"Segoe UI",system-ui,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}
main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.25rem;font-weight:600}
p{line-height:1.5}a,button{font:inherit}button{padding:.5rem 1rem;cursor:pointer;border-radius:.25rem;border:1px solid #0067b8;background:#0067b8;color:#fff}
button.secondary{background:transparent;color:inherit;border-color:currentColor}section{border-top:1px solid;margin-top:1.5rem}
.warning{text-align:left;border-left:4px solid #c50f1f;padding:.25rem 1rem}
.code{font-family:ui-monospace,monospace;font-size:.8rem;opacity:.7}.note{font-size:.9rem;opacity:.8}
h2{font-size:1rem;font-weight:600}dl,ul{text-align:left}dt{font-weight:600}dd{margin:0 0 .5rem}li{margin:.25rem 0}`;

export function layout(
  nonce: string | undefined,
  lang: Lang,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  script = "",
) {
  return html`<!doctype html>
<html lang="${strings(lang).htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>${title}</title><style nonce="${nonce}">${raw(STYLE)}</style></head>
<body><main>${body}</main>${script ? html`<script nonce="${nonce}">${raw(script)}</script>` : ""}</body></html>`;
}

/** JSON for a `<script type="application/json">` block: `<` cannot close the tag. */
export function scriptJson(value: unknown) {
  return raw(JSON.stringify(value).replace(/</g, "\\u003c"));
}

/**
 * Closes a popup window on the button, and by itself after `ms` unless that is null. Only windows
 * opened by script can be closed: where the browser refuses, the button says the window can be closed.
 */
const closeScript = (ms: number | null, cannot: string) =>
  `const b=document.getElementById("close");const c=()=>{window.close();setTimeout(()=>{b.replaceWith(Object.assign(document.createElement("p"),{textContent:${JSON.stringify(cannot)}}))},300)};b.addEventListener("click",c);${ms === null ? "" : `setTimeout(c,${ms});`}`;

export function messagePage(
  nonce: string | undefined,
  lang: Lang,
  /** `closeAfterMs`: how long the window stays before closing itself (1.2 s), or null to stay until closed. */
  p: { title: string; message: string; code?: string; closeHint?: boolean; closeAfterMs?: number | null; retryHref?: string },
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
    p.closeHint ? closeScript(p.closeAfterMs === undefined ? 1200 : p.closeAfterMs, t.canClose) : "",
  );
}
