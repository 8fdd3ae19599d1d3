/**
 * Every organization-admin route answers anonymous callers 401, members
 * 403 and admins of another organization 404 (learning nothing); every support route
 * wants the support token. The routes are read from the declarations that generate
 * /openapi.json, so a route added later is covered without touching this file.
 */
import { describe, expect, it } from "vitest";
import { registry } from "../../worker/api/registry";
import { app } from "../../worker/app";
import { openApiDocument } from "../../worker/openapi";
import { EMBEDDER, TestBrowser, WORKER, collect, popupSignIn, workerFetch } from "../support/browser";
import { expectLogged } from "../support/logs";
import { adminOf, createOrg, db, orgApi, support, widgetSignIn } from "../support/orgs";

const pathFor = (template: string, id: string) => template.replace("{id}", id).replace(/\{\w+\}/g, "x");
const adminRoutes = registry.filter((r) => r.auth === "org_admin");
const supportRoutes = registry.filter((r) => r.auth === "support");

describe("organization admin routes", () => {
  it("are declared (the admin routes for the integration, embed origins and audit)", () => {
    expect(adminRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual(
      expect.arrayContaining([
        "GET /api/orgs/{id}",
        "GET /api/orgs/{id}/integration",
        "PUT /api/orgs/{id}/integration",
        "PATCH /api/orgs/{id}/integration",
        "POST /api/orgs/{id}/integration/consent-link",
        "GET /api/orgs/{id}/audit",
        "GET /api/orgs/{id}/embed-origins",
        "PUT /api/orgs/{id}/embed-origins",
      ]),
    );
  });

  it("refuse anonymous callers (401), members (403) and admins of another organization (404)", async () => {
    const org = await createOrg();
    const other = await createOrg();
    const member = await adminOf(org, "ray@riverside-academy.org");
    // Ray is demoted to a plain member by being replaced as admin... members come with Enrollment; make one by hand.
    const { db } = await import("../support/orgs");
    await db().prepare("UPDATE memberships SET role = 'member' WHERE account_id = ?").bind(member.accountId).run();
    const { sessionCache } = await import("../../worker/session/session-store");
    sessionCache.evictAccounts([member.accountId]);
    const outsider = await adminOf(other, "tomas@northwood.edu");
    const nobody = await widgetSignIn("sam@northwood.edu");
    for (const route of adminRoutes) {
      for (const ref of [org.id, org.slug]) {
        const path = pathFor(route.path, ref);
        const call = async (token: string | null) => {
          const res = await orgApi(token, route.method.toUpperCase(), path, route.body ? {} : undefined);
          return { status: res.status, code: ((await res.json()) as any).error?.code };
        };
        expect(await call(null), `${route.method} ${path} anonymous`).toEqual({ status: 401, code: "not_signed_in" });
        expect(await call(member.token), `${route.method} ${path} member`).toEqual({ status: 403, code: "forbidden" });
        expect(await call(outsider.token), `${route.method} ${path} other admin`).toEqual({ status: 404, code: "not_found" });
        expect(await call(nobody.token), `${route.method} ${path} no organization`).toEqual({ status: 404, code: "not_found" });
      }
    }
    // An organization that does not exist looks exactly like one you are not in.
    expect((await orgApi(outsider.token, "GET", "/api/orgs/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("support routes", () => {
  it("want the support token, compared in full", async () => {
    expect(supportRoutes.length).toBeGreaterThanOrEqual(4);
    for (const route of supportRoutes) {
      const path = pathFor(route.path, "x");
      for (const token of [null, "wrong", "test-support-token-but-longer", "test-support-toke"]) {
        const init: RequestInit = { method: route.method.toUpperCase(), headers: token ? { authorization: `Bearer ${token}` } : {} };
        const res = await workerFetch(new Request(`${WORKER}${path}`, init));
        expect(res.status, `${route.method} ${path} with ${token}`).toBe(401);
        expect(((await res.json()) as any).error.code).toBe("unauthorized");
      }
    }
  });

  it("create an organization, change its license, make an admin (moving them in), and link a tenant", async () => {
    const created = await support("POST", "/api/support/organizations", { name: "Lakeside Ltd", kind: "business", license: "Team" });
    expect(created.status).toBe(201);
    const org = (await created.json()) as any;
    expect(org).toMatchObject({ slug: expect.stringMatching(/^lakeside-ltd/), name: "Lakeside Ltd", kind: "business", license: "team" });
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await support("POST", "/api/support/organizations", { name: "Again", kind: "business", license: "team", slug: org.slug })).status,
    ).toBe(409);
    expect(
      (await support("POST", "/api/support/organizations", { name: "Bad", kind: "business", license: "team", slug: org.id })).status,
    ).toBe(400);
    expect((await support("POST", "/api/support/organizations", { name: "", kind: "school", license: "team" })).status).toBe(400);

    const link = () =>
      support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: "8C3D4E5F-4D5E-4F60-8B92-3C4D5E6F7081" });
    const refused = await link();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe("integration_unavailable");
    const upgraded = await support("PATCH", `/api/support/organizations/${org.id}`, { license: "Enterprise" });
    expect(await upgraded.json()).toMatchObject({ license: "enterprise" });
    const linked = await link();
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({
      status: "active",
      tenantId: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
      consent: { method: "support" },
    });

    const rival = (await (
      await support("POST", "/api/support/organizations", { name: "Rival", kind: "education", license: "school" })
    ).json()) as any;
    const taken = await support("PUT", `/api/support/organizations/${rival.id}/integration`, {
      tenantId: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
    });
    expect(taken.status).toBe(409);
    for (const tenantId of ["common", "organizations", "consumers", "9188040d-6c67-4c5b-b112-36a304b66dad", "contoso.com"]) {
      expect((await support("PUT", `/api/support/organizations/${rival.id}/integration`, { tenantId })).status, tenantId).toBe(422);
    }

    // Carla's first sign-in, with Contoso's tenant now active for Lakeside: she joins it at once.
    const carla = await widgetSignIn("carla@contoso.com");
    expect((await support("PUT", `/api/support/organizations/${org.id}/admins/${carla.accountId}`)).status).toBe(200);
    expect((await support("PUT", `/api/support/organizations/${org.id}/admins/nobody`)).status).toBe(404);
    const info = (await (await orgApi(carla.token, "GET", `/api/orgs/${org.slug}`)).json()) as any;
    expect(info).toMatchObject({ id: org.id, integration: { available: true }, counts: { members: 1 } });
    const actions = ((await (await orgApi(carla.token, "GET", `/api/orgs/${org.id}/audit`)).json()) as any).events.map((e: any) => [
      e.action,
      e.actor.type,
      e.actor.name,
    ]);
    expect(actions).toEqual([
      ["organization.admin_added", "support", "ThingLink support"],
      ["member.joined", "system", null],
      ["integration.activated", "support", "ThingLink support"],
      ["organization.updated", "support", "ThingLink support"],
      ["organization.created", "support", "ThingLink support"],
    ]);
  });
});

describe("embed origins", () => {
  it("are exact https origins, trusted only for their organization's routes and people", async () => {
    const org = await createOrg();
    const other = await createOrg();
    const admin = await adminOf(org, "tomas@northwood.edu");
    const put = (origins: string[]) => orgApi(admin.token, "PUT", `/api/orgs/${org.id}/embed-origins`, { origins });
    expect((await put(["http://lms.example"])).status).toBe(400);
    expect(((await (await put(["https://lms.example/course"])).json()) as any).error).toEqual({
      code: "invalid_origin",
      message:
        '"https://lms.example/course" has more than a site in it: enter only the origin, such as https://lms.example, without a path, query or #.',
    });
    const refusal = async (origin: string) => ((await (await put(["https://fine.example", origin])).json()) as any).error.message;
    expect(await refusal("https://*.example.com")).toBe(
      '"https://*.example.com" cannot be a wildcard: list each site on its own, such as https://lms.example.edu.',
    );
    expect(await refusal("https://intranet")).toBe(
      '"https://intranet" is not a public site name (it needs a domain such as https://lms.example.edu).',
    );
    expect(await refusal("lms.example.edu")).toBe('"lms.example.edu" needs https:// in front: https://lms.example.edu.');
    expect(await refusal("http://lms.example")).toBe(
      '"http://lms.example" must start with https:// (pages served over plain http cannot be trusted with sign-in).',
    );
    // Case and the default port do not matter: stored as the browser sends Origin.
    const names = async (res: Response) => ((await res.json()) as any).origins.map((o: any) => o.origin);
    expect(await names(await put(["https://LMS.Example.EDU/", "https://lms.example.edu:443"]))).toEqual(["https://lms.example.edu"]);
    expect(await names(await put(["https://school-lms.example", "https://school-lms.example/", "https://intranet.example:8443"]))).toEqual([
      "https://intranet.example:8443",
      "https://school-lms.example",
    ]);
    expect(await names(await orgApi(admin.token, "GET", `/api/orgs/${org.slug}/embed-origins`))).toEqual([
      "https://intranet.example:8443",
      "https://school-lms.example",
    ]);
    // Saved again unchanged (in another order): no write, no audit event.
    const audited = async () =>
      await db()
        .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE organization_id = ? AND action = 'embed_origins.updated'")
        .bind(org.id)
        .first<number>("n");
    const before = await audited();
    expect((await put(["https://school-lms.example", "https://intranet.example:8443"])).status).toBe(200);
    expect(await audited()).toBe(before);

    // Listed is not proven: support approves the LMS (its own check is in embed-origin-proof.test.ts).
    expect(
      (await support("POST", `/api/support/organizations/${org.id}/embed-origins/approve`, { origin: "https://school-lms.example" }))
        .status,
    ).toBe(200);
    const preflight = (path: string) =>
      workerFetch(
        new Request(`${WORKER}${path}`, {
          method: "OPTIONS",
          headers: {
            origin: "https://school-lms.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "authorization",
          },
        }),
      );
    expect((await preflight(`/api/orgs/${org.id}/integration`)).headers.get("access-control-allow-origin")).toBe(
      "https://school-lms.example",
    );
    expect((await preflight(`/api/orgs/${other.id}/integration`)).headers.get("access-control-allow-origin")).toBeNull();
    // The organization's own people sign in there, and its admin panel works from there.
    const lms = "https://school-lms.example";
    const atLms = await widgetSignIn("tomas@northwood.edu", undefined, lms);
    expect((await orgApi(atLms.token, "GET", `/api/orgs/${org.id}`, undefined, lms)).status).toBe(200);
    // Another organization's routes refuse the origin (CSRF), whoever calls.
    const foreign = await orgApi(atLms.token, "PATCH", `/api/orgs/${other.id}/integration`, { enabled: false }, lms);
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error.code).toBe("forbidden_origin");
    // Someone who is not one of its people gets no session there.
    const { handoff } = await popupSignIn(new TestBrowser(), "sam@northwood.edu", lms);
    expect(await (await collect(handoff.secret, undefined, lms)).json()).toEqual({
      status: "failed",
      error: {
        code: "site_not_for_account",
        message: "This site is for another organization's people. Sign in where your own organization uses ThingLink.",
      },
    });
    // And a member removed from the organization loses the session bound to its site.
    await db().prepare("DELETE FROM memberships WHERE account_id = ?").bind(atLms.accountId).run();
    const { sessionCache } = await import("../../worker/session/session-store");
    sessionCache.evictAccounts([atLms.accountId]);
    const gone = await workerFetch(
      new Request(`${WORKER}/api/session`, { headers: { origin: lms, authorization: `Bearer ${atLms.token}` } }),
    );
    expect(await gone.json()).toEqual({ account: null });
    expectLogged("session_origin_not_for_account", { sessionOrigin: lms });
  });
});

describe("/openapi.json", () => {
  it("describes every JSON route the worker serves, from the validating schemas", async () => {
    // `npm run build` writes this document to the static /openapi.json (scripts/build-openapi.mjs).
    const doc = JSON.parse(JSON.stringify(openApiDocument("/")));
    const described = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const pages = /^\/auth\/microsoft\/|^\/$/; // browser pages and redirects, not JSON
    const served = app.routes
      .filter((r) => r.method !== "ALL" && !pages.test(r.path) && r.path !== "/*")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThan(15);
    for (const route of served) expect(described, route).toContain(route);
    const put = doc.paths["/api/orgs/{id}/integration"].put;
    expect(put.requestBody.content["application/json"].schema).toMatchObject({ type: "object", required: ["tenantId"] });
    expect(put.responses["409"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(doc.components.schemas.Integration.properties.status.enum).toEqual(["not_configured", "awaiting_consent", "active", "disabled"]);
    expect(EMBEDDER).toBeTruthy();
  });
});
