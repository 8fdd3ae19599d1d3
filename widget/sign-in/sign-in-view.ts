/**
 * The sign-in view: Microsoft's branded button (light/dark per Microsoft's identity
 * branding guidelines: Segoe UI 15px semibold, the four-square logo, 41px tall),
 * or the signed-in person with a sign-out action.
 */
import { html, nothing, svg } from "lit";
import type { Strings } from "../i18n";

const logo = svg`<svg part="logo" width="21" height="21" viewBox="0 0 21 21" aria-hidden="true" focusable="false">
<rect x="1" y="1" width="9" height="9" fill="#f25022"/><rect x="1" y="11" width="9" height="9" fill="#00a4ef"/>
<rect x="11" y="1" width="9" height="9" fill="#7fba00"/><rect x="11" y="11" width="9" height="9" fill="#ffb900"/></svg>`;

export interface SignInViewState {
  status: "checking" | "signed-out" | "waiting" | "signed-in";
  name?: string;
  organization?: string;
  error?: string;
}

export function renderSignIn(s: SignInViewState, t: Strings, on: { signIn: () => void; signOut: () => void; cancel: () => void }) {
  const message = html`<p class="message" part="message" role=${s.error ? "alert" : "status"} aria-live="polite">${s.error ?? (s.status === "waiting" ? t.waiting : s.status === "checking" ? t.checking : "")}</p>`;
  if (s.status === "signed-in") {
    return html`<div class="signed-in" part="signed-in">
        <span class="who"><span class="label">${t.signedInAs}</span> <strong part="name">${s.name}</strong>${s.organization ? html` <span class="org" part="organization">· ${s.organization}</span>` : nothing}</span>
        <button type="button" class="link" part="sign-out-button" @click=${on.signOut}>${t.signOut}</button>
      </div>${message}`;
  }
  const busy = s.status !== "signed-out";
  return html`<button type="button" class="ms" part="button" ?disabled=${busy} aria-busy=${busy ? "true" : "false"} @click=${on.signIn}>
      ${logo}<span>${t.signIn}</span>
    </button>
    ${s.status === "waiting" ? html`<button type="button" class="link" part="cancel-button" @click=${on.cancel}>${t.cancel}</button>` : nothing}
    ${message}`;
}
