/**
 * Handing a sign-in result to whoever started it:
 * - page:     a first-party session cookie and a redirect to return_to;
 * - popup:    a hand-off row the widget collects with its secret; the popup just says so;
 * - redirect: a hand-off row plus a one-time code in return_to's fragment; the widget
 *             needs both its secret and that code, so neither alone is enough.
 * A session remembers the browser that signed in (http/cookies.ts, the browser cookie).
 */
import { randomToken, sha256 } from "../../crypto";
import { log } from "../../log";
import type { UserFacingError } from "../../oidc/microsoft-errors";
import { codeOf, errorMessage } from "../../error-messages";
import { failureText, strings, type Lang } from "../../pages/strings";
import type { SignInFlow } from "../../session/flow-cookie";
import { newSession, revokeStatement } from "../../session/session-store";
import { insertHandoff } from "../../storage/handoffs";
import { page, redirect, type FlowDeps, type Outcome } from "../core";
import type { SignInOutcome } from "./accounts";

export const HANDOFF_LIFETIME_MS = 5 * 60 * 1000;
export const REDIRECT_FRAGMENT = "thinglink-sso";

async function parkHandoff(flow: SignInFlow, accountId: string | null, error: UserFacingError | null, deps: FlowDeps) {
  const code = flow.mode === "redirect" ? randomToken(24) : null;
  const statement = insertHandoff(deps.db, {
    challenge: flow.handoff!,
    accountId,
    // Kept as its key, worded when collected; the English words are for whoever reads the table.
    error: error && { code: error.key, message: errorMessage("en", error.key) },
    codeHash: code && (await sha256(code)),
    returnOrigin: flow.returnOrigin,
    browserHash: accountId ? await deps.browser() : null,
    now: deps.now,
    expiresAt: deps.now + HANDOFF_LIFETIME_MS,
  });
  return { code, statement };
}

function backToPage(flow: SignInFlow, code: string) {
  const url = new URL(flow.returnTo);
  url.hash = `${REDIRECT_FRAGMENT}=${code}`;
  return url.href;
}

export async function deliverSuccess(flow: SignInFlow, outcome: SignInOutcome, deps: FlowDeps): Promise<Outcome> {
  const { db, now } = deps;
  if (flow.mode === "page") {
    const session = await newSession(db, {
      accountId: outcome.view.account.id,
      kind: "cookie",
      origin: deps.ownOrigin,
      browserHash: await deps.browser(),
      now,
    });
    // Rotation: whatever session this browser held before sign-in ends now.
    const revoke = deps.cookieSession ? [await revokeStatement(db, deps.cookieSession, now, "replaced")] : [];
    await db.batch([...outcome.followUp, ...revoke, session.statement]);
    return redirect(flow.returnTo, { setSession: { token: session.token, expiresAt: session.expiresAt } });
  }
  const { code, statement } = await parkHandoff(flow, outcome.view.account.id, null, deps);
  await db.batch([...outcome.followUp, statement]);
  if (code) return redirect(backToPage(flow, code));
  const t = strings(flow.lang);
  return page({
    view: "message",
    lang: flow.lang,
    title: t.signedInAs(outcome.view.account.displayName),
    message: flow.connected ? `${t.consentActive(flow.connected)}. ${t.signedInClosing}` : t.signedInClosing,
    closeHint: true,
  });
}

/** Our fault (500), a moment's unavailability of Microsoft or of the database (503, worth a retry), or the request (400). */
function failureStatus(key: UserFacingError["key"]): 400 | 500 | 503 {
  if (key.startsWith("internal_error")) return 500;
  if (key.startsWith("microsoft_unavailable") || key === "service_unavailable") return 503;
  return 400;
}

export async function deliverFailure(
  flow: SignInFlow | null,
  error: UserFacingError,
  deps: FlowDeps,
  lang: Lang = flow?.lang ?? "en",
): Promise<Outcome> {
  const status = failureStatus(error.key);
  if (flow?.handoff) {
    try {
      const { code, statement } = await parkHandoff(flow, null, error, deps);
      await statement.run();
      if (code) return redirect(backToPage(flow, code));
    } catch (err) {
      log.error("handoff_park_failed", { error: err });
    }
  }
  return page(
    {
      view: "message",
      lang,
      title: strings(lang).notSignedIn,
      message: failureText(lang, error.key),
      code: codeOf(error.key),
      closeHint: flow?.mode === "popup",
      retryHref: flow?.mode === "page" ? flow.returnTo : undefined,
    },
    status,
  );
}
