/**
 * The one adapter between the flows and HTTP (docs/architecture.md, "Flows"): what a flow
 * needs from the request (flowDeps), and what its outcome means as an answer (respond) —
 * a redirect or one of the worker's pages, with the cookies the outcome asks for. Flow
 * answers are never cached: they carry one browser's state.
 */
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import type { FlowDeps, Outcome, PageSpec } from "../flows/core";
import { consentLinkPage, consentTicketPage, signInConsentPage } from "../pages/consent-pages";
import { messagePage } from "../pages/layout";
import { ensureBrowserCookie, setFlowCookie, setQuestionCookie } from "./cookies";
import { ownOrigin } from "./origins";
import { sessionTokenOf, setSessionCookie } from "./session-token";

export function flowDeps(c: Context<AppEnv>): FlowDeps {
  const cookie = sessionTokenOf(c);
  return {
    db: c.env.DB,
    config: c.var.config,
    now: c.var.now(),
    ownOrigin: ownOrigin(c),
    browser: () => ensureBrowserCookie(c),
    cookieSession: cookie?.via === "cookie" ? cookie.token : null,
  };
}

function render(nonce: string | undefined, spec: PageSpec) {
  switch (spec.view) {
    case "message":
      return messagePage(nonce, spec.lang, spec);
    case "consent-link":
      return consentLinkPage(nonce, spec.lang, { ...spec.request, token: spec.token });
    case "consent-ticket":
      return consentTicketPage(nonce, spec.lang, spec.request);
    case "sign-in-consent":
      return signInConsentPage(nonce, spec.lang, spec);
  }
}

export async function respond(c: Context<AppEnv>, outcome: Outcome): Promise<Response> {
  if (outcome.setFlow) await setFlowCookie(c, outcome.setFlow);
  if (outcome.setQuestion) await setQuestionCookie(c, outcome.setQuestion);
  if (outcome.setSession) setSessionCookie(c, outcome.setSession.token, outcome.setSession.expiresAt);
  c.header("cache-control", "no-store");
  if (outcome.kind === "redirect") return c.redirect(outcome.to, 302);
  // Unavailable for a moment (Microsoft, the database): say when trying again makes sense, as every 503 does.
  if (outcome.status === 503) c.header("retry-after", "5");
  return c.html(render(c.var.secureHeadersNonce, outcome.page), outcome.status);
}
