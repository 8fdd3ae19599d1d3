/**
 * Sites: a session is honoured, and assertions are issued, only for the
 * site it was handed to; the redirect fallback can only be started by that site.
 */
import { createLocalJWKSet, jwtVerify } from "jose";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  EMBEDDER,
  TestBrowser,
  WORKER,
  api,
  collect,
  newHandoff,
  pageSignIn,
  popupSignIn,
  redirectStart,
  workerFetch,
} from "../support/browser";
import { expectLogged } from "../support/logs";

const OTHER_SITE = "https://lms.example"; // also in ALLOWED_ORIGINS
const db = () => (env as unknown as { DB: D1Database }).DB;

async function widgetToken(loginHint: string) {
  const { handoff } = await popupSignIn(new TestBrowser(), loginHint);
  const body = (await (await collect(handoff.secret)).json()) as any;
  expect(body.status).toBe("signed_in");
  return body.token as string;
}

async function sessionFrom(origin: string | null, token: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (origin) headers.origin = origin;
  return (await (await workerFetch(new Request(`${WORKER}/api/session`, { headers }))).json()) as any;
}

describe("a widget session belongs to the site that collected it", () => {
  it("gives no assertion to another allowed site that presents the token (forged Origin)", async () => {
    const token = await widgetToken("chris@contoso.com");
    const own = await sessionFrom(EMBEDDER, token);
    expect(own.account.displayName).toBe("Chris Employee");
    const jwks = createLocalJWKSet((await (await api("/.well-known/jwks.json")).json()) as any);
    expect((await jwtVerify(own.assertion, jwks, { audience: EMBEDDER, issuer: WORKER })).payload.sub).toBe(own.account.id);

    expect(await sessionFrom(OTHER_SITE, token)).toEqual({ account: null });
    expectLogged("session_origin_mismatch", { sessionOrigin: EMBEDDER, requestOrigin: OTHER_SITE });
    // No Origin at all (a server replaying the token) speaks for the worker's own site: refused too.
    expect(await sessionFrom(null, token)).toEqual({ account: null });
    expectLogged("session_origin_mismatch", { sessionOrigin: EMBEDDER, requestOrigin: WORKER });
    // Still good at home afterwards: a mismatch refuses, it does not revoke.
    expect((await sessionFrom(EMBEDDER, token)).account.displayName).toBe("Chris Employee");
  });

  it("stores the site on the session row", async () => {
    const token = await widgetToken("carla@contoso.com");
    const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
    const b64 = btoa(String.fromCharCode(...new Uint8Array(hash)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const row = await db().prepare("SELECT origin, kind FROM sessions WHERE token_hash = ?").bind(b64).first();
    expect(row).toEqual({ origin: EMBEDDER, kind: "widget" });
  });

  it("binds the first-party cookie session to the worker's own origin", async () => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "ray@riverside-academy.org");
    const home = (await (await browser.worker("/api/session")).json()) as any;
    expect(home.account.displayName).toBe("Ray Pupil");
    const jwks = createLocalJWKSet((await (await api("/.well-known/jwks.json")).json()) as any);
    await jwtVerify(home.assertion, jwks, { audience: WORKER });
    // The same cookie on a credentialed request from an embedding site (third-party cookies allowed).
    const crossSite = await browser.worker("/api/session", { headers: { origin: EMBEDDER } });
    expect(await crossSite.json()).toEqual({ account: null });
    expect(browser.cookies.has("__Host-tl_session")).toBe(true);
    expectLogged("session_origin_mismatch", { sessionOrigin: WORKER, requestOrigin: EMBEDDER });
  });

  it("refuses sessions stored before they were bound to a site", async () => {
    const token = await widgetToken("rita@riverside-academy.org");
    await db()
      .prepare("UPDATE sessions SET origin = NULL WHERE origin = ? AND account_id = (SELECT account_id FROM identities WHERE upn = ?)")
      .bind(EMBEDDER, "rita@riverside-academy.org")
      .run();
    const { sessionCache } = await import("../../worker/session/session-store");
    sessionCache.evictAccounts([
      (await db()
        .prepare("SELECT account_id FROM identities WHERE upn = ?")
        .bind("rita@riverside-academy.org")
        .first<{ account_id: string }>())!.account_id,
    ]);
    expect(await sessionFrom(EMBEDDER, token)).toEqual({ account: null, ended: "expired" });
  });
});

describe("the full-page fallback is started by the embedding page itself", () => {
  it("refuses a GET link that carries a hand-off: nobody can send you one", async () => {
    const handoff = await newHandoff();
    const browser = new TestBrowser();
    const res = await browser.worker(`/auth/microsoft/start?return_to=${encodeURIComponent(`${EMBEDDER}/x`)}&handoff=${handoff.challenge}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "fallback_needs_post",
        message: "A sign-in for an embedding page must be started by that page (a form POST), not by a link.",
      },
    });
    expect(browser.flowCookies()).toEqual([]);
  });

  it("refuses a form POST from any other origin than the page it returns to", async () => {
    const handoff = await newHandoff();
    for (const origin of [OTHER_SITE, WORKER, "https://evil.example"]) {
      const browser = new TestBrowser();
      const res = await redirectStart(browser, { handoff, returnTo: `${EMBEDDER}/course`, origin });
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe("forbidden_origin");
      expect(browser.flowCookies()).toEqual([]);
    }
    const noOrigin = await new TestBrowser().worker("/auth/microsoft/start", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ handoff: handoff.challenge, return_to: `${EMBEDDER}/course` }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it("starts when the page posts it, and goes to Microsoft", async () => {
    const handoff = await newHandoff();
    const browser = new TestBrowser();
    const res = await redirectStart(browser, { handoff, returnTo: `${EMBEDDER}/course` });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);
    expect(browser.flowCookies()).toHaveLength(1);
  });

  it("refuses a popup confirmation posted from anywhere but the worker's own popup page", async () => {
    const handoff = await newHandoff();
    const res = await new TestBrowser().worker("/auth/microsoft/start", {
      method: "POST",
      headers: { origin: EMBEDDER, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ display: "popup", secret: handoff.secret, handoff: handoff.challenge, return_to: EMBEDDER }),
    });
    expect(res.status).toBe(403);
  });
});

describe("a popup cut off from its opener", () => {
  async function report(challenge: string, origin = WORKER, fromPage = "1") {
    return new TestBrowser().worker("/auth/microsoft/popup-orphaned", {
      method: "POST",
      headers: { origin, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ handoff: challenge, return_to: EMBEDDER, lang: "fi", from_page: fromPage }),
    });
  }

  it("tells the widget to continue with a full-page redirect, and says so in the window", async () => {
    const handoff = await newHandoff();
    const page = await report(handoff.challenge);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Kirjautuminen jatkuu sivulla, jolta tulit.");
    expect(html).not.toContain("not opened by the page");
    // Opened from anywhere but the page it names (a copied link), it says it cannot continue.
    const copied = await (await report((await newHandoff()).challenge, WORKER, "0")).text();
    expect(copied).toContain("Tässä ikkunassa kirjautumista ei voi jatkaa.");
    const res = await collect(handoff.secret);
    expect(await res.json()).toEqual({
      status: "failed",
      error: { code: "popup_no_opener", message: "The sign-in window lost its connection to the page; continuing in the page." },
    });
  });

  it("never overwrites a finished sign-in, and is accepted only from the worker's own page", async () => {
    const { handoff } = await popupSignIn(new TestBrowser(), "tomas@northwood.edu");
    expect((await report(handoff.challenge)).status).toBe(200);
    expect(((await (await collect(handoff.secret)).json()) as any).status).toBe("signed_in");
    const other = await newHandoff();
    expect((await report(other.challenge, EMBEDDER)).status).toBe(403);
    expect((await collect(other.secret)).status).toBe(202);
  });
});

describe("the isolate's session cache", () => {
  it("keeps no misses: random bearer tokens cannot push real sessions out", async () => {
    const { sessionCache } = await import("../../worker/session/session-store");
    const token = await widgetToken("tomas@northwood.edu");
    expect((await sessionFrom(EMBEDDER, token)).account.displayName).toBe("Tomás Teacher");
    const before = sessionCache.size;
    for (let i = 0; i < 25; i++) {
      const guess = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
      expect(await sessionFrom(EMBEDDER, guess)).toEqual({ account: null });
    }
    expect(sessionCache.size).toBe(before);
    expect((await sessionFrom(EMBEDDER, token)).account.displayName).toBe("Tomás Teacher");
  });
});
