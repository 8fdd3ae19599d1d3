/**
 * The widget collects its sign-in result with the secret only it holds (and, after
 * a full-page redirect, the code delivered to that browser). A poll reads first and
 * writes nothing until a result is there; the result is then taken out in one
 * statement, so it is collected once, by one caller.
 *
 * A failed sign-in is an answer too (200, status "failed"): the widget shows why,
 * and the host page's console does not fill with red 401s.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { safeEqual, sha256 } from "../crypto";
import { AppError } from "../errors";
import { organizationsServedBy } from "../http/origins";
import { requestOrigin } from "../http/session-token";
import { apiErrorText, pageLang } from "../pages/strings";
import { selectAccountView, toAccountExtras, toAccountView, type AccountExtrasRow, type AccountViewRow } from "../storage/accounts";
import { selectHandoff, takeHandoff, type HandoffRow } from "../storage/handoffs";
import { newSession } from "../session/session-store";
import { sessionBody } from "../session/session-body";

export async function collectHandoff(c: Context<AppEnv>, body: { secret: string; code?: string }) {
  const db = c.env.DB;
  const now = c.var.now();
  const challenge = await sha256(body.secret);
  const ready = await selectHandoff(db, challenge, now).first<HandoffRow>();
  if (!ready) return c.json({ status: "pending" }, 202);
  // Whoever holds the secret but not the site or the code burns the result: it is never retried.
  if (ready.return_origin !== requestOrigin(c)) {
    await takeHandoff(db, challenge, now).run();
    throw new AppError(403, "handoff_origin_mismatch", "This sign-in was started for another site.");
  }
  if (ready.code_hash && !(body.code && safeEqual(await sha256(body.code), ready.code_hash))) {
    await takeHandoff(db, challenge, now).run();
    throw new AppError(
      403,
      "handoff_code_mismatch",
      "This sign-in was finished in another browser, so it was not handed to this page. Please sign in again.",
    );
  }
  const row = await takeHandoff(db, challenge, now).first<HandoffRow>();
  if (!row) return c.json({ status: "pending" }, 202); // another poll of the same widget took it a moment ago
  if (!row.account_id) {
    const code = row.error_code ?? "sign_in_failed";
    return c.json({
      status: "failed",
      error: { code, message: apiErrorText(pageLang(c), code, row.error_message ?? "Signing in did not finish.") },
    });
  }
  const served = await organizationsServedBy(c, row.return_origin);
  if (served) {
    // An organization's own site: only its people get a session there.
    const member = await selectAccountView(db, row.account_id, now).first<AccountViewRow>();
    if (!member?.organization_id || !served.has(member.organization_id)) {
      const message = "This site is for another organization's people. Sign in where your own organization uses ThingLink.";
      return c.json({
        status: "failed",
        error: { code: "site_not_for_account", message: apiErrorText(pageLang(c), "site_not_for_account", message) },
      });
    }
  }
  // The session remembers the browser that signed in (its cookie's hash, from the callback).
  const session = await newSession(db, {
    accountId: row.account_id,
    kind: "widget",
    origin: row.return_origin,
    browserHash: row.browser_hash,
    now,
  });
  const [, viewRow] = await db.batch<AccountViewRow & AccountExtrasRow>([session.statement, selectAccountView(db, row.account_id, now)]);
  const view = { ...toAccountView(viewRow.results[0]), extras: toAccountExtras(viewRow.results[0]) };
  const live = { tokenHash: session.tokenHash, origin: row.return_origin, expiresAt: session.expiresAt, view };
  return c.json({ status: "signed_in", token: session.token, ...(await sessionBody(c, live)) });
}
