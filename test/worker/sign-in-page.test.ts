import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TestBrowser, WORKER, pageSignIn } from "../support/browser";

const db = () => (env as unknown as { DB: D1Database }).DB;

describe("first-party sign-in (full-page redirect, session cookie)", () => {
  it("signs Sam in, keeps the session, then signs out", async () => {
    const browser = new TestBrowser();
    const { response, url } = await pageSignIn(browser, "sam@northwood.edu", "/welcome");
    expect(response.status).toBe(302);
    expect(url.href).toBe(`${WORKER}/welcome`);
    expect([...browser.cookies.keys()]).toContain("__Host-tl_session");
    expect(browser.flowCookies()).toEqual([]);

    const session = await (await browser.worker("/api/session")).json<any>();
    expect(session.account.displayName).toBe("Sam Student");
    expect(session.organization).toBeNull();

    const stored = await db()
      .prepare("SELECT token_hash FROM sessions WHERE account_id = ?")
      .bind(session.account.id)
      .first<{ token_hash: string }>();
    expect(stored!.token_hash).not.toBe(browser.cookies.get("__Host-tl_session"));

    const out = await browser.worker("/auth/logout", { method: "POST", headers: { origin: WORKER } });
    expect(out.status).toBe(200);
    expect(await (await browser.worker("/api/session")).json()).toEqual({ account: null });
  });

  it("lands on the worker's own page by default, which shows who is signed in and signs out", async () => {
    const browser = new TestBrowser();
    const { url } = await pageSignIn(browser, "ada@northwood.edu", "/");
    expect(url.href).toBe(`${WORKER}/`);
    const home = await (await browser.worker("/")).text();
    expect(home).toContain("Signed in as <strong>Ada Lovelace</strong>");
    const out = await browser.worker("/auth/logout", {
      method: "POST",
      headers: { origin: WORKER, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/");
    expect(await (await browser.worker("/")).text()).toContain("You are not signed in.");
  });

  it("rotates the session at sign-in: the old cookie session is revoked", async () => {
    const browser = new TestBrowser();
    await pageSignIn(browser, "tomas@northwood.edu");
    const first = browser.cookies.get("__Host-tl_session")!;
    await pageSignIn(browser, "tomas@northwood.edu");
    const second = browser.cookies.get("__Host-tl_session")!;
    expect(second).not.toBe(first);
    const old = new TestBrowser();
    old.cookies.set("__Host-tl_session", first);
    expect(await (await old.worker("/api/session")).json()).toEqual({ account: null, ended: "replaced" });
  });

  it("sets the flow cookie as __Host-, HttpOnly, Secure, SameSite=Lax, and writes nothing to D1 at start", async () => {
    const before = await db()
      .prepare("SELECT (SELECT COUNT(*) FROM used_flow_states) + (SELECT COUNT(*) FROM handoffs) + (SELECT COUNT(*) FROM sessions) AS n")
      .first<{ n: number }>();
    const browser = new TestBrowser();
    const start = await browser.worker("/auth/microsoft/start?return_to=/x");
    expect(start.status).toBe(302);
    const location0 = new URL(start.headers.get("location")!);
    const cookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith(`__Host-tl_flow_${location0.searchParams.get("state")!.slice(0, 22)}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const location = new URL(start.headers.get("location")!);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("response_mode")).toBe("query");
    expect(location.searchParams.get("redirect_uri")).toBe(`${WORKER}/auth/microsoft/callback`);
    expect(location.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const after = await db()
      .prepare("SELECT (SELECT COUNT(*) FROM used_flow_states) + (SELECT COUNT(*) FROM handoffs) + (SELECT COUNT(*) FROM sessions) AS n")
      .first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });
});
