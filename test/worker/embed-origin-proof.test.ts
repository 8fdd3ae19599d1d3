/**
 * Who owns a site (docs/security.md): an embed origin takes effect only once proven — its
 * site serves the organization's line at /.well-known/thinglink-sso.txt, or support
 * approves it — belongs to one organization, and is never the target of a plain link.
 * Written as the attacks a review found, by another organization's admin.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { TestBrowser, WORKER, collect, popupSignIn, workerFetch } from "../support/browser";
import { expectLogged } from "../support/logs";
import { adminOf, createOrg, db, orgApi, support, widgetSignIn, type Org } from "../support/orgs";

const sites = () => inject("sitesUrl");
/** What `host` answers at `path` (the test sites server stands in for the web). */
async function serve(
  host: string,
  answer: { status?: number; body?: string; headers?: Record<string, string>; delayMs?: number },
  path = "/.well-known/thinglink-sso.txt",
) {
  await fetch(`${sites()}/_sites`, { method: "PUT", body: JSON.stringify({ host, path, ...answer }) });
}

beforeEach(async () => {
  await fetch(`${sites()}/_sites/reset`, { method: "POST" });
});

async function listed(admin: { token: string }, org: Org, origins: string[]) {
  const res = await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/embed-origins`, { origins });
  expect(res.status).toBe(200);
  return res.json<{ origins: Array<{ origin: string; status: string; lastCheck: unknown }>; token: string; wellKnownPath: string }>();
}

const check = (admin: { token: string }, org: Org, origin: string) =>
  orgApi(admin.token, "POST", `/api/orgs/${org.id}/embed-origins/check`, { origin });

/** A sign-in at `site` through the widget's popup; returns what the widget collects there. */
async function collectAt(site: string, loginHint: string) {
  const { handoff } = await popupSignIn(new TestBrowser(), loginHint, site);
  return (await (await collect(handoff.secret, undefined, site)).json()) as any;
}

describe("a listed origin proves nothing", () => {
  it("has no effect anywhere until proven: no CORS, no sign-in, no admin routes", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const site = "https://pending-lms.example";
    const list = await listed(admin, org, [site]);
    expect(list.origins).toEqual([{ origin: site, status: "pending", verifiedAt: null, verifiedBy: null, lastCheck: null }]);
    expect(list.token).toMatch(/^thinglink-sso-site=[A-Za-z0-9_-]{32}$/);
    expect(list.wellKnownPath).toBe("/.well-known/thinglink-sso.txt");

    const preflight = await workerFetch(
      new Request(`${WORKER}/api/orgs/${org.id}`, { method: "OPTIONS", headers: { origin: site, "access-control-request-method": "GET" } }),
    );
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const popup = await new TestBrowser().worker(
      `/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(site)}&handoff=${"A".repeat(43)}`,
    );
    expect(popup.status).toBe(400);
    expect(((await popup.json()) as any).error.code).toBe("invalid_return_to");
  });
});

describe("proving a site", () => {
  it("proves an origin whose site serves the organization's line, audited; then its people sign in there", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const site = "https://proven-lms.example";
    const { token } = await listed(admin, org, [site]);
    await serve("proven-lms.example", { body: `# ThingLink\n${token}\n` });
    const res = await check(admin, org, site);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).origin).toMatchObject({
      origin: site,
      status: "verified",
      verifiedBy: "site",
      lastCheck: { error: null },
    });
    const audit = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/audit?limit=1`)).json()) as any;
    expect(audit.events[0]).toMatchObject({ action: "embed_origin.verified", detail: { origin: site, by: "site" } });
    // Saving the list again keeps the proof; the organization's people now sign in at the site.
    const kept = (await listed(admin, org, [site, "https://other.example"])).origins;
    expect(Object.fromEntries(kept.map((o) => [o.origin, o.status]))).toEqual({ [site]: "verified", "https://other.example": "pending" });
    expect((await orgApi(admin.token, "GET", `/api/orgs/${org.id}`, undefined, site)).status).toBe(401); // the panel's token is bound to the demo site
    const atSite = await widgetSignIn("tomas@northwood.edu", undefined, site);
    expect((await orgApi(atSite.token, "GET", `/api/orgs/${org.id}`, undefined, site)).status).toBe(200);
    expectLogged("session_origin_mismatch");
  });

  it.each([
    [
      "a redirect (not followed)",
      { status: 302, headers: { location: "https://elsewhere.example/token.txt" } },
      "redirected",
      "The site answered /.well-known/thinglink-sso.txt with a redirect (302). Serve the file itself there: redirects are not followed.",
    ],
    ["no such file", { status: 404 }, "not_found", "The site has no /.well-known/thinglink-sso.txt (it answered 404)."],
    ["a server error", { status: 500 }, "http_error", "The site answered /.well-known/thinglink-sso.txt with 500 instead of the file."],
    [
      "another organization's line",
      { body: "thinglink-sso-site=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" },
      "token_missing",
      "/.well-known/thinglink-sso.txt on the site does not hold this organization's token on a line of its own.",
    ],
    [
      "more than 4 KB",
      { body: "x".repeat(5000) },
      "too_large",
      "/.well-known/thinglink-sso.txt on the site is larger than 4 KB: it should hold the token line only.",
    ],
  ] as Array<[string, { status?: number; body?: string; headers?: Record<string, string> }, string, string]>)(
    "refuses %s, and keeps the reason on the origin",
    async (_what, answer, code, message) => {
      const org = await createOrg();
      const admin = await adminOf(org, "tomas@northwood.edu");
      const site = `https://${code.replace(/_/g, "-")}.example`;
      const { token } = await listed(admin, org, [site]);
      // The right line after a redirect, or after 4 KB of padding, still proves nothing.
      await serve(new URL(site).hostname, { ...answer, body: code === "too_large" ? `${"x".repeat(5000)}\n${token}` : answer.body });
      await serve("elsewhere.example", { body: token }, "/token.txt");
      const res = await check(admin, org, site);
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: { code: "origin_not_proven", message } });
      const list = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/embed-origins`)).json()) as any;
      expect(list.origins[0]).toMatchObject({ status: "pending", lastCheck: { error: { code, message } } });
      expectLogged("embed_origin_not_proven", { origin: site });
    },
  );

  it("gives up on a site that does not answer within 5 seconds", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const { token } = await listed(admin, org, ["https://slow.example"]);
    await serve("slow.example", { body: token, delayMs: 6000 });
    const res = await check(admin, org, "https://slow.example");
    expect(await res.json()).toEqual({
      error: { code: "origin_not_proven", message: "The site did not answer /.well-known/thinglink-sso.txt within 5 seconds." },
    });
    expectLogged("embed_origin_not_proven", { reason: "timeout" });
  }, 15_000);

  it("never lists (so never fetches) the worker itself, an IP address or a private name", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const refusal = async (origin: string) =>
      ((await (await orgApi(admin.token, "PUT", `/api/orgs/${org.id}/embed-origins`, { origins: [origin] })).json()) as any).error;
    expect(await refusal("https://127.0.0.1")).toEqual({
      code: "invalid_origin",
      message: '"https://127.0.0.1" must be a site name such as https://lms.example.edu, not an IP address.',
    });
    expect((await refusal("https://10.0.0.8:8443")).code).toBe("invalid_origin");
    expect((await refusal("https://[::1]")).code).toBe("invalid_origin");
    expect((await refusal("https://printer.local")).message).toBe(
      '"https://printer.local" is not a public site name (it needs a domain such as https://lms.example.edu).',
    );
    expect((await refusal("https://api.localhost")).code).toBe("invalid_origin");
    // A trailing dot names the same host: localhost., printer.local., the worker's own name.
    expect(await refusal("https://localhost.")).toEqual({
      code: "invalid_origin",
      message: '"https://localhost." must not end with a dot (enter it as https://localhost).',
    });
    expect((await refusal("https://printer.local.")).code).toBe("invalid_origin");
    expect((await refusal("https://intranet.")).code).toBe("invalid_origin");
    // The worker's own host (PUBLIC_URL is http://127.0.0.1:8787 in these tests; by name too).
    expect((await check(admin, org, "https://127.0.0.1")).status).toBe(400);
    const requests = await (await fetch(`${sites()}/_sites/requests`)).json<unknown[]>();
    expect(requests).toEqual([]);
  });
});

describe("one organization per site", () => {
  it("lets the first proof win: a second organization listing Contoso's LMS gets nothing from it", async () => {
    const contoso = await createOrg({ kind: "business", license: "enterprise" });
    const carla = await adminOf(contoso, "carla@contoso.com");
    const northwood = await createOrg();
    const ada = await adminOf(northwood, "ada@northwood.edu");
    const lms = "https://contoso-lms.example";
    const { token } = await listed(carla, contoso, [lms]);
    await serve("contoso-lms.example", { body: token });
    expect((await check(carla, contoso, lms)).status).toBe(200);

    // Northwood's admin lists the same site: pending for Northwood, and its check cannot take it.
    expect((await listed(ada, northwood, [lms])).origins[0].status).toBe("pending");
    const taken = await check(ada, northwood, lms);
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as any).error.message).toBe(
      "/.well-known/thinglink-sso.txt on the site does not hold this organization's token on a line of its own.",
    );
    // Even serving both lines (a site that someone else controls), the first proof keeps it.
    const ours = (await (await orgApi(ada.token, "GET", `/api/orgs/${northwood.id}/embed-origins`)).json()) as any;
    await serve("contoso-lms.example", { body: `${token}\n${ours.token}` });
    expect(((await (await check(ada, northwood, lms)).json()) as any).error.message).toBe(
      "Another ThingLink organization has already proven this site. Contact ThingLink support if it is yours.",
    );
    expect((await support("POST", `/api/support/organizations/${northwood.id}/embed-origins/approve`, { origin: lms })).status).toBe(409);
    expectLogged("embed_origin_not_proven", { reason: "token_missing" });
    expectLogged("embed_origin_not_proven", { reason: "origin_taken" });

    // A Northwood student signing in at Contoso's LMS gets no session, and Northwood's admin routes refuse the site.
    expect(await collectAt(lms, "sam@northwood.edu")).toMatchObject({ status: "failed", error: { code: "site_not_for_account" } });
    const preflight = await workerFetch(
      new Request(`${WORKER}/api/orgs/${northwood.id}`, {
        method: "OPTIONS",
        headers: { origin: lms, "access-control-request-method": "GET" },
      }),
    );
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets support approve a site on an organization's behalf, audited", async () => {
    const org = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const res = await support("POST", `/api/support/organizations/${org.id}/embed-origins/approve`, {
      origin: "https://Approved-LMS.example/",
    });
    expect(await res.json()).toEqual({ origin: "https://approved-lms.example", status: "verified" });
    const list = (await (await orgApi(admin.token, "GET", `/api/orgs/${org.id}/embed-origins`)).json()) as any;
    expect(list.origins).toEqual([
      expect.objectContaining({ origin: "https://approved-lms.example", status: "verified", verifiedBy: "support" }),
    ]);
    const row = await db()
      .prepare("SELECT actor_type FROM audit_events WHERE organization_id = ? AND action = 'embed_origin.verified'")
      .bind(org.id)
      .first();
    expect(row).toEqual({ actor_type: "support" });
  });
});

describe("a plain link never leaves the worker and ALLOWED_ORIGINS", () => {
  it("refuses return_to on a proven embed origin in a link, while the widget's popup may return there", async () => {
    const org = await createOrg();
    await support("POST", `/api/support/organizations/${org.id}/embed-origins/approve`, { origin: "https://phish-proven.example" });
    const link = await new TestBrowser().worker(
      `/auth/microsoft/start?return_to=${encodeURIComponent("https://phish-proven.example/phish")}`,
    );
    expect(link.status).toBe(400);
    expect(((await link.json()) as any).error.code).toBe("invalid_return_to");
    const popup = await new TestBrowser().worker(
      `/auth/microsoft/start?display=popup&return_to=${encodeURIComponent("https://phish-proven.example")}&handoff=${"A".repeat(43)}`,
    );
    expect(popup.status).toBe(200);
    // ALLOWED_ORIGINS stay reachable by a link, as configured by the operator.
    expect(
      (await new TestBrowser().worker(`/auth/microsoft/start?return_to=${encodeURIComponent("https://lms.example/course")}`)).status,
    ).toBe(302);
  });
});
