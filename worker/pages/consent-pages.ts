/**
 * The pages that ask a Microsoft administrator before anything happens: they name the
 * ThingLink organization that asks, the tenant (by its domain where known), who asked and
 * what will be requested; only a form POST goes on to Microsoft.
 */
import { html } from "hono/html";
import { layout } from "./layout";
import { ENTRA_ADMIN_CENTER, consentStrings } from "./consent-strings";
import { strings, type Lang } from "./strings";
import type { Person } from "../storage/integrations";

/** Who asks for what: the same facts on every consent page. */
export interface ConsentRequest {
  organization: string;
  kind: "education" | "business";
  tenantId: string;
  tenantDomain: string | null;
  /** The ThingLink admin who asked (null when unknown), and whether they sign in with an account of this tenant. */
  askedBy: Person | null;
}

/** How the tenant is named: by the domain the admin typed, where known. */
export const tenantName = (r: Pick<ConsentRequest, "tenantId" | "tenantDomain">) => r.tenantDomain ?? r.tenantId;

function requestDetails(lang: Lang, r: ConsentRequest) {
  const t = consentStrings(lang);
  const tenant = r.tenantDomain
    ? html`<strong>${r.tenantDomain}</strong> <span class="code">(${r.tenantId})</span>`
    : html`<code>${r.tenantId}</code>`;
  const asker = r.askedBy;
  const who = asker ? `${asker.name}${asker.upn ? ` (${asker.upn})` : ""}` : null;
  // Someone outside the tenant asking for it is the case to think twice about.
  const outsider = asker && !asker.inTenant;
  return html`<dl><dt>${t.tenantLine}</dt><dd>${tenant}</dd>
<dt>${t.askedBy}</dt><dd>${who ? t.askedByValue(who, r.organization) : t.askedByUnknown(r.organization)}</dd></dl>
${outsider ? html`<p class="warning"><strong>${t.outsiderTitle}</strong> ${t.outsider(asker.name, r.organization)}</p>` : ""}
<h2>${t.requestedTitle}</h2><ul><li>${t.permissions.signIn}</li>${r.kind === "education" ? html`<li>${t.permissions.roster}</li>` : ""}</ul>
<p class="note">${t.whenRead}</p><p class="note">${t.review} <a href="${ENTRA_ADMIN_CENTER}" target="_blank" rel="noopener">${ENTRA_ADMIN_CENTER.replace("https://", "")}</a></p>`;
}

/** The Global Administrator's link (way b): who asks, for which tenant; Continue posts the link back. */
export function consentLinkPage(nonce: string | undefined, lang: Lang, p: ConsentRequest & { token: string }) {
  const t = consentStrings(lang);
  return layout(
    nonce,
    lang,
    strings(lang).consentTitle,
    html`<h1>${t.askTitle(p.organization, tenantName(p))}</h1>${requestDetails(lang, p)}<p>${t.linkBody}</p>
<form method="post" action="/auth/microsoft/admin-consent/link"><input type="hidden" name="token" value="${p.token}"><input type="hidden" name="lang" value="${lang}">
<button type="submit">${t.continueToMicrosoft}</button></form><p class="note">${t.notYou}</p>`,
  );
}

/**
 * A "Grant consent now" ticket opened as a link (someone forwarded it): it names everything,
 * and says why it does not go on here and what to do instead.
 */
export function consentTicketPage(nonce: string | undefined, lang: Lang, p: ConsentRequest) {
  const t = consentStrings(lang);
  const who = p.askedBy?.name ?? t.someone;
  return layout(
    nonce,
    lang,
    t.ticketTitle,
    html`<h1>${t.askTitle(p.organization, tenantName(p))}</h1><p role="status"><strong>${t.ticketTitle}.</strong> ${t.ticketBody(who)}</p>${requestDetails(lang, p)}
<p>${t.ticketNext(who, p.organization)}</p><p class="note">${t.ticketYourself}</p>`,
  );
}

/** Way (c): an administrator signing in is asked whether to connect the organization(s) awaiting their tenant. */
export function signInConsentPage(
  nonce: string | undefined,
  lang: Lang,
  p: { pending: string; tenant: string; candidates: Array<ConsentRequest & { organizationId: string }> },
) {
  const t = consentStrings(lang);
  const form = (choice: string, label: string, kind = "") =>
    html`<form method="post" action="/auth/microsoft/sign-in-consent"><input type="hidden" name="pending" value="${p.pending}"><input type="hidden" name="choice" value="${choice}"><button type="submit" class="${kind}">${label}</button></form>`;
  return layout(
    nonce,
    lang,
    strings(lang).consentTitle,
    html`<h1>${strings(lang).consentTitle}</h1><p>${t.connectBody(p.tenant)}</p>
${p.candidates.length > 1 ? html`<p class="warning"><strong>${t.severalTitle(p.candidates.length)}</strong> ${t.several}</p>` : ""}
${p.candidates.map((o) => html`<section><h2>${t.askTitle(o.organization, tenantName(o))}</h2>${requestDetails(lang, o)}<p>${form(o.organizationId, t.connect(o.organization))}</p></section>`)}
<p>${form("skip", t.skip, "secondary")}</p><p class="note">${t.later}</p>`,
  );
}
