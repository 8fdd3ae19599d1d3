/**
 * The widget collects its sign-in result with the secret only it holds (and, after a
 * full-page redirect, the code delivered to that browser). A poll reads first and writes
 * nothing until a result is there; the result is then taken out in one statement, so it is
 * collected once, by one caller. A failed sign-in is an answer too (status "failed"): the
 * widget shows why, and the host page's console does not fill with red 401s.
 */
import { safeEqual, sha256 } from "../../crypto";
import { AppError } from "../../errors";
import { codeOf, storedErrorMessage } from "../../error-messages";
import type { Lang } from "../../lang";
import { sessionBody } from "../../session/session-body";
import { newSession } from "../../session/session-store";
import { selectAccountView, toAccountExtras, toAccountView, type AccountExtrasRow, type AccountViewRow } from "../../storage/accounts";
import { selectHandoff, takeHandoff, type HandoffRow } from "../../storage/handoffs";
import type { FlowDeps } from "../core";

export interface Collect {
  secret: string;
  code?: string;
  /** The site asking (its Origin): a result is handed only to the site that started the sign-in. */
  site: string;
  lang: Lang;
  /** The organizations whose people a site serves (null: everyone's) — integration/site-map.ts. */
  servedBy: (origin: string) => Promise<Set<string> | null>;
}

/** A failure is kept as its key (error-messages.ts) and its English words; it is worded in the widget's language. */
const failed = (lang: Lang, key: string, english: string) => ({
  status: 200 as const,
  body: { status: "failed", error: { code: codeOf(key), message: storedErrorMessage(lang, key, english) } },
});

export async function collectHandoff(p: Collect, deps: FlowDeps): Promise<{ status: 200 | 202; body: Record<string, unknown> }> {
  const { db, now } = deps;
  const pending = { status: 202 as const, body: { status: "pending" } };
  const challenge = await sha256(p.secret);
  const ready = await selectHandoff(db, challenge, now).first<HandoffRow>();
  if (!ready) return pending;
  // Whoever holds the secret but not the site or the code burns the result: it is never retried.
  if (ready.return_origin !== p.site) {
    await takeHandoff(db, challenge, now).run();
    throw new AppError(403, "handoff_origin_mismatch");
  }
  if (ready.code_hash && !(p.code && safeEqual(await sha256(p.code), ready.code_hash))) {
    await takeHandoff(db, challenge, now).run();
    throw new AppError(403, "handoff_code_mismatch");
  }
  const row = await takeHandoff(db, challenge, now).first<HandoffRow>();
  if (!row) return pending; // another poll of the same widget took it a moment ago
  if (!row.account_id) return failed(p.lang, row.error_code ?? "sign_in_failed", row.error_message ?? "");
  const served = await p.servedBy(row.return_origin);
  if (served) {
    // An organization's own site: only its people get a session there.
    const member = await selectAccountView(db, row.account_id, now).first<AccountViewRow>();
    if (!member?.organization_id || !served.has(member.organization_id)) {
      return failed(p.lang, "site_not_for_account", "");
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
  return { status: 200, body: { status: "signed_in", token: session.token, ...(await sessionBody(live, deps)) } };
}
