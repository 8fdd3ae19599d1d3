/**
 * The popup's first page. It asks the page that opened it (which must sit on the
 * allowed origin named by return_to) for the widget's hand-off secret, then posts
 * it back to the worker. A link opened anywhere else has no such opener, so it can
 * never start a flow whose result someone else would collect (SPEC §6, Embedding).
 */
import { html } from "hono/html";
import { layout, scriptJson } from "./layout";

const SCRIPT = `(()=>{const cfg=JSON.parse(document.getElementById("cfg").textContent);
const status=document.getElementById("status");let done=false;
addEventListener("message",(e)=>{const d=e.data;
if(done||e.origin!==cfg.returnOrigin||e.source!==window.opener||!d||d.type!=="thinglink-sso:secret"||d.handoff!==cfg.handoff||typeof d.secret!=="string")return;
done=true;document.getElementById("secret").value=d.secret;document.getElementById("go").submit();});
if(window.opener)window.opener.postMessage({type:"thinglink-sso:popup-ready",handoff:cfg.handoff},cfg.returnOrigin);
setTimeout(()=>{if(!done){done=true;status.textContent=cfg.orphanMessage;}},5000);})();`;

export function popupStartPage(nonce: string | undefined, p: { returnOrigin: string; returnTo: string; handoff: string; loginHint?: string; prompt?: string }) {
  const cfg = {
    returnOrigin: p.returnOrigin,
    handoff: p.handoff,
    orphanMessage:
      "This sign-in window was not opened by the page it belongs to, so it stopped here to keep your account safe. Close it and use the Sign in button on the page instead.",
  };
  return layout(
    nonce,
    "Signing in with Microsoft…",
    html`<h1>Signing in with Microsoft…</h1><p id="status" role="status">Connecting to the page that opened this window…</p>
<script type="application/json" id="cfg">${scriptJson(cfg)}</script>
<form id="go" method="post" action="/auth/microsoft/start">
<input type="hidden" name="secret" id="secret"><input type="hidden" name="handoff" value="${p.handoff}">
<input type="hidden" name="return_to" value="${p.returnTo}"><input type="hidden" name="display" value="popup">
${p.loginHint ? html`<input type="hidden" name="login_hint" value="${p.loginHint}">` : ""}
${p.prompt ? html`<input type="hidden" name="prompt" value="${p.prompt}">` : ""}</form>`,
    SCRIPT,
  );
}
