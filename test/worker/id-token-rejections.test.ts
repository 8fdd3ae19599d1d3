/**
 * Every §3.1 validation rule, end to end: the emulator's token endpoint issues a
 * tampered ID token, and the worker must refuse it with a readable page, create
 * no account and no session.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TestBrowser, WORKER, emulator, emulatorUrl, pageSignIn, untilCallback } from "../support/browser";

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

async function expectRefused(tamper: Record<string, unknown>) {
  const { response, url, browser } = await signInWithTamper(tamper);
  expect(url.pathname).toBe("/auth/microsoft/callback");
  expect(response.status).toBe(400);
  const html = await response.text();
  expect(html).toContain("We could not verify Microsoft&#39;s answer, so you were not signed in.");
  expect(html).toContain("sign_in_failed");
  expect(browser.cookies.has("__Host-tl_session")).toBe(false);
  const identity = await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind(SAARA_OID).first<{ n: number }>();
  expect(identity!.n).toBe(0);
}

describe("the worker refuses forged or malformed ID tokens from the provider", () => {
  const iat = () => Math.floor(Date.now() / 1000);
  it("iss that does not match the template with tid", () => expectRefused({ claims: { iss: `${emulatorUrl()}/7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70/v2.0` } }));
  it("iss of another host with the right tid", () => expectRefused({ claims: { iss: `https://evil.example/${TID}/v2.0` } }));
  it("tid that is not a GUID", () => expectRefused({ claims: { tid: "organizations", iss: `${emulatorUrl()}/organizations/v2.0` } }));
  it("wrong aud", () => expectRefused({ claims: { aud: "11111111-2222-3333-4444-555555555555" } }));
  it("missing aud", () => expectRefused({ claims: { aud: null } }));
  it("expired", () => expectRefused({ claims: { exp: iat() - 3600, iat: iat() - 7200, nbf: iat() - 7200 } }));
  it("nbf in the future", () => expectRefused({ claims: { nbf: iat() + 3600 } }));
  it("iat in the future", () => expectRefused({ claims: { iat: iat() + 3600, nbf: null } }));
  it("wrong nonce", () => expectRefused({ claims: { nonce: "attacker-nonce" } }));
  it("missing nonce", () => expectRefused({ claims: { nonce: null } }));
  it("missing oid", () => expectRefused({ claims: { oid: null } }));
  it("alg none", () => expectRefused({ alg: "none" }));
  it("HS256 keyed with the public key", () => expectRefused({ alg: "HS256" }));
  it("a flipped signature byte", () => expectRefused({ flipSignature: true }));
  it("a key named by jku", () => expectRefused({ header: { jku: "https://evil.example/keys" } }));
  it("a key the JWKS does not have, even after one refetch", () => expectRefused({ unpublishedKey: true }));

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
  });

  it("refuses a callback whose state is not the cookie's", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    url.searchParams.set("state", "x".repeat(43));
    const res = await browser.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);
  });

  it("refuses a replayed state, even with the same flow cookie", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const flowCookie = browser.cookies.get("__Host-tl_flow")!;
    expect((await browser.worker(url.pathname + url.search)).status).toBe(302);
    const replay = new TestBrowser();
    replay.cookies.set("__Host-tl_flow", flowCookie);
    const res = await replay.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(replay.cookies.has("__Host-tl_session")).toBe(false);
  });

  it("refuses a flow cookie that was tampered with", async () => {
    const { browser, url } = await untilCallback("sam@northwood.edu");
    const sealed = browser.cookies.get("__Host-tl_flow")!;
    browser.cookies.set("__Host-tl_flow", sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA"));
    const res = await browser.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
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
  });

  it("shows a retryable message when Microsoft's token endpoint is down, and creates nothing", async () => {
    await emulator("/_emulator/faults", { token: "down" });
    try {
      const browser = new TestBrowser();
      const { response } = await pageSignIn(browser, "frank@northwood.edu");
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("Microsoft sign-in is not answering right now. Please try again in a minute.");
      const n = await db().prepare("SELECT COUNT(*) AS n FROM identities WHERE oid = ?").bind("0a1b2c3d-0001-4000-8000-000000000005").first<{ n: number }>();
      expect(n!.n).toBe(0);
    } finally {
      await emulator("/_emulator/faults", {});
    }
  });
});
