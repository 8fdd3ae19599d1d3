/**
 * An organization's embed origins (docs/security.md, "Who owns a site"), behind
 * requireOrgAdmin: list them, replace the list, and check one now. A listed origin is
 * pending, with no effect anywhere, until its site serves the organization's token at
 * /.well-known/thinglink-sso.txt (or support approves it); the first proof wins.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { register } from "../http/register";
import { route } from "../api/registry";
import { OriginList, EmbedOrigin } from "../api/schemas";
import { AppError } from "../errors";
import { forgetEmbedOrigins, ownOrigin } from "../http/origins";
import { parseOrigins } from "../integration/embed-origin";
import { WELL_KNOWN_PATH, proveSite, siteToken, type SiteCheckError } from "../integration/site-proof";
import { log } from "../log";
import { pageLang, type Lang } from "../pages/strings";
import { insertAuditEvent } from "../storage/audit-events";
import {
  markEmbedOriginVerified,
  recordEmbedOriginCheck,
  replaceEmbedOrigins,
  selectEmbedOrigin,
  selectEmbedOrigins,
  type EmbedOriginRow,
} from "../storage/embed-origins";
import { isUniqueViolation } from "../storage/errors";

const getOrigins = route({
  method: "get",
  path: "/api/orgs/{id}/embed-origins",
  auth: "org_admin",
  docs: __DOCS__ && {
    summary: "The organization's embed origins, each pending or verified, and the token its sites serve to prove them",
    response: OriginList,
  },
});
const putOrigins = route({
  method: "put",
  path: "/api/orgs/{id}/embed-origins",
  auth: "org_admin",
  body: () => z.object({ origins: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20)) }),
  docs: __DOCS__ && {
    summary:
      "Replace the list (exact https:// origins of named sites, no paths): new ones are pending until proven; those kept keep their proof",
    response: OriginList,
  },
});
const checkOrigin = route({
  method: "post",
  path: "/api/orgs/{id}/embed-origins/check",
  auth: "org_admin",
  body: () => z.object({ origin: z.string().check(z.maxLength(300)) }),
  docs: __DOCS__ && {
    summary:
      "Check now: fetch the origin's /.well-known/thinglink-sso.txt (https, no redirects, ≤ 4 KB, ≤ 5 s) and prove the origin if it holds the token",
    response: z.object({ origin: EmbedOrigin }),
    errors: { 404: "Not one of the organization's origins", 422: "Not proven: the answer says why (also kept on the origin)" },
  },
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A check failure, kept as `code` or `code:status`, as the refusal that words it. */
function notProven(stored: string) {
  const [code, status] = stored.split(":");
  return new AppError(422, `origin_not_proven.${code as SiteCheckError}`, {
    path: WELL_KNOWN_PATH,
    status: status ? Number(status) : undefined,
  });
}

function entryOf(row: EmbedOriginRow, lang: Lang) {
  const error = row.check_error
    ? { code: row.check_error.split(":")[0], message: notProven(row.check_error).body(lang).error.message }
    : null;
  return {
    origin: row.origin,
    status: row.status,
    verifiedAt: iso(row.verified_at),
    verifiedBy: row.verified_by,
    lastCheck: row.checked_at === null ? null : { at: iso(row.checked_at)!, error },
  };
}

const orgId = (c: Context<AppEnv>) => c.var.admin.organization.id;

async function list(c: Context<AppEnv>) {
  const { results } = await selectEmbedOrigins(c.env.DB, orgId(c)).all<EmbedOriginRow>();
  const lang = pageLang(c);
  return {
    origins: results.map((r) => entryOf(r, lang)),
    token: await siteToken(c.var.config.sealSecret, orgId(c)),
    wellKnownPath: WELL_KNOWN_PATH,
  };
}

const audit = (c: Context<AppEnv>, action: string, detail: Record<string, unknown>) =>
  insertAuditEvent(c.env.DB, {
    organizationId: orgId(c),
    actorType: "account",
    actorId: c.var.admin.actor.view.account.id,
    action,
    target: null,
    detail,
    now: c.var.now(),
  });

export const embedOriginRoutes = new Hono<AppEnv>();

register(embedOriginRoutes, getOrigins, async (c) => c.json(await list(c)));
register(embedOriginRoutes, putOrigins, async (c, input) => {
  const origins = parseOrigins(input.body.origins, new URL(ownOrigin(c)).hostname);
  const db = c.env.DB;
  const { results } = await selectEmbedOrigins(db, orgId(c)).all<EmbedOriginRow>();
  // Saved again unchanged: nothing to write, nothing to audit.
  if (results.map((r) => r.origin).join(" ") !== origins.join(" ")) {
    await db.batch([...replaceEmbedOrigins(db, orgId(c), origins, c.var.now()), audit(c, "embed_origins.updated", { origins })]);
    forgetEmbedOrigins();
  }
  return c.json(await list(c));
});
register(embedOriginRoutes, checkOrigin, async (c, input) => {
  const [origin] = parseOrigins([input.body.origin], new URL(ownOrigin(c)).hostname);
  const db = c.env.DB;
  const row = await selectEmbedOrigin(db, orgId(c), origin).first<EmbedOriginRow>();
  if (!row) throw new AppError(404, "origin_not_listed", { origin });
  const lang = pageLang(c);
  if (row.status === "verified") return c.json({ origin: entryOf(row, lang) });
  const now = c.var.now();
  const proof = await proveSite(origin, await siteToken(c.var.config.sealSecret, orgId(c)));
  let error = proof.ok ? null : proof.status ? `${proof.reason}:${proof.status}` : proof.reason;
  if (proof.ok) {
    try {
      await db.batch([
        markEmbedOriginVerified(db, { organizationId: orgId(c), origin, by: "site", now }),
        audit(c, "embed_origin.verified", { origin, by: "site" }),
      ]);
      forgetEmbedOrigins();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      error = "origin_taken";
    }
  }
  if (error) {
    log.warn("embed_origin_not_proven", { origin, reason: error });
    await recordEmbedOriginCheck(db, { organizationId: orgId(c), origin, error, now }).run();
    // The reason is in the message (in the admin's language), not in the code.
    throw notProven(error);
  }
  return c.json({ origin: entryOf((await selectEmbedOrigin(db, orgId(c), origin).first<EmbedOriginRow>())!, lang) });
});
