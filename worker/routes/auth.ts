/** §3.1 routes: start (GET, or POST from the popup), callback, hand-off collection, logout. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { sha256, safeEqual } from "../crypto";
import { AppError } from "../errors";
import { parseReturnTo } from "../http/origins";
import { rateLimit } from "../http/rate-limit";
import { clearSessionCookie, sessionTokenOf } from "../http/session-token";
import { formBody, jsonBody, parseInput } from "../http/validate";
import { popupStartPage } from "../pages/popup-start";
import { revokeStatement } from "../session/session-store";
import { handleCallback } from "../sign-in/callback";
import { collectHandoff } from "../sign-in/collect";
import { beginSignIn } from "../sign-in/start";

const secret = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be 32 random bytes, base64url");
const startQuery = z.object({
  return_to: z.string().max(2048).optional(),
  display: z.enum(["popup", "page"]).optional(),
  handoff: secret.optional(),
  login_hint: z.string().max(256).optional(),
  prompt: z.enum(["select_account", "login", "consent"]).optional(),
});
const popupForm = startQuery.extend({ secret, handoff: secret, display: z.literal("popup") });

async function returnToOf(c: Parameters<typeof parseReturnTo>[0], value: string | undefined) {
  const returnTo = await parseReturnTo(c, value);
  if (!returnTo) throw new AppError(400, "invalid_return_to", "return_to must be a path on this site or a page on an origin allowed to embed ThingLink sign-in.");
  return returnTo;
}

// Per client IP and isolate; see rate-limit.ts for why these are high.
const signInLimit = rateLimit("sign-in", 600, 60_000);

export const authRoutes = new Hono<AppEnv>()
  .get("/microsoft/start", signInLimit, async (c) => {
    const q = parseInput(startQuery, c.req.query(), "sign-in request");
    const returnTo = await returnToOf(c, q.return_to);
    if (q.display === "popup") {
      if (!q.handoff) throw new AppError(400, "invalid_request", "A popup sign-in needs the widget's handoff value.");
      return c.html(popupStartPage(c.var.secureHeadersNonce, { returnOrigin: returnTo.origin, returnTo: returnTo.url, handoff: q.handoff, loginHint: q.login_hint, prompt: q.prompt }));
    }
    return beginSignIn(c, { returnTo, mode: q.handoff ? "redirect" : "page", handoff: q.handoff ?? null, loginHint: q.login_hint, prompt: q.prompt });
  })
  .post("/microsoft/start", signInLimit, async (c) => {
    const form = parseInput(popupForm, await formBody(c.req), "sign-in request");
    if (!safeEqual(await sha256(form.secret), form.handoff)) {
      throw new AppError(403, "handoff_mismatch", "This sign-in window does not belong to the page that opened it. Close it and start again.");
    }
    const returnTo = await returnToOf(c, form.return_to);
    return beginSignIn(c, { returnTo, mode: "popup", handoff: form.handoff, loginHint: form.login_hint, prompt: form.prompt });
  })
  .get("/microsoft/callback", (c) => handleCallback(c))
  .post("/handoff", rateLimit("sign-in status", 6000, 60_000), async (c) => {
    const body = parseInput(z.object({ secret, code: z.string().max(64).optional() }), await jsonBody(c.req), "hand-off");
    return collectHandoff(c, body);
  })
  .post("/logout", async (c) => {
    const current = sessionTokenOf(c);
    if (current) await (await revokeStatement(c.env.DB, current.token, c.var.now())).run();
    clearSessionCookie(c);
    // A form on the worker's own page navigates here; API clients get JSON.
    if ((c.req.header("accept") ?? "").includes("text/html")) return c.redirect("/", 303);
    return c.json({ signedOut: true });
  });
