import { describe, expect, it } from "vitest";
import { EMBEDDER, TestBrowser, WORKER, api } from "../support/browser";

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });

describe("bad requests get the one JSON error shape", () => {
  it.each([
    ["//evil.example/x", "protocol-relative"],
    ["https://evil.example/", "another origin"],
    ["javascript:alert(1)", "javascript:"],
    ["/\\evil.example", "backslash"],
    ["http://user:pw@localhost:8788/", "credentials"],
  ])("refuses return_to %s (%s): never an open redirect", async (returnTo) => {
    const res = await new TestBrowser().worker(`/auth/microsoft/start?return_to=${encodeURIComponent(returnTo)}`);
    expect(await json(res)).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_return_to",
          message: "return_to must be a path on this site or a page on an origin allowed to embed ThingLink sign-in.",
        },
      },
    });
    expect(res.headers.get("location")).toBeNull();
  });

  it("answers a browser with a readable page instead", async () => {
    const res = await new TestBrowser().worker("/auth/microsoft/start?return_to=https://evil.example/", {
      headers: { accept: "text/html" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("This sign-in was started from a page that may not use ThingLink sign-in.");
    // The reference names the request too, as its log lines do.
    expect(html).toContain(`invalid_return_to · ${res.headers.get("x-request-id")}`);
  });

  it("shows people a sentence, not validation detail, in their language", async () => {
    const page = await new TestBrowser().worker("/auth/microsoft/start?display=sideways&lang=fi", { headers: { accept: "text/html" } });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain("Tämä kirjautumislinkki on puutteellinen tai virheellinen.");
    expect(/<main>([\s\S]*)<\/main>/.exec(html)![1]).not.toContain("display");
    const json = await new TestBrowser().worker("/auth/microsoft/start?display=sideways");
    expect(((await json.json()) as any).error.message).toBe('Invalid sign-in request: display must be one of: "popup", "page".');
  });

  it("answers a path with broken percent-encoding in the error shape, not with a 500", async () => {
    const res = await new TestBrowser().worker("/api/orgs/%zz", { headers: { origin: EMBEDDER } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("not_signed_in");
  });

  it("caps request bodies: 413 in the error shape", async () => {
    const res = await api("/auth/handoff", undefined, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ secret: "x".repeat(70 * 1024) }),
    });
    expect(await json(res)).toEqual({
      status: 413,
      body: { error: { code: "payload_too_large", message: "The request body is larger than 64 KB." } },
    });
  });

  it("validates query parameters", async () => {
    const res = await new TestBrowser().worker("/auth/microsoft/start?display=popup");
    expect(await json(res)).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "A popup sign-in needs the widget's handoff value." } },
    });
    const bad = await new TestBrowser().worker("/auth/microsoft/start?prompt=none");
    expect((await json(bad)).body.error.code).toBe("invalid_request");
  });

  it("refuses a hand-off body that is not JSON, or has no proper secret", async () => {
    const notJson = await api("/auth/handoff", undefined, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(await json(notJson)).toEqual({
      status: 400,
      body: { error: { code: "invalid_json", message: "The request body must be JSON." } },
    });
    const short = await api("/auth/handoff", undefined, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ secret: "abc" }),
    });
    expect(await json(short)).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "Invalid request body: secret must be 32 random bytes, base64url." } },
    });
  });

  it("says which field is missing and which has the wrong type, and that the body must be a JSON object", async () => {
    const post = (body: string, type = "application/json") =>
      api("/auth/handoff", undefined, { method: "POST", headers: { "content-type": type }, body }).then(json);
    const message = (body: string) => post(body).then((r) => r.body.error.message);
    expect(await message("{}")).toBe("Invalid request body: secret is required.");
    expect(await message('{"secret":42}')).toBe("Invalid request body: secret must be a string.");
    expect(await message('{"secret":null}')).toBe("Invalid request body: secret must be a string, not null.");
    expect(await message("[1,2]")).toBe("Invalid request body: the body must be a JSON object.");
    expect(await message('"x"')).toBe("Invalid request body: the body must be a JSON object.");
    expect(await post('{"secret":"x"}', "text/plain")).toEqual({
      status: 415,
      body: { error: { code: "unsupported_media_type", message: "Send the request body as JSON, with Content-Type: application/json." } },
    });
  });

  it("refuses a popup confirmation whose body is not a form", async () => {
    const res = await new TestBrowser().worker("/auth/microsoft/start", {
      method: "POST",
      headers: { origin: WORKER, "content-type": "multipart/form-data; boundary=x" },
      body: "garbage",
    });
    expect(await json(res)).toEqual({
      status: 400,
      body: { error: { code: "invalid_form", message: "The request body must be a form." } },
    });
    const empty = await new TestBrowser().worker("/auth/microsoft/start", {
      method: "POST",
      headers: { origin: WORKER, "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect((await json(empty)).body.error.code).toBe("invalid_request");
  });

  it("refuses state-changing requests from origins that may not embed the widget (CSRF)", async () => {
    const res = await new TestBrowser().worker("/auth/logout", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
    });
    expect(await json(res)).toEqual({
      status: 403,
      body: { error: { code: "forbidden_origin", message: "This request came from a page that is not allowed to use ThingLink sign-in." } },
    });
  });

  it("answers CORS preflights only for allowed origins", async () => {
    const ok = await new TestBrowser().worker("/api/session", {
      method: "OPTIONS",
      headers: { origin: EMBEDDER, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe(EMBEDDER);
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const evil = await new TestBrowser().worker("/api/session", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("treats a malformed or unknown bearer token as signed out", async () => {
    expect(await json(await api("/api/session", "not a token"))).toEqual({ status: 200, body: { account: null } });
    expect(await json(await api("/api/session", "A".repeat(43)))).toEqual({ status: 200, body: { account: null } });
  });

  it("answers unknown routes with 404 in the error shape", async () => {
    expect(await json(await new TestBrowser().worker("/nope"))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "No route for GET /nope." } },
    });
  });

  it("answers a known route asked with another method with 405 and Allow", async () => {
    const res = await api("/api/join-requests/current", undefined, { method: "PATCH" });
    expect(res.headers.get("allow")).toBe("DELETE");
    expect(await json(res)).toEqual({
      status: 405,
      body: { error: { code: "method_not_allowed", message: "/api/join-requests/current takes DELETE, not PATCH." } },
    });
    const session = await api("/api/session", undefined, { method: "PUT" });
    expect({ status: session.status, allow: session.headers.get("allow") }).toEqual({ status: 405, allow: "GET" });
  });

  it("serves health and the JWKS", async () => {
    expect(await json(await new TestBrowser().worker("/healthz"))).toEqual({ status: 200, body: { ok: true } });
    const jwks = (await json(await new TestBrowser().worker("/.well-known/jwks.json"))).body;
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", kid: "test-key-1" });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe("request ids", () => {
  it("every answer carries X-Request-Id, and the log lines of that request carry it too", async () => {
    const { expectLogged } = await import("../support/logs");
    const res = await new TestBrowser().worker("/auth/microsoft/start?display=popup");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const ray = await new TestBrowser().worker("/livez", { headers: { "cf-ray": "8f00aa11bb22cc33-HEL" } });
    expect(ray.headers.get("x-request-id")).toBe("8f00aa11bb22cc33-HEL");
    const callback = await new TestBrowser().worker("/auth/microsoft/callback?state=x", { headers: { "cf-ray": "8f00aa11bb22cc34-HEL" } });
    expect(callback.status).toBe(400);
    expectLogged("sign_in_refused", { requestId: "8f00aa11bb22cc34-HEL" });
  });
});
