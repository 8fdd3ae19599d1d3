/**
 * The widget collects its sign-in result with the secret only it holds (and, after
 * a full-page redirect, the code delivered to that browser). The row is taken out
 * in one statement, so it can be collected once, by one caller.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { safeEqual, sha256 } from "../crypto";
import { AppError } from "../errors";
import { selectAccountView, toAccountView, type AccountViewRow } from "../storage/accounts";
import { takeHandoff, type HandoffRow } from "../storage/handoffs";
import { newSession } from "../session/session-store";
import { sessionBody } from "../session/session-body";

export async function collectHandoff(c: Context<AppEnv>, body: { secret: string; code?: string }) {
  const db = c.env.DB;
  const now = c.var.now();
  const row = await takeHandoff(db, await sha256(body.secret), now).first<HandoffRow>();
  if (!row) return c.json({ status: "pending" }, 202);
  if (row.return_origin !== c.req.header("origin")) {
    throw new AppError(403, "handoff_origin_mismatch", "This sign-in was started for another site.");
  }
  if (row.code_hash && !(body.code && safeEqual(await sha256(body.code), row.code_hash))) {
    throw new AppError(403, "handoff_code_mismatch", "This sign-in was finished in another browser, so it was not handed to this page. Please sign in again.");
  }
  if (!row.account_id) throw new AppError(401, row.error_code ?? "sign_in_failed", row.error_message ?? "Signing in did not finish.");
  const session = await newSession(db, row.account_id, "widget", now);
  const [, view] = await db.batch<AccountViewRow>([session.statement, selectAccountView(db, row.account_id)]);
  const live = { tokenHash: session.tokenHash, expiresAt: session.expiresAt, view: toAccountView(view.results[0]) };
  return c.json({ status: "signed_in", token: session.token, ...(await sessionBody(c, live)) });
}
