/**
 * The sign-in view: Microsoft's branded button (light/dark per Microsoft's identity
 * branding guidelines: Segoe UI 15px semibold, the four-square logo, 41px tall),
 * or the signed-in person with a sign-out action.
 */
import { html, nothing, svg } from "lit";
import type { SessionInfo } from "../client/api-client";
import type { Strings } from "../i18n";

const logo = svg`<svg part="logo" width="21" height="21" viewBox="0 0 21 21" aria-hidden="true" focusable="false">
<rect x="1" y="1" width="9" height="9" fill="#f25022"/><rect x="1" y="11" width="9" height="9" fill="#00a4ef"/>
<rect x="11" y="1" width="9" height="9" fill="#7fba00"/><rect x="11" y="11" width="9" height="9" fill="#ffb900"/></svg>`;

export interface SignInViewState {
  status: "checking" | "signed-out" | "waiting" | "signed-in";
  name?: string;
  organization?: string;
  /** The signed-in account's id (the admin panel loads again for another account). */
  account?: string;
  /** The whole session, for the join prompt (its suggestion and request). */
  session?: SessionInfo;
  error?: string;
  /** A quiet status line (not an alert), e.g. "Sign-in was not finished." */
  note?: string;
}

export function renderSignIn(s: SignInViewState, t: Strings, on: { signIn: () => void; signOut: () => void; cancel: () => void }) {
  const text = s.error ?? s.note ?? (s.status === "waiting" ? t.waiting : s.status === "checking" ? t.checking : "");
  const message = html`<p class="message" part="message" role=${s.error ? "alert" : "status"} aria-live="polite">${text}</p>`;
  if (s.status === "signed-in") {
    return html`<div class="row" part="signed-in">
        <span class="who"><span class="label">${t.signedInAs}</span> <strong part="name">${s.name}</strong>${s.organization ? html` <span class="org" part="organization">(${s.organization})</span>` : nothing}</span>
        <button type="button" class="link" part="sign-out-button" @click=${on.signOut}>${t.signOut}</button>
      </div>${message}`;
  }
  // While waiting the button stays usable: a click starts over (the old window may be closed or lost).
  const checking = s.status === "checking";
  return html`<div class="row">
      <button type="button" class="ms" part="button" ?disabled=${checking} aria-busy=${checking ? "true" : "false"} @click=${on.signIn}>
        ${logo}<span>${t.signIn}</span>
      </button>
      ${s.status === "waiting" ? html`<button type="button" class="link" part="cancel-button" @click=${on.cancel}>${t.cancel}</button>` : nothing}
    </div>
    ${message}`;
}
