/**
 * Sign-in routes (docs/architecture.md, "Sign-in"): start (GET for first-party pages and the widget's popup; POST for the
 * popup's confirmation and the widget's full-page fallback), the popup's "no opener"
 * report, the callback, hand-off collection and logout.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { sha256, safeEqual } from "../crypto";
import { AppError } from "../errors";
import { fromOwnPage, parseReturnTo } from "../http/origins";
import { byClientAddress, byHandoff, charge, rateLimit } from "../http/rate-limit";
import { clearSessionCookie, requestOrigin, sessionTokenOf } from "../http/session-token";
import { formBody, parseInput } from "../http/validate";
import { lazy, route } from "../api/registry";
import { register } from "../http/register";
import { Session } from "../api/schemas";
import { messagePage } from "../pages/layout";
import { popupStartPage } from "../pages/popup-start";
import { pageLang, strings } from "../pages/strings";
import { revokeStatement } from "../session/session-store";
import { handleCallback } from "../flows/callback";
import { collectHandoff } from "../flows/sign-in/collect";
import { HANDOFF_LIFETIME_MS } from "../flows/sign-in/deliver";
import { beginSignIn } from "../flows/sign-in/start";
import { takeFlowCookie } from "../http/cookies";
import { flowDeps, respond } from "../http/outcome";
import { organizationsServedBy } from "../http/origins";
import { insertHandoffIfAbsent } from "../storage/handoffs";

// Built on first use, not at startup (see lazy in api/registry.ts).
const secret = () => z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, "must be 32 random bytes, base64url"));
const text = (max: number) => z.string().check(z.maxLength(max));
const startFields = () => ({
  return_to: z.optional(text(2048)),
  login_hint: z.optional(text(256)),
  prompt: z.optional(z.enum(["select_account", "login", "consent"])),
  lang: z.optional(text(35)),
});
const startQuery = lazy(() =>
  z.object({ ...startFields(), display: z.optional(z.enum(["popup", "page"])), handoff: z.optional(secret()) }),
);
const popupConfirmation = lazy(() => z.object({ ...startFields(), display: z.literal("popup"), handoff: secret(), secret: secret() }));
const redirectFallback = lazy(() => z.object({ ...startFields(), display: z.optional(z.literal("page")), handoff: secret() }));
const orphanReport = lazy(() =>
  z.object({ handoff: secret(), return_to: text(2048), lang: z.optional(text(35)), from_page: z.optional(z.enum(["0", "1"])) }),
);

const handoffRoute = route({
  method: "post",
  path: "/auth/handoff",
  auth: "none",
  body: () => z.object({ secret: secret(), code: z.optional(text(64)) }),
  docs: __DOCS__ && {
    summary: "The widget collects its sign-in with its secret (and, after a full-page redirect, the code from the URL fragment)",
    response: z.union([
      z.object({ status: z.literal("pending") }),
      z.extend(Session, { status: z.literal("signed_in"), token: z.string() }),
      z.object({ status: z.literal("failed"), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
    errors: { 403: "Collected from another site, or without the code a full-page redirect needs" },
  },
});
const logoutRoute = route({
  method: "post",
  path: "/auth/logout",
  auth: "none",
  docs: __DOCS__ && {
    summary: "Ends the session the request presents (its bearer token or cookie), if any",
    response: z.object({ signedOut: z.literal(true) }),
  },
});

async function returnToOf(c: Context<AppEnv>, value: string | undefined, widget: boolean) {
  const returnTo = await parseReturnTo(c, value, { widget });
  if (!returnTo) throw new AppError(400, "invalid_return_to");
  return returnTo;
}

// Per client address, once per sign-in, where its flow starts; generous on purpose (a school signs in through one NAT address).
const signInLimit = rateLimit("SIGN_IN_LIMITER", "sign-in", byClientAddress);
// The popup's first page stores nothing and starts nothing: its confirmation (the POST) is what counts.
const startLimit = rateLimit("SIGN_IN_LIMITER", "sign-in", byClientAddress, { when: (c) => c.req.query("display") !== "popup" });

export const authRoutes = new Hono<AppEnv>()
  .get("/auth/microsoft/start", startLimit, async (c) => {
    const q = parseInput(startQuery(), c.req.query(), "sign-in request");
    // The popup's first page hands over nothing unless the page at return_to opened it.
    const returnTo = await returnToOf(c, q.return_to, q.display === "popup");
    const lang = pageLang(c, q.lang);
    if (q.display === "popup") {
      if (!q.handoff) throw new AppError(400, "invalid_request.handoff_missing");
      return c.html(
        popupStartPage(c.var.secureHeadersNonce, {
          returnOrigin: returnTo.origin,
          returnTo: returnTo.url,
          handoff: q.handoff,
          loginHint: q.login_hint,
          prompt: q.prompt,
          lang,
        }),
      );
    }
    // A link that anyone can send must never start a flow whose result a widget collects.
    if (q.handoff) {
      throw new AppError(400, "fallback_needs_post");
    }
    return respond(
      c,
      await beginSignIn({ returnTo, mode: "page", handoff: null, loginHint: q.login_hint, prompt: q.prompt, lang }, flowDeps(c)),
    );
  })
  .post("/auth/microsoft/start", signInLimit, async (c) => {
    const form = await formBody(c.req);
    const origin = c.req.header("origin");
    if (form.display === "popup") {
      // The popup's own first page posts this, with the secret its opener gave it.
      const p = parseInput(popupConfirmation(), form, "sign-in request");
      if (!fromOwnPage(c)) throw new AppError(403, "forbidden_origin");
      if (!safeEqual(await sha256(p.secret), p.handoff)) {
        throw new AppError(403, "handoff_mismatch");
      }
      const returnTo = await returnToOf(c, p.return_to, true);
      const start = {
        returnTo,
        mode: "popup" as const,
        handoff: p.handoff,
        loginHint: p.login_hint,
        prompt: p.prompt,
        lang: pageLang(c, p.lang),
      };
      return respond(c, await beginSignIn(start, flowDeps(c)));
    }
    // The widget's full-page fallback: a top-level form POST from the embedding page itself.
    const p = parseInput(redirectFallback(), form, "sign-in request");
    const returnTo = await returnToOf(c, p.return_to, true);
    if (origin !== returnTo.origin) {
      throw new AppError(403, "forbidden_origin.not_returning");
    }
    const start = {
      returnTo,
      mode: "redirect" as const,
      handoff: p.handoff,
      loginHint: p.login_hint,
      prompt: p.prompt,
      lang: pageLang(c, p.lang),
    };
    return respond(c, await beginSignIn(start, flowDeps(c)));
  })
  .post("/auth/microsoft/popup-orphaned", signInLimit, async (c) => {
    // The popup's first page found no opener: tell the widget (by its hand-off) to go full-page.
    const p = parseInput(orphanReport(), await formBody(c.req), "report");
    if (!fromOwnPage(c)) throw new AppError(403, "forbidden_origin");
    const returnTo = await returnToOf(c, p.return_to, true);
    const now = c.var.now();
    await insertHandoffIfAbsent(c.env.DB, {
      challenge: p.handoff,
      accountId: null,
      error: { code: "popup_no_opener", message: "The sign-in window lost its connection to the page; continuing in the page." },
      codeHash: null,
      returnOrigin: returnTo.origin,
      browserHash: null,
      now,
      expiresAt: now + HANDOFF_LIFETIME_MS,
    }).run();
    const lang = pageLang(c, p.lang);
    const t = strings(lang);
    // Long enough to be read; the page itself moves on to Microsoft within a poll or two.
    if (p.from_page !== "1") return c.html(messagePage(c.var.secureHeadersNonce, lang, { title: t.notHere, message: t.cannotContinue }));
    return c.html(
      messagePage(c.var.secureHeadersNonce, lang, { title: t.signingIn, message: t.continuesInPage, closeHint: true, closeAfterMs: 3000 }),
    );
  })
  .get("/auth/microsoft/callback", async (c) => {
    const query = c.req.query();
    const flow = await takeFlowCookie(c, query.state);
    // A sign-in completing in the browser that started it is never told to wait by its address; anything else is counted.
    // Its flow is: a flow cookie kept and replayed with made-up codes is refused before Microsoft's token endpoint is asked.
    if (!flow) await charge(c, "CALLBACK_FAILURE_LIMITER", "sign-in", byClientAddress);
    else await charge(c, "FLOW_STATE_LIMITER", "sign-in", async () => `s:${await sha256(query.state)}`);
    return respond(c, await handleCallback({ query, flow, lang: pageLang(c) }, flowDeps(c)));
  });

// The JSON routes of sign-in: collecting a hand-off, and signing out.
register(
  authRoutes,
  handoffRoute,
  async (c, input) => {
    const { secret, code } = input.body;
    const collect = { secret, code, site: requestOrigin(c), lang: pageLang(c), servedBy: (o: string) => organizationsServedBy(c, o) };
    const answer = await collectHandoff(collect, flowDeps(c));
    return c.json(answer.body, answer.status);
  },
  {
    before: [
      rateLimit("HANDOFF_LIMITER", "sign-in status", byHandoff),
      rateLimit("HANDOFF_ADDRESS_LIMITER", "sign-in status", byClientAddress),
    ],
  },
);

register(authRoutes, logoutRoute, async (c) => {
  const current = sessionTokenOf(c);
  if (current) await (await revokeStatement(c.env.DB, current.token, c.var.now(), "signed_out")).run();
  clearSessionCookie(c);
  // A form on the worker's own page navigates here; API clients get JSON.
  if ((c.req.header("accept") ?? "").includes("text/html")) return c.redirect("/", 303);
  return c.json({ signedOut: true as const });
});
