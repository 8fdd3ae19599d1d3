/**
 * A scripted browser for the load test: its own cookies per site, every request from the
 * client address it is given (as Cloudflare reports it, `cf-connecting-ip`), and every status
 * it was answered with kept, so the verdict can count 429s and 5xx. A 429 is waited out
 * (Retry-After, at most a second here) and tried again, up to six times, as a patient person would.
 */
import { createHash, randomBytes } from "node:crypto";

const MAX_TRIES = 6;
/** How often the widget asks whether its sign-in is ready. */
const POLL_MS = 1500;

export class Client {
  /** @param {string} workerUrl @param {{address?: string, support?: string, site?: string}} o `site`: the embedding page, for the widget's way */
  constructor(workerUrl, o = {}) {
    this.workerUrl = workerUrl;
    this.address = o.address;
    this.support = o.support;
    this.site = o.site;
    /** The widget's bearer token, once its sign-in is collected. */
    this.token = null;
    this.jars = new Map();
    /** @type {number[]} */
    this.statuses = [];
  }

  jar(url) {
    if (!this.jars.has(url.origin)) this.jars.set(url.origin, new Map());
    return this.jars.get(url.origin);
  }

  async fetch(url, init = {}) {
    const headers = { ...init.headers };
    const cookies = [...this.jar(url)].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookies) headers.cookie = cookies;
    if (url.origin === this.workerUrl && this.address) headers["cf-connecting-ip"] = this.address;
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(url, { ...init, headers, redirect: "manual" });
      if (url.origin === this.workerUrl) this.statuses.push(res.status);
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const i = pair.indexOf("=");
        this.jar(url).set(pair.slice(0, i), pair.slice(i + 1));
      }
      if (res.status !== 429 || attempt === MAX_TRIES) return res;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Math.min(1000, Number(res.headers.get("retry-after") ?? 1) * 1000)));
    }
  }

  /** A first-party sign-in (login_hint signs in at the emulator without a click), through every redirect. */
  async signIn(loginHint) {
    let url = new URL(`${this.workerUrl}/auth/microsoft/start?login_hint=${encodeURIComponent(loginHint)}`);
    for (let hops = 0; hops < 16; hops++) {
      const res = await this.fetch(url);
      await res.arrayBuffer();
      if (res.status !== 302) throw new Error(`sign-in of ${loginHint}: ${res.status} at ${url.pathname}`);
      url = new URL(res.headers.get("location"), url);
      if (url.origin === this.workerUrl && !url.pathname.startsWith("/auth/")) break;
    }
    if (!this.jar(new URL(this.workerUrl)).has("__Host-tl_session")) throw new Error(`sign-in of ${loginHint} gave no session`);
  }

  /**
   * The widget's way: the popup's first page, its confirmation, Microsoft and the callback in the
   * popup, while the page polls for the hand-off every 1.5 s from its own origin until it is ready.
   */
  async widgetSignIn(loginHint) {
    const secret = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(secret).digest("base64url");
    let popupDone = false;
    const poll = async () => {
      for (;;) {
        const res = await this.fetch(new URL("/auth/handoff", this.workerUrl), {
          method: "POST",
          headers: { origin: this.site, "content-type": "application/json" },
          body: JSON.stringify({ secret }),
        });
        const text = await res.text();
        if (res.status >= 500) throw new Error(`widget sign-in of ${loginHint}: poll answered ${res.status} ${text.slice(0, 120)}`);
        const body = JSON.parse(text);
        if (res.status === 200 && body.status === "signed_in") return body.token;
        if (res.status === 200) throw new Error(`widget sign-in of ${loginHint}: ${JSON.stringify(body.error ?? body)}`);
        if (res.status !== 202 && res.status !== 429) throw new Error(`widget sign-in of ${loginHint}: poll answered ${res.status}`);
        if (popupDone && res.status === 202 && this.polledAfterDone++ > 20) throw new Error(`widget sign-in of ${loginHint}: never ready`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    this.polledAfterDone = 0;
    const popup = async () => {
      const q = new URLSearchParams({ display: "popup", return_to: this.site, handoff: challenge, login_hint: loginHint });
      const page = await this.fetch(new URL(`/auth/microsoft/start?${q}`, this.workerUrl));
      await page.arrayBuffer();
      if (page.status !== 200) throw new Error(`popup page of ${loginHint}: ${page.status}`);
      let res = await this.fetch(new URL("/auth/microsoft/start", this.workerUrl), {
        method: "POST",
        headers: { origin: this.workerUrl, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ secret, handoff: challenge, return_to: this.site, display: "popup", login_hint: loginHint }),
      });
      let url = new URL("/auth/microsoft/start", this.workerUrl);
      for (let hops = 0; res.status === 302 && hops < 16; hops++) {
        await res.arrayBuffer();
        url = new URL(res.headers.get("location"), url);
        res = await this.fetch(url);
      }
      await res.arrayBuffer();
      popupDone = true;
      if (res.status !== 200) throw new Error(`popup of ${loginHint} ended with ${res.status} at ${url.pathname}`);
    };
    // Side by side, as the page and its popup are; either one failing fails the sign-in.
    [, this.token] = await Promise.all([popup(), poll()]);
  }

  async raw(method, route, body) {
    const headers = { "content-type": "application/json", origin: this.token ? this.site : this.workerUrl };
    if (this.support) headers.authorization = `Bearer ${this.support}`;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return this.fetch(new URL(route, this.workerUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async json(method, route, body) {
    const res = await this.raw(method, route, body);
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}

/** Runs `tasks` with at most `n` at a time; a task's error goes to `onError` and the rest go on. */
export async function pool(tasks, n, onError) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        try {
          await task();
        } catch (err) {
          onError(err);
        }
      }
    }),
  );
}
