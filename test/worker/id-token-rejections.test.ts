/**
 * Every ID-token validation rule, end to end: the emulator's token endpoint issues a
 * tampered ID token, and the worker must refuse it with a readable page, create
 * no account and no session.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TestBrowser, WORKER, emulator, emulatorUrl, pageSignIn, untilCallback } from "../support/browser";
import { expectLogged } from "../support/logs";

const db = () => (env as unknown as { DB: D1Database }).DB;
const USER = "saara@northwood.edu"; // never signs in successfully in this file
const SAARA_OID = "0a1b2c3d-0001-4000-8000-000000000004";
const TID = "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f";

async function signInWithTamper(tamper: Record<string, unknown>) {
  await emulator("/_emulator/tamper", { user: USER, ...tamper });
  const browser = new TestBrowser();
  const consented = await emulator("/_emulator/admin-consent", { tenantId: TID });
  expect(consented.ok).toBe(true);
  const { response, url } = await pageSignIn(browser, USER);
  return { response, url, browser };
}

/** Refused with the generic page; the precise reason is in the log only. */
async function expectRefused(tamper: Record<string, unknown>, reason: RegExp) {
  const { response, url, browser } = await signInWithTamper(tamper);
  expectLogged("sign_in_failed", { code: "sign_in_failed", detail: reason });
  expect(url.pathname).toBe("/auth/microsoft/callback");
  expect(response.status).toBe(400);
  const html = await response.text();
  expect(html).toContain("We could not verify Microsoft&#39;s answer, so you were not signed in.");
  expect(html).toContain("sign_in_failed");
  expect(html).not.toContain("ID token");
  expect(browser.cookies.has("__Host-tl_session")).toBe(false);
  const identity = await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind(SAARA_OID).first<{ n: number }>();
  expect(identity!.n).toBe(0);
}

describe("the worker refuses forged or malformed ID tokens from the provider", () => {
  const iat = () => Math.floor(Date.now() / 1000);
  it("iss that does not match the template with tid", () =>
    expectRefused(
      { claims: { iss: `${emulatorUrl()}/7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70/v2.0` } },
      /^issuer_mismatch: ID token iss ".*7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70\/v2\.0" does not equal the expected issuer ".*6e9d4f1a/,
    ));
  it("iss of another host with the right tid", () =>
    expectRefused({ claims: { iss: `https://evil.example/${TID}/v2.0` } }, /^issuer_mismatch: ID token iss "https:\/\/evil\.example/));
  it("tid that is not a GUID", () =>
    expectRefused(
      { claims: { tid: "organizations", iss: `${emulatorUrl()}/organizations/v2.0` } },
      /^tid_invalid: ID token claim "tid" is not a GUID$/,
    ));
  it("wrong aud", () =>
    expectRefused(
      { claims: { aud: "11111111-2222-3333-4444-555555555555" } },
      /^audience_mismatch: ID token aud does not contain the client ID$/,
    ));
  it("missing aud", () => expectRefused({ claims: { aud: null } }, /^claim_missing: ID token claim "aud" is missing$/));
  it("expired", () =>
    expectRefused({ claims: { exp: iat() - 3600, iat: iat() - 7200, nbf: iat() - 7200 } }, /^expired: ID token has expired/));
  it("nbf in the future", () => expectRefused({ claims: { nbf: iat() + 3600 } }, /^not_yet_valid: /));
  it("iat in the future", () => expectRefused({ claims: { iat: iat() + 3600, nbf: null } }, /^issued_in_future: /));
  it("wrong nonce", () =>
    expectRefused({ claims: { nonce: "attacker-nonce" } }, /^nonce_mismatch: ID token nonce does not match the sign-in request$/));
  it("missing nonce", () => expectRefused({ claims: { nonce: null } }, /^claim_missing: ID token claim "nonce" is missing$/));
  it("missing oid", () => expectRefused({ claims: { oid: null } }, /^claim_missing: ID token claim "oid" is missing$/));
  it("alg none", () => expectRefused({ alg: "none" }, /^alg_not_allowed: ID token alg "none" is not allowed; only RS256 is accepted$/));
  it("HS256 keyed with the public key", () => expectRefused({ alg: "HS256" }, /^alg_not_allowed: ID token alg "HS256"/));
  it("a flipped signature byte", () =>
    expectRefused({ flipSignature: true }, /^signature_invalid: ID token signature verification failed$/));
  it("a key named by jku", () =>
    expectRefused(
      { header: { jku: "https://evil.example/keys" } },
      /^header_key_not_allowed: ID token header parameter "jku" is not allowed/,
    ));
  it("a key the JWKS publishes for another tenant only (its `issuer` names that tenant)", () =>
    expectRefused(
      { keyIssuer: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70" },
      /^key_issuer_mismatch: The signing key's issuer ".*7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70\/v2\.0" does not match the ID token iss ".*6e9d4f1a/,
    ));
  it("a key the JWKS does not have, even after one refetch", () =>
    expectRefused({ unpublishedKey: true }, /^unknown_kid: No key with kid "[^"]+" in the provider's JWKS$/));

  it("still signs the same user in when nothing is tampered with", async () => {
    const { response, browser } = await signInWithTamper({ claims: {} });
    expect(response.status).toBe(302);
    expect(browser.cookies.has("__Host-tl_session")).toBe(true);
    await db().prepare("DELETE FROM identities WHERE oid = ?").bind(SAARA_OID).run();
  });
});

describe("flow binding", () => {
  it("refuses a callback without the browser's flow cookie", async () => {
    const { url } = await untilCallback("sam@northwood.edu");
    const other = new TestBrowser();
    const res = await other.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This sign-in cannot be finished in this browser");
    expect(other.cookies.has("__Host-tl_session")).toBe(false);
    expectLogged("sign_in_refused", { reason: "flow_cookie_missing" });
  });

  it("refuses a callback whose state is not the cookie's", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    url.searchParams.set("state", "x".repeat(43));
    const res = await browser.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);
    expectLogged("sign_in_refused", { reason: "flow_cookie_missing" });
  });

  it("refuses a cookie sealed for one state under another state's name", async () => {
    const first = await untilCallback("sam@northwood.edu");
    const second = await untilCallback("sam@northwood.edu");
    const [[, sealedFirst]] = first.browser.flowCookies();
    const [[nameSecond]] = second.browser.flowCookies();
    second.browser.cookies.set(nameSecond, sealedFirst);
    const res = await second.browser.worker(second.url.pathname + second.url.search);
    expect(res.status).toBe(400);
    expectLogged("sign_in_refused", { reason: "flow_cookie_missing" });
  });

  it("refuses a replayed state, even with the same flow cookie", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const [[name, flowCookie]] = browser.flowCookies();
    expect((await browser.worker(url.pathname + url.search)).status).toBe(302);
    expect(browser.flowCookies()).toEqual([]);
    const replay = new TestBrowser();
    replay.cookies.set(name, flowCookie);
    const res = await replay.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(replay.cookies.has("__Host-tl_session")).toBe(false);
    // Microsoft's codes are single-use too, so the replay fails at the token endpoint first.
    expectLogged("sign_in_failed", { code: "token_request_failed", aadsts: "54005" });
  });

  it("refuses a flow cookie that was tampered with", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const [[name, sealed]] = browser.flowCookies();
    browser.cookies.set(name, sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA"));
    const res = await browser.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expectLogged("sign_in_refused", { reason: "flow_cookie_missing" });
  });

  it("keeps two sign-ins of one browser apart: a second tab does not end the first", async () => {
    const browser = new TestBrowser();
    const first = await untilCallback("sam@northwood.edu", browser);
    const second = await untilCallback("tomas@northwood.edu", browser);
    expect(browser.flowCookies()).toHaveLength(2);
    const done = await browser.worker(first.url.pathname + first.url.search);
    expect(done.status).toBe(302);
    expect(((await (await browser.worker("/api/session")).json()) as any).account.displayName).toBe("Sam Student");
    const alsoDone = await browser.worker(second.url.pathname + second.url.search);
    expect(alsoDone.status).toBe(302);
    expect(((await (await browser.worker("/api/session")).json()) as any).account.displayName).toBe("Tomás Teacher");
    expect(browser.flowCookies()).toEqual([]);
  });
});

describe("Microsoft's errors", () => {
  it("turns a cancelled sign-in into a clear page, not a stack trace", async () => {
    const browser = new TestBrowser();
    const start = await browser.worker("/auth/microsoft/start?return_to=/x");
    const authorize = new URL(start.headers.get("location")!);
    const callback = new URL(`${WORKER}/auth/microsoft/callback`);
    callback.searchParams.set("state", authorize.searchParams.get("state")!);
    callback.searchParams.set("error", "access_denied");
    callback.searchParams.set("error_subcode", "cancel");
    callback.searchParams.set("error_description", "AADSTS50058: The user has cancelled the sign-in.");
    const res = await browser.worker(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Signing in with Microsoft was cancelled.");
    expect(html).toContain(`<a href="${WORKER}/x"`);
    expectLogged("sign_in_failed", { code: "sign_in_cancelled", detail: /^access_denied: AADSTS50058/ });
  });

  it("shows a retryable message when Microsoft's token endpoint is down, and creates nothing", async () => {
    await emulator("/_emulator/faults", { token: "down" });
    try {
      const browser = new TestBrowser();
      const { response } = await pageSignIn(browser, "frank@northwood.edu");
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("Microsoft sign-in is not answering right now. Please try again in a minute.");
      const n = await db()
        .prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?")
        .bind("0a1b2c3d-0001-4000-8000-000000000005")
        .first<{ n: number }>();
      expect(n!.n).toBe(0);
      expectLogged("sign_in_failed", { code: "provider_unavailable", status: 503, aadsts: "90033" });
    } finally {
      await emulator("/_emulator/faults", {});
    }
  });
});
