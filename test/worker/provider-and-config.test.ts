import { env, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import { TestBrowser, WORKER, emulatorUrl, pageSignIn, untilCallback } from "../support/browser";

async function call(path: string, overrides: Record<string, string>, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${WORKER}${path}`, { ...init, redirect: "manual" }), { ...(env as object), ...overrides } as never, ctx);
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
  });

  it("a browser gets the same as a readable page", async () => {
    const res = await call("/auth/microsoft/start", { ENTRA_AUTHORITY: `${emulatorUrl()}/_down` }, { headers: { accept: "text/html" } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Microsoft sign-in is not answering right now.");
  });
});

describe("configuration", () => {
  it("fails fast with a message naming the variable", async () => {
    const res = await call("/api/session", { ENTRA_CLIENT_SECRET: "" });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "misconfigured", message: "Configuration error: ENTRA_CLIENT_SECRET is not set" } });
  });
});

describe("with only the SPEC §4 variables (no SIGNING_KEY)", () => {
  it("publishes a key derived from the client secret, and signs in", async () => {
    const jwks = (await (await call("/.well-known/jwks.json", { SIGNING_KEY: "" })).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys[0].kid).toMatch(/^derived-/);
    expect(jwks.keys[0].d).toBeUndefined();
    const start = await call("/auth/microsoft/start?return_to=/x", { SIGNING_KEY: "" });
    expect(start.status).toBe(302);
    expect(start.headers.get("set-cookie")).toMatch(/^__Host-tl_flow=/);
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
  });
});
