/** Graph `/me` and `/education/me` as the worker reads them at sign-up, with injected faults and counters. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TENANTS } from "../../emulator/fixture.mjs";
import { type Emulator, emulatorClient, startEmulator } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
  await hook("/_emulator/reset");
  for (const tenantId of [TENANTS.northwood, TENANTS.riverside, TENANTS.contoso]) await hook("/_emulator/admin-consent", { tenantId });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await hook("/_emulator/faults", {});
  await hook("/_emulator/stats/reset");
});
const { tokensFor, hook } = emulatorClient(() => emu);

const ROSTER = "openid profile User.Read EduRoster.ReadBasic";
const tokens = new Map<string, string>();
/** An access token for this user with the roster scope (or without, when `scope` says so). */
async function bearer(upn: string, scope = ROSTER, tenant = "common") {
  const key = `${upn} ${scope} ${tenant}`;
  if (!tokens.has(key)) tokens.set(key, (await tokensFor({ login_hint: upn, scope }, tenant)).access_token);
  return tokens.get(key)!;
}
const graph = async (path: string, token?: string, signal?: AbortSignal) => {
  const res = await fetch(`${emu.url}/graph${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal });
  return { status: res.status, headers: res.headers, body: await res.json() };
};

describe("/v1.0/me", () => {
  it("answers for the token's user and refuses a request without a token", async () => {
    const me = await graph("/v1.0/me", await bearer("tomas@northwood.edu"));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: "0a1b2c3d-0001-4000-8000-000000000002",
      displayName: "Tomás Teacher",
      userPrincipalName: "tomas@northwood.edu",
      mail: "tomas@northwood.edu",
    });
    const none = await graph("/v1.0/me");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("InvalidAuthenticationToken");
  });
});

describe("/education/me", () => {
  it.each([
    ["tomas@northwood.edu", "/v1.0/education/me", "teacher"],
    ["sam@northwood.edu", "/v1.0/education/me", "student"],
    ["frank@northwood.edu", "/v1.0/education/me", "unknownFutureValue"],
    ["frank@northwood.edu", "/beta/education/me", "faculty"],
    ["sam@northwood.edu", "/beta/education/me", "student"],
  ])("gives %s at %s primaryRole %s in a School Data Sync tenant", async (upn, path, role) => {
    const { status, body } = await graph(path, await bearer(upn));
    expect(status).toBe(200);
    expect(body.primaryRole).toBe(role);
  });

  it("answers 403 Authorization_RequestDenied without an EduRoster scope", async () => {
    await hook("/_emulator/admin-consent", { tenantId: TENANTS.westbrook, scopes: ["openid", "profile", "User.Read"] });
    const { status, body } = await graph(
      "/v1.0/education/me",
      await bearer("tara@westbrook.edu", "openid profile User.Read", TENANTS.westbrook),
    );
    expect(status).toBe(403);
    expect(body.error).toMatchObject({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
  });

  it("answers primaryRole none in an education tenant without School Data Sync", async () => {
    const { status, body } = await graph("/v1.0/education/me", await bearer("ray@riverside-academy.org"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "0a1b2c3d-0002-4000-8000-000000000002", primaryRole: "none" });
    expect(body.student).toBeUndefined();
  });

  it("answers 400 'Resource not found for the segment' in a tenant without Microsoft 365 Education", async () => {
    const { status, body } = await graph("/v1.0/education/me", await bearer("chris@contoso.com"));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "BadRequest", message: "Resource not found for the segment 'education'." });
  });
});

describe("faults", () => {
  it("down: 503 serviceNotAvailable", async () => {
    await hook("/_emulator/faults", { graph: "down" });
    const res = await graph("/v1.0/education/me", await bearer("sam@northwood.edu"));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("serviceNotAvailable");
  });

  it("throttle: 429 TooManyRequests with Retry-After (2 s unless told)", async () => {
    await hook("/_emulator/faults", { graph: "throttle" });
    const first = await graph("/v1.0/me", await bearer("sam@northwood.edu"));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.body.error).toMatchObject({ code: "TooManyRequests", message: "Please retry again later." });
    await hook("/_emulator/faults", { graph: "throttle", graphRetryAfter: 17 });
    expect((await graph("/v1.0/education/me", await bearer("sam@northwood.edu"))).headers.get("retry-after")).toBe("17");
  });

  it("slow: answers after graphDelayMs, so a caller's timeout fires first", async () => {
    const token = await bearer("sam@northwood.edu");
    await hook("/_emulator/faults", { graph: "slow", graphDelayMs: 400 });
    const started = Date.now();
    const ok = await graph("/v1.0/education/me", token);
    expect(ok.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await expect(graph("/v1.0/education/me", token, AbortSignal.timeout(100))).rejects.toThrow();
  });

  it("null clears them", async () => {
    await hook("/_emulator/faults", { graph: "down" });
    await hook("/_emulator/faults", { graph: null });
    expect((await graph("/v1.0/me", await bearer("sam@northwood.edu"))).status).toBe(200);
  });
});

describe("counters", () => {
  it("count Graph calls per path, failed ones included, and reset to zero", async () => {
    const token = await bearer("sam@northwood.edu");
    await graph("/v1.0/education/me", token);
    await graph("/v1.0/education/me", token);
    await graph("/beta/education/me", token);
    await hook("/_emulator/faults", { graph: "down" });
    await graph("/v1.0/me", token);
    const stats = await (await fetch(`${emu.url}/_emulator/stats`)).json();
    expect(stats).toMatchObject({ graph: 4, graphByPath: { "/v1.0/education/me": 2, "/beta/education/me": 1, "/v1.0/me": 1 } });
    const reset = await hook("/_emulator/stats/reset");
    expect(reset).toEqual({ discovery: 0, jwks: 0, token: 0, graph: 0, graphByPath: {} });
  });
});
