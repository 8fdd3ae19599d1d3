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
import type { UserFacingError } from "../oidc/microsoft-errors";
import { messagePage } from "../pages/layout";
import { insertHandoff, sweepHandoffs } from "../storage/handoffs";
import { newSession, revokeStatement } from "../session/session-store";
import { sessionTokenOf, setSessionCookie } from "../http/session-token";
import type { SignInOutcome } from "./accounts";
import type { Flow } from "./flow-cookie";

export const HANDOFF_LIFETIME_MS = 5 * 60 * 1000;
export const REDIRECT_FRAGMENT = "thinglink-sso";

type Signed = Exclude<SignInOutcome, { kind: "replayed" }>;

async function handoffStatements(c: Context<AppEnv>, flow: Flow, accountId: string | null, error: UserFacingError | null) {
  const now = c.var.now();
  const code = flow.mode === "redirect" ? randomToken(24) : null;
  const db = c.env.DB;
  const statements = [
    sweepHandoffs(db, now),
    insertHandoff(db, {
      challenge: flow.handoff!,
      accountId,
      error: error && { code: error.code, message: error.message },
      codeHash: code && (await sha256(code)),
      returnOrigin: flow.returnOrigin,
      now,
      expiresAt: now + HANDOFF_LIFETIME_MS,
    }),
  ];
  return { code, statements };
}

function backToPage(flow: Flow, code: string) {
  const url = new URL(flow.returnTo);
  url.hash = `${REDIRECT_FRAGMENT}=${code}`;
  return url.href;
}

export async function deliverSuccess(c: Context<AppEnv>, flow: Flow, outcome: Signed) {
  const db = c.env.DB;
  const now = c.var.now();
  const name = outcome.view.account.displayName;
  if (flow.mode === "page") {
    const previous = sessionTokenOf(c);
    const session = await newSession(db, outcome.view.account.id, "cookie", now);
    // Rotation: whatever session this browser held before sign-in ends now.
    const revoke = previous?.via === "cookie" ? [await revokeStatement(db, previous.token, now)] : [];
    await db.batch([...outcome.followUp, ...revoke, session.statement]);
    setSessionCookie(c, session.token, session.expiresAt);
    return c.redirect(flow.returnTo, 302);
  }
  const { code, statements } = await handoffStatements(c, flow, outcome.view.account.id, null);
  await db.batch([...outcome.followUp, ...statements]);
  if (code) return c.redirect(backToPage(flow, code), 302);
  return c.html(
    messagePage(c.var.secureHeadersNonce, {
      title: `Signed in as ${name}`,
      message: "You are signed in. This window closes by itself; if it does not, you can close it.",
      closeHint: true,
    }),
  );
}

export async function deliverFailure(c: Context<AppEnv>, flow: Flow | null, error: UserFacingError) {
  const status = error.code === "internal_error" ? 500 : error.code === "microsoft_unavailable" ? 503 : 400;
  if (flow?.handoff) {
    try {
      const { code, statements } = await handoffStatements(c, flow, null, error);
      await c.env.DB.batch(statements);
      if (code) return c.redirect(backToPage(flow, code), 302);
    } catch (err) {
      console.error("could not park the failed sign-in for the widget", err);
    }
  }
  return c.html(
    messagePage(c.var.secureHeadersNonce, {
      title: "You are not signed in",
      message: error.message,
      code: error.code,
      closeHint: flow?.mode === "popup",
      retryHref: flow?.mode === "page" ? flow.returnTo : undefined,
    }),
    status,
  );
}
