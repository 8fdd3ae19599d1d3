/**
 * Organizations and admins for worker integration tests, made the way production
 * makes them: through the support API and real sign-ins at the emulator.
 */
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { EMBEDDER, TestBrowser, WORKER, collect, newHandoff, popupSignIn, popupUntilCallback, workerFetch } from "./browser";

export const SUPPORT_TOKEN = "test-support-token";
export const TENANT = {
  northwood: "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
  riverside: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70",
  contoso: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
  fabrikam: "9d4e5f60-5e6f-4071-9ca3-4d5e6f708192",
  westbrook: "a1e2f3a4-6f70-4182-8db4-5e6f708192a3",
  personal: "9188040d-6c67-4c5b-b112-36a304b66dad",
};

export const db = () => (env as unknown as { DB: D1Database }).DB;

export interface Org {
  id: string;
  slug: string;
  name: string;
  kind: string;
  license: string;
}

const json = (body: unknown) => (body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } });

/** A support API call (bearer SUPPORT_API_TOKEN, no browser Origin). */
export function support(method: string, path: string, body?: unknown, token = SUPPORT_TOKEN) {
  const init = json(body);
  return workerFetch(new Request(`${WORKER}${path}`, { method, ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }));
}

/** An organization-admin API call from the embedding page's widget (bearer token, Origin). */
export function orgApi(token: string | null, method: string, path: string, body?: unknown, origin = EMBEDDER) {
  const init = json(body);
  const headers: Record<string, string> = { ...init.headers, origin };
  if (token) headers.authorization = `Bearer ${token}`;
  return workerFetch(new Request(`${WORKER}${path}`, { method, ...init, headers }));
}

let counter = 0;
export async function createOrg(p: { kind?: "education" | "business"; license?: string; name?: string } = {}): Promise<Org> {
  counter++;
  const name = p.name ?? `Test Org ${Date.now().toString(36)}-${counter}`;
  const slug = `t-${Date.now().toString(36)}-${counter}`;
  const res = await support("POST", "/api/support/organizations", {
    name,
    slug,
    kind: p.kind ?? "education",
    license: p.license ?? "school",
  });
  expect(res.status).toBe(201);
  return res.json();
}

/** A widget sign-in through every redirect (the silent roster read included); returns what the widget collects. */
export async function signUp(loginHint: string, browser = new TestBrowser()) {
  const handoff = await newHandoff();
  const callback = await popupUntilCallback(browser, loginHint, handoff);
  await browser.follow(await browser.worker(callback.pathname + callback.search));
  return (await (await collect(handoff.secret)).json()) as any;
}

/** Signs a person in through the widget's popup flow; returns their token and account. */
export async function widgetSignIn(loginHint: string, browser = new TestBrowser(), site = EMBEDDER) {
  const { handoff } = await popupSignIn(browser, loginHint, site);
  const body = (await (await collect(handoff.secret, undefined, site)).json()) as any;
  expect(body.status).toBe("signed_in");
  return { token: body.token as string, accountId: body.account.id as string, browser };
}

/**
 * Someone signed in and made an admin of `org` by support. An earlier test may have left
 * them the only admin of another organization, which support will not empty: they leave it first.
 */
export async function adminOf(org: Org, loginHint: string) {
  const person = await widgetSignIn(loginHint);
  await db().prepare("DELETE FROM memberships WHERE account_id = ?1 AND organization_id != ?2").bind(person.accountId, org.id).run();
  expect((await support("PUT", `/api/support/organizations/${org.id}/admins/${person.accountId}`)).status).toBe(200);
  return person;
}

/** Clears every integration, so each test can claim the fixture's tenants afresh. */
export async function forgetIntegrations() {
  await db().prepare("DELETE FROM integrations").run();
}

/**
 * "Grant consent now" as the admin panel does it: a fresh consent URL from the API, opened in
 * the browser the admin signed in with (`admin.browser`, which holds that browser's cookie), or
 * in `browser` to play someone else. Returns the worker's answer (a redirect to Microsoft when
 * accepted) and the URL.
 */
export async function grantConsentNow(admin: { token: string; browser: TestBrowser }, org: Org, browser = admin.browser, site = EMBEDDER) {
  const started = await orgApi(admin.token, "POST", `/api/orgs/${org.id}/integration/consent-start`, undefined, site);
  expect(started.status).toBe(200);
  const { consentUrl } = await started.json<{ consentUrl: string }>();
  const url = new URL(consentUrl);
  return { response: await browser.worker(url.pathname + url.search), consentUrl };
}
