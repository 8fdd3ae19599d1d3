/** The worker's own front page: where a first-party sign-in lands by default. */
import { html } from "hono/html";
import type { AccountView } from "../storage/accounts";
import { layout } from "./layout";
import type { Lang } from "./strings";

export function homePage(nonce: string | undefined, lang: Lang, view: AccountView | null) {
  const body = view
    ? html`<h1>ThingLink sign-in</h1><p role="status">Signed in as <strong>${view.account.displayName}</strong>${view.organization ? html` · ${view.organization.name}` : ""}.</p>
<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>`
    : html`<h1>ThingLink sign-in</h1><p role="status">You are not signed in.</p>
<p><a href="/auth/microsoft/start?return_to=%2F">Sign in with Microsoft</a></p>`;
  return layout(nonce, lang, "ThingLink sign-in", body);
}
