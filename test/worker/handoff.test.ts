import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  EMBEDDER,
  TestBrowser,
  WORKER,
  api,
  collect,
  emulatorUrl,
  newHandoff,
  popupSignIn,
  popupUntilCallback,
  redirectStart,
  submitEmulatorForm,
} from "../support/browser";
import { expectLogged } from "../support/logs";

describe("widget hand-off: popup", () => {
  it("hands the sign-in to the widget that holds the secret, once", async () => {
    const browser = new TestBrowser();
    const { handoff, page } = await popupSignIn(browser, "chris@contoso.com");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Signed in as Chris Employee");
    // The popup did not get a first-party session: the result belongs to the widget.
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);

    const collected = await collect(handoff.secret);
    expect(collected.status).toBe(200);
    expect(collected.headers.get("access-control-allow-origin")).toBe(EMBEDDER);
    const body = await collected.json<any>();
    expect(body.status).toBe("signed_in");
    expect(body.account.displayName).toBe("Chris Employee");
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await collect(handoff.secret);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: "pending" });

    const session = await (await api("/api/session", body.token)).json<any>();
    expect(session.account.id).toBe(body.account.id);

    // The assertion is verifiable by any back-end with the worker's JWKS, for this origin only.
    const jwks = await (await api("/.well-known/jwks.json")).json<any>();
    const { payload, protectedHeader } = await jwtVerify(session.assertion, createLocalJWKSet(jwks), {
      issuer: WORKER,
      audience: EMBEDDER,
      algorithms: ["ES256"],
    });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.sub).toBe(body.account.id);
    expect(payload.name).toBe("Chris Employee");
    await expect(jwtVerify(session.assertion, createLocalJWKSet(jwks), { audience: "https://evil.example" })).rejects.toThrow();

    const out = await api("/auth/logout", body.token, { method: "POST" });
    expect(out.status).toBe(200);
    expect(await (await api("/api/session", body.token)).json()).toEqual({ account: null, ended: "signed_out" });
  });

  it("answers pending until the popup finishes", async () => {
    const handoff = await newHandoff();
    expect((await collect(handoff.secret)).status).toBe(202);
  });

  it("refuses to start a popup flow without the widget's secret (a link opened by someone else)", async () => {
    const victim = new TestBrowser();
    const attacker = await newHandoff();
    const forged = await victim.worker("/auth/microsoft/start", {
      method: "POST",
      headers: { origin: WORKER, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        secret: (await newHandoff()).secret,
        handoff: attacker.challenge,
        return_to: EMBEDDER,
        display: "popup",
      }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({
      error: {
        code: "handoff_mismatch",
        message: "This sign-in window does not belong to the page that opened it. Close it and start again.",
      },
    });
    expect(victim.flowCookies()).toEqual([]);
  });

  it("gives the popup page only what it needs to ask its opener, escaped", async () => {
    const browser = new TestBrowser();
    const handoff = await newHandoff();
    const page = await browser.worker(
      `/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(EMBEDDER)}&handoff=${handoff.challenge}&login_hint=${encodeURIComponent('"><script>alert(1)</script>')}`,
    );
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain(`"returnOrigin":"${EMBEDDER}"`);
    // The page's one script and style carry this response's nonce, and nothing else may run.
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(page.headers.get("content-security-policy")).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self' ${new URL(emulatorUrl()).origin}; frame-ancestors 'none'; base-uri 'none'`,
    );
    expect(html).toContain(`<script nonce="${nonce}"`);
    expect(
      Object.fromEntries(
        ["x-content-type-options", "referrer-policy", "x-frame-options", "strict-transport-security"].map((h) => [h, page.headers.get(h)]),
      ),
    ).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-frame-options": "SAMEORIGIN",
      "strict-transport-security": "max-age=15552000; includeSubDomains",
    });
    expect(page.headers.get("cross-origin-opener-policy")).toBeNull();
    expect(browser.flowCookies()).toEqual([]);
  });

  it("refuses collection from another origin, and the hand-off is gone afterwards", async () => {
    const browser = new TestBrowser();
    const { handoff } = await popupSignIn(browser, "carla@contoso.com");
    const wrong = await collect(handoff.secret, undefined, WORKER);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as any).error.code).toBe("handoff_origin_mismatch");
    expect((await collect(handoff.secret)).status).toBe(202);
    // Another allowed site that somehow holds the secret burns the result rather than getting it.
    const forged = await popupSignIn(new TestBrowser(), "carla@contoso.com");
    expect((await collect(forged.handoff.secret, undefined, "https://lms.example")).status).toBe(403);
    expect((await collect(forged.handoff.secret)).status).toBe(202);
  });

  it("hands Microsoft's refusal to the widget as a clear error", async () => {
    const browser = new TestBrowser();
    const handoff = await newHandoff();
    const stopped = await popupUntilCallback(browser, "felix@fabrikam.com", handoff);
    // Felix's tenant lets only admins consent: the emulator stops at "Need admin approval".
    expect(stopped.pathname).toMatch(/authorize$/);
    const html = await (await fetch(stopped)).text();
    expect(html).toContain("Need admin approval");
    const back = await submitEmulatorForm(html, stopped, { cancel: "1" });
    const page = await browser.worker(back.pathname + back.search);
    expect(page.status).toBe(400);
    expectLogged("sign_in_failed", { code: "admin_approval_required", detail: /^access_denied: AADSTS90094/ });
    // An answer, not an HTTP error: the host page's console stays clean.
    const res = await collect(handoff.secret);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "failed",
      error: {
        code: "admin_approval_required",
        message:
          "Your organization needs an administrator to approve ThingLink before you can sign in. Ask your IT administrator to grant consent, then try again.",
      },
    });
    expect((await collect(handoff.secret)).status).toBe(202);
  });
});

describe("widget hand-off: full-page redirect", () => {
  async function redirectSignIn(loginHint: string) {
    const browser = new TestBrowser();
    const handoff = await newHandoff();
    const start = await redirectStart(browser, { handoff, returnTo: `${EMBEDDER}/course/42?tab=1`, loginHint });
    expect(start.status).toBe(302);
    const { url } = await browser.follow(start);
    return { handoff, url };
  }

  it("returns to the page with a one-time code in the fragment; secret and code are both needed", async () => {
    const { handoff, url } = await redirectSignIn("rita@riverside-academy.org");
    expect(url.origin + url.pathname + url.search).toBe(`${EMBEDDER}/course/42?tab=1`);
    const code = new URLSearchParams(url.hash.slice(1)).get("thinglink-sso")!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const ok = await collect(handoff.secret, code);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).account.displayName).toBe("Rita Rector");
  });

  it("refuses the holder of the secret without the code (someone else's browser finished the sign-in)", async () => {
    const { handoff } = await redirectSignIn("ray@riverside-academy.org");
    const res = await collect(handoff.secret);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: "handoff_code_mismatch",
        message: "This sign-in was finished in another browser, so it was not handed to this page. Please sign in again.",
      },
    });
    expect((await collect(handoff.secret)).status).toBe(202);
  });
});
