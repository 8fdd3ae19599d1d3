import { env, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import { TestBrowser, WORKER, emulatorUrl, pageSignIn, untilCallback } from "../support/browser";
import { expectLogged } from "../support/logs";
import { TEST_SIGNING_KEY, TEST_SIGNING_KEY_NEXT } from "../support/test-keys.mjs";

async function call(path: string, overrides: Record<string, string>, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${WORKER}${path}`, { ...init, redirect: "manual" }), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("when Microsoft cannot be reached", () => {
  it("starting a sign-in answers a retryable error, in the one JSON shape", async () => {
    const res = await call("/auth/microsoft/start", { ENTRA_AUTHORITY: `${emulatorUrl()}/_down` });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: "microsoft_unavailable", message: "Microsoft sign-in is not answering right now. Please try again in a minute." },
    });
    expectLogged("identity_provider_error", { code: "provider_unavailable", status: 503 });
  });

  it("a browser gets the same as a readable page", async () => {
    const res = await call("/auth/microsoft/start", { ENTRA_AUTHORITY: `${emulatorUrl()}/_down` }, { headers: { accept: "text/html" } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Microsoft sign-in is not answering right now.");
    expectLogged("identity_provider_error", { code: "provider_unavailable" });
  });
});

describe("configuration", () => {
  it("fails fast with a message naming the variable", async () => {
    const res = await call("/api/session", { ENTRA_CLIENT_SECRET: "" });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "misconfigured", message: "Configuration error: ENTRA_CLIENT_SECRET is not set" } });
    expectLogged("misconfigured", { message: "Configuration error: ENTRA_CLIENT_SECRET is not set" });
  });

  it("requires the worker's own SIGNING_KEY: nothing is derived from the Microsoft client secret", async () => {
    const res = await call("/.well-known/jwks.json", { SIGNING_KEY: "" });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "misconfigured", message: "Configuration error: SIGNING_KEY is not set" } });
    expectLogged("misconfigured");
  });
});

describe("signing key rotation", () => {
  it("publishes the previous public key next to the new one", async () => {
    const previous = JSON.stringify(TEST_SIGNING_KEY); // the old private JWK: only its public part is published
    const rotated = await call("/.well-known/jwks.json", {
      SIGNING_KEY: JSON.stringify(TEST_SIGNING_KEY_NEXT),
      SIGNING_KEY_PREVIOUS: previous,
    });
    const jwks = await rotated.json<{ keys: Record<string, string>[] }>();
    expect(jwks.keys.map((k) => k.kid)).toEqual(["test-key-2", "test-key-1"]);
    expect(jwks.keys[1]).toEqual({
      kty: "EC",
      crv: "P-256",
      x: TEST_SIGNING_KEY.x,
      y: TEST_SIGNING_KEY.y,
      kid: "test-key-1",
      alg: "ES256",
      use: "sig",
    });
    for (const key of jwks.keys) expect(key.d).toBeUndefined();
  });

  it("refuses a previous key that reuses the current kid, naming the variable", async () => {
    const res = await call("/.well-known/jwks.json", { SIGNING_KEY_PREVIOUS: JSON.stringify([{ ...TEST_SIGNING_KEY, d: undefined }]) });
    expect(await res.json()).toEqual({
      error: {
        code: "misconfigured",
        message: 'Configuration error: SIGNING_KEY_PREVIOUS must not reuse the kid of SIGNING_KEY ("test-key-1")',
      },
    });
    expectLogged("misconfigured");
  });
});

describe("ENTRA_TENANT", () => {
  it("starts sign-in at the configured tenant's authorize endpoint", async () => {
    const res = await call("/auth/microsoft/start", { ENTRA_TENANT: "contoso.onmicrosoft.com" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).pathname).toBe("/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
  });

  it("signs in against a tenant-specific issuer (no template)", async () => {
    const browser = new TestBrowser({ ENTRA_TENANT: "contoso.onmicrosoft.com" });
    const { response } = await pageSignIn(browser, "chris@contoso.com");
    expect(response.status).toBe(302);
    expect(browser.cookies.has("__Host-tl_session")).toBe(true);
  });
});

describe("RFC 9207 mix-up defence", () => {
  it("refuses an authorization response whose iss is not the ID token's issuer", async () => {
    const { browser, url } = await untilCallback("tomas@northwood.edu");
    url.searchParams.set("iss", "https://attacker.example/v2.0");
    const res = await browser.worker(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("We could not verify Microsoft&#39;s answer");
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);
    expectLogged("sign_in_failed", { detail: /^authorization response iss "https:\/\/attacker\.example\/v2\.0" does not match/ });
  });
});
