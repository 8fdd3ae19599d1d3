/**
 * Handing a sign-in result to whoever started it:
 * - page:     a first-party session cookie and a redirect to return_to;
 * - popup:    a hand-off row the widget collects with its secret; the popup just says so;
 * - redirect: a hand-off row plus a one-time code in return_to's fragment; the widget
 *             needs both its secret and that code, so neither alone is enough.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { randomToken, sha256 } from "../crypto";
import { ownOrigin } from "../http/origins";
import { sessionTokenOf, setSessionCookie } from "../http/session-token";
import { log } from "../log";
import type { UserFacingError } from "../oidc/microsoft-errors";
import { messagePage } from "../pages/layout";
import { errorText, strings } from "../pages/strings";
import { insertHandoff } from "../storage/handoffs";
import { newSession, revokeStatement } from "../session/session-store";
import { ensureBrowserCookie } from "../session/browser-cookie";
import type { SignInOutcome } from "./accounts";
import type { SignInFlow } from "../session/flow-cookie";

export const HANDOFF_LIFETIME_MS = 5 * 60 * 1000;
export const REDIRECT_FRAGMENT = "thinglink-sso";

async function parkHandoff(c: Context<AppEnv>, flow: SignInFlow, accountId: string | null, error: UserFacingError | null) {
  const now = c.var.now();
  const code = flow.mode === "redirect" ? randomToken(24) : null;
  const statement = insertHandoff(c.env.DB, {
    challenge: flow.handoff!,
    accountId,
    error: error && { code: error.code, message: error.message },
    codeHash: code && (await sha256(code)),
    returnOrigin: flow.returnOrigin,
    browserHash: accountId ? await ensureBrowserCookie(c) : null,
    now,
    expiresAt: now + HANDOFF_LIFETIME_MS,
  });
  return { code, statement };
}

function backToPage(flow: SignInFlow, code: string) {
  const url = new URL(flow.returnTo);
  url.hash = `${REDIRECT_FRAGMENT}=${code}`;
  return url.href;
}

export async function deliverSuccess(c: Context<AppEnv>, flow: SignInFlow, outcome: SignInOutcome) {
  const db = c.env.DB;
  const now = c.var.now();
  if (flow.mode === "page") {
    const previous = sessionTokenOf(c);
    const session = await newSession(db, {
      accountId: outcome.view.account.id,
      kind: "cookie",
      origin: ownOrigin(c),
      browserHash: await ensureBrowserCookie(c),
      now,
    });
    // Rotation: whatever session this browser held before sign-in ends now.
    const revoke = previous?.via === "cookie" ? [await revokeStatement(db, previous.token, now)] : [];
    await db.batch([...outcome.followUp, ...revoke, session.statement]);
    setSessionCookie(c, session.token, session.expiresAt);
    return c.redirect(flow.returnTo, 302);
  }
  const { code, statement } = await parkHandoff(c, flow, outcome.view.account.id, null);
  await db.batch([...outcome.followUp, statement]);
  if (code) return c.redirect(backToPage(flow, code), 302);
  const t = strings(flow.lang);
  return c.html(
    messagePage(c.var.secureHeadersNonce, flow.lang, {
      title: t.signedInAs(outcome.view.account.displayName),
      message: flow.connected ? `${t.consentActive(flow.connected)}. ${t.signedInClosing}` : t.signedInClosing,
      closeHint: true,
    }),
  );
}

export async function deliverFailure(c: Context<AppEnv>, flow: SignInFlow | null, error: UserFacingError, lang = flow?.lang ?? "en") {
  const status = error.code === "internal_error" ? 500 : error.code === "microsoft_unavailable" ? 503 : 400;
  if (flow?.handoff) {
    try {
      const { code, statement } = await parkHandoff(c, flow, null, error);
      await statement.run();
      if (code) return c.redirect(backToPage(flow, code), 302);
    } catch (err) {
      log.error("handoff_park_failed", { error: err });
    }
  }
  return c.html(
    messagePage(c.var.secureHeadersNonce, lang, {
      title: strings(lang).notSignedIn,
      message: errorText(lang, error.code, error.message),
      code: error.code,
      closeHint: flow?.mode === "popup",
      retryHref: flow?.mode === "page" ? flow.returnTo : undefined,
    }),
    status,
  );
}
