/**
 * The popup's first page. It asks the page that opened it (which must sit on the
 * allowed origin named by return_to) for the widget's hand-off secret, then posts
 * it back to the worker. A link opened anywhere else has no such opener, so it can
 * never start a flow whose result someone else would collect (README, "How sign-in reaches a page on another site").
 *
 * With no opener at all (the host page's own COOP cut the popup off, or a stranger
 * opened the link) it tells the worker so, which tells the widget to continue with a
 * full-page redirect (a widget whose popup already greeted it ignores that). The
 * window then says that sign-in continues in the page when it was opened from that
 * page (its referrer), and that it cannot continue otherwise.
 */
import { html } from "hono/html";
import { layout, scriptJson } from "./layout";
import { strings, type Lang } from "./strings";

const SCRIPT = `(()=>{const cfg=JSON.parse(document.getElementById("cfg").textContent);
const status=document.getElementById("status");let done=false;
if(!window.opener){done=true;let from="";try{from=new URL(document.referrer).origin}catch{}
document.getElementById("from-page").value=from===cfg.returnOrigin?"1":"0";document.getElementById("orphaned").submit();return;}
addEventListener("message",(e)=>{const d=e.data;
if(done||e.origin!==cfg.returnOrigin||e.source!==window.opener||!d||d.type!=="thinglink-sso:secret"||d.handoff!==cfg.handoff||typeof d.secret!=="string")return;
done=true;document.getElementById("secret").value=d.secret;document.getElementById("go").submit();});
window.opener.postMessage({type:"thinglink-sso:popup-ready",handoff:cfg.handoff},cfg.returnOrigin);
setTimeout(()=>{if(!done){done=true;status.textContent=cfg.cannotContinue;}},5000);})();`;

export interface PopupStart {
  returnOrigin: string;
  returnTo: string;
  handoff: string;
  loginHint?: string;
  prompt?: string;
  lang: Lang;
}

export function popupStartPage(nonce: string | undefined, p: PopupStart) {
  const t = strings(p.lang);
  const cfg = { returnOrigin: p.returnOrigin, handoff: p.handoff, cannotContinue: t.cannotContinue };
  const optional = html`${p.loginHint ? html`<input type="hidden" name="login_hint" value="${p.loginHint}">` : ""}
${p.prompt ? html`<input type="hidden" name="prompt" value="${p.prompt}">` : ""}`;
  return layout(
    nonce,
    p.lang,
    t.signingIn,
    html`<h1>${t.signingIn}</h1><p id="status" role="status">${t.connecting}</p>
<script type="application/json" id="cfg">${scriptJson(cfg)}</script>
<form id="go" method="post" action="/auth/microsoft/start">
<input type="hidden" name="secret" id="secret"><input type="hidden" name="handoff" value="${p.handoff}">
<input type="hidden" name="return_to" value="${p.returnTo}"><input type="hidden" name="display" value="popup">
<input type="hidden" name="lang" value="${p.lang}">${optional}</form>
<form id="orphaned" method="post" action="/auth/microsoft/popup-orphaned">
<input type="hidden" name="handoff" value="${p.handoff}"><input type="hidden" name="return_to" value="${p.returnTo}">
<input type="hidden" name="lang" value="${p.lang}"><input type="hidden" name="from_page" id="from-page" value="0"></form>`,
    SCRIPT,
  );
}
