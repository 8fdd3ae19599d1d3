/**
 * Browser routes of admin consent (docs/security.md): "Grant consent now" (a sealed ticket
 * that goes on only in the asking admin's own browser), the Global Administrator's link (a page,
 * then a form POST), Microsoft's admin-consent redirect, and the answer to the "connect
 * this organization?" page of way (c). None of them makes anything active: only the proof
 * sign-in does.
 */
import type { Context } from "hono";
import { Hono } from "../http/hono";
import * as z from "zod/mini";
import type { AppEnv } from "../http/app-env";
import { lazy } from "../api/registry";
import { AppError } from "../errors";
import { handleConsentCallback } from "../flows/consent/callbacks";
import { answerSignInConsent } from "../flows/consent/during-sign-in";
import { continueConsentLink, openConsentTicket, showConsentLink } from "../flows/consent/requests";
import { CONSENT_START_PATH } from "../flows/consent/ticket";
import { browserHashOf, takeFlowCookie, takeQuestionCookie } from "../http/cookies";
import { fromOwnPage } from "../http/origins";
import { flowDeps, respond } from "../http/outcome";
import { byClientAddress, rateLimit } from "../http/rate-limit";
import { formBody, parseInput } from "../http/validate";
import { pageLang } from "../pages/strings";

// Built on first use, not at startup (see lazy in api/registry.ts).
const linkForm = lazy(() =>
  z.object({ token: z.string().check(z.minLength(1), z.maxLength(1024)), lang: z.optional(z.string().check(z.maxLength(35))) }),
);
const choiceForm = lazy(() =>
  z.object({ pending: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)), choice: z.string().check(z.maxLength(64)) }),
);

const consentLimit = rateLimit("SIGN_IN_LIMITER", "consent", byClientAddress);
const ownPageOnly = (c: Context<AppEnv>) => {
  if (!fromOwnPage(c)) throw new AppError(403, "forbidden_origin");
};

export const consentRoutes = new Hono<AppEnv>()
  .get(CONSENT_START_PATH.replace("/auth/microsoft", ""), consentLimit, async (c) => {
    const input = { ticket: c.req.query("ticket"), lang: pageLang(c), browserHash: await browserHashOf(c) };
    return respond(c, await openConsentTicket(input, flowDeps(c)));
  })
  .get("/admin-consent/link", consentLimit, async (c) => {
    return respond(c, await showConsentLink(c.req.query("token") ?? "", pageLang(c, c.req.query("lang")), flowDeps(c)));
  })
  .post("/admin-consent/link", consentLimit, async (c) => {
    const form = parseInput(linkForm(), await formBody(c.req), "consent");
    ownPageOnly(c);
    return respond(c, await continueConsentLink(form.token, pageLang(c, form.lang), flowDeps(c)));
  })
  .get("/admin-consent/callback", consentLimit, async (c) => {
    const query = c.req.query();
    const flow = await takeFlowCookie(c, query.state);
    return respond(c, await handleConsentCallback({ query, flow, lang: pageLang(c, query.lang) }, flowDeps(c)));
  })
  .post("/sign-in-consent", consentLimit, async (c) => {
    const form = parseInput(choiceForm(), await formBody(c.req), "answer");
    ownPageOnly(c);
    const answered = await answerSignInConsent(await takeQuestionCookie(c, form.pending), form.choice, flowDeps(c));
    if (answered) return respond(c, answered);
    throw new AppError(400, "flow_not_found");
  });
