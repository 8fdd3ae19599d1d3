/**
 * The pages of §3.4 that ask a Microsoft administrator before anything happens:
 * they name the ThingLink organization that asks, and only a form POST goes on.
 */
import { html } from "hono/html";
import { layout } from "./layout";
import { strings, type Lang } from "./strings";

/** The Global Administrator's link (way b): who asks, for which tenant; Continue posts the link back. */
export function consentLinkPage(nonce: string | undefined, lang: Lang, p: { token: string; organization: string; tenant: string }) {
  const t = strings(lang);
  return layout(
    nonce,
    lang,
    t.consentTitle,
    html`<h1>${t.consentAsk(p.organization)}</h1><p>${t.consentAskBody(p.tenant)}</p>
<form method="post" action="/auth/microsoft/admin-consent/link"><input type="hidden" name="token" value="${p.token}"><input type="hidden" name="lang" value="${lang}">
<button type="submit">${t.consentContinue}</button></form><p class="note">${t.consentNotYou}</p>`,
  );
}

/** Way (c): an administrator signing in is asked whether to connect the organization(s) awaiting their tenant. */
export function signInConsentPage(nonce: string | undefined, lang: Lang, p: { pending: string; tenant: string; candidates: Array<{ organizationId: string; name: string }> }) {
  const t = strings(lang);
  const form = (choice: string, label: string) =>
    html`<form method="post" action="/auth/microsoft/sign-in-consent"><input type="hidden" name="pending" value="${p.pending}"><input type="hidden" name="choice" value="${choice}"><button type="submit">${label}</button></form>`;
  return layout(
    nonce,
    lang,
    t.consentTitle,
    html`<h1>${t.consentTitle}</h1><p>${t.signInConsentBody(p.tenant, p.candidates.map((o) => o.name).join(", "))}</p>
${p.candidates.map((o) => html`<p>${form(o.organizationId, t.signInConsentConnect(o.name))}</p>`)}
<p>${form("skip", t.signInConsentSkip)}</p><p class="note">${t.signInConsentLater}</p>`,
  );
}
