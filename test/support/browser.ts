/**
 * A scripted browser for worker integration tests: keeps the worker's cookies,
 * follows redirects between the worker (in workerd) and the emulator (over HTTP),
 * and plays the widget's part of the popup and redirect hand-offs.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { exports as workerExports } from "cloudflare:workers";
import { inject } from "vitest";

export const WORKER = "http://127.0.0.1:8787";
/** The worker under test, as `wrangler.toml`'s main exports it. */
const worker = (workerExports as unknown as { default: Fetcher }).default;
export const EMBEDDER = "http://localhost:8788";
export const emulatorUrl = () => inject("emulatorUrl");

/** Set-Cookie lines into a jar: a cookie set empty or expired is removed. */
function keepCookies(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(";");
    const [name, ...rest] = pair.split("=");
    const value = rest.join("=");
    const expired = attrs.some((a: string) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
    if (expired || value === "") jar.delete(name.trim());
    else jar.set(name.trim(), value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export class TestBrowser {
  cookies = new Map<string, string>();
  /** The emulator's own cookies (its sign-in session, for prompt=none). */
  emulatorCookies = new Map<string, string>();

  /** `overrides` run the worker with other bindings (another client, another credential). */
  constructor(private readonly overrides?: Record<string, string>) {}

  private async dispatch(request: Request): Promise<Response> {
    if (!this.overrides) return worker.fetch(request);
    const { default: app } = await import("../../worker/index");
    const ctx = createExecutionContext();
    const response = await app.fetch(request, { ...env, ...this.overrides }, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  async worker(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", cookieHeader(this.cookies));
    const response = await this.dispatch(new Request(new URL(path, WORKER), { ...init, headers, redirect: "manual" }));
    keepCookies(this.cookies, response);
    return response;
  }

  /** A request to the emulator with this browser's emulator cookies. */
  async emulator(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.emulatorCookies.size) headers.set("cookie", cookieHeader(this.emulatorCookies));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    keepCookies(this.emulatorCookies, response);
    return response;
  }

  /** Opens a worker URL (absolute or a path) and follows its redirects. */
  async open(url: string, stopAt?: (url: URL) => boolean) {
    const u = new URL(url, WORKER);
    return this.follow(await this.worker(u.pathname + u.search), stopAt);
  }

  /** Submits a form of an emulator page (its hidden fields plus `fields`) and follows where it leads. */
  async submitEmulatorPage(html: string, pageUrl: URL, fields: Record<string, string>, stopAt?: (url: URL) => boolean) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescapeHtml(m[2])]),
    );
    const response = await this.emulator(new URL(unescapeHtml(action), pageUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...hidden, ...fields }),
    });
    return this.follow(response, stopAt, pageUrl);
  }

  /** The flow cookies this browser holds (one per sign-in in progress), by name. */
  flowCookies(): [string, string][] {
    return [...this.cookies].filter(([name]) => name.startsWith("__Host-tl_flow_"));
  }

  /** Follows a Location: emulator hops over HTTP, worker hops in workerd; stops at the first non-redirect or foreign URL. */
  async follow(response: Response, stopAt?: (url: URL) => boolean, from = new URL(WORKER)): Promise<{ response: Response; url: URL }> {
    let url = from;
    while (response.status === 302 || response.status === 303) {
      url = new URL(response.headers.get("location")!, url);
      if (stopAt?.(url)) return { response, url };
      if (url.origin === WORKER && url.pathname.startsWith("/auth/")) response = await this.worker(url.pathname + url.search);
      else if (url.origin === emulatorUrl()) response = await this.emulator(url);
      else return { response, url };
    }
    return { response, url };
  }
}

export async function emulator(path: string, body?: unknown) {
  const response = await fetch(`${emulatorUrl()}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return response.json<any>();
}

function b64url(bytes: Uint8Array) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function newHandoff() {
  const secret = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))));
  return { secret, challenge };
}

/** First-party sign-in: start → emulator (login_hint signs in) → callback. */
export async function pageSignIn(browser: TestBrowser, loginHint: string, returnTo = "/done"): Promise<{ response: Response; url: URL }> {
  const start = await browser.worker(
    `/auth/microsoft/start?return_to=${encodeURIComponent(returnTo)}&login_hint=${encodeURIComponent(loginHint)}`,
  );
  return browser.follow(start);
}

/** Runs a first-party sign-in up to the callback (not followed), so a test can play with it. */
export async function untilCallback(loginHint: string, browser = new TestBrowser()) {
  const start = await browser.worker(`/auth/microsoft/start?login_hint=${encodeURIComponent(loginHint)}`);
  const { url } = await browser.follow(start, (u) => u.pathname === "/auth/microsoft/callback");
  return { browser, url };
}

/** Runs the popup flow up to (not including) the callback; returns the callback URL. */
export async function popupUntilCallback(
  browser: TestBrowser,
  loginHint: string,
  handoff: { secret: string; challenge: string },
  site = EMBEDDER,
) {
  const page = await browser.worker(
    `/auth/microsoft/start?display=popup&return_to=${encodeURIComponent(site)}&handoff=${handoff.challenge}&login_hint=${encodeURIComponent(loginHint)}`,
  );
  if (page.status !== 200) throw new Error(`popup page: ${page.status} ${await page.text()}`);
  const form = new URLSearchParams({
    secret: handoff.secret,
    handoff: handoff.challenge,
    return_to: site,
    display: "popup",
    login_hint: loginHint,
  });
  const posted = await browser.worker("/auth/microsoft/start", {
    method: "POST",
    headers: { origin: WORKER, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const { url } = await browser.follow(posted, (u) => u.pathname === "/auth/microsoft/callback");
  return url;
}

/**
 * The widget's full-page fallback: a top-level form POST from the embedding page
 * (Origin = that page's origin), then Microsoft and back to return_to with the code.
 */
export async function redirectStart(
  browser: TestBrowser,
  p: { handoff: { challenge: string }; returnTo: string; loginHint?: string; origin?: string },
) {
  const form = new URLSearchParams({ handoff: p.handoff.challenge, return_to: p.returnTo });
  if (p.loginHint) form.set("login_hint", p.loginHint);
  return browser.worker("/auth/microsoft/start", {
    method: "POST",
    headers: { origin: p.origin ?? new URL(p.returnTo).origin, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

export async function popupSignIn(browser: TestBrowser, loginHint: string, site = EMBEDDER) {
  const handoff = await newHandoff();
  const callback = await popupUntilCallback(browser, loginHint, handoff, site);
  const page = await browser.worker(callback.pathname + callback.search);
  return { handoff, page };
}

/** A raw request to the worker under test, nothing added. */
export function workerFetch(request: Request): Promise<Response> {
  return worker.fetch(request);
}

export async function collect(secret: string, code?: string, origin = EMBEDDER) {
  return worker.fetch(
    new Request(`${WORKER}/auth/handoff`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify(code ? { secret, code } : { secret }),
    }),
  );
}

/** A request to the worker as the embedding page's widget sends it (Origin: EMBEDDER unless `init` names one). */
export async function api(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has("origin")) headers.set("origin", EMBEDDER);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return worker.fetch(new Request(`${WORKER}${path}`, { ...init, headers }));
}

function unescapeHtml(text: string) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Posts an emulator page's form (its hidden fields plus `extra`) and returns where it redirects. */
export async function submitEmulatorForm(html: string, pageUrl: URL, extra: Record<string, string>) {
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2].replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
    ]),
  );
  const res = await fetch(new URL(action, pageUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, ...extra }),
    redirect: "manual",
  });
  return new URL(res.headers.get("location")!);
}
