/**
 * What the people's end-to-end stories do on the real stack: open the demo page (or the
 * Organization page) in a browser of their own, sign in through the widget's popup, call the
 * API as the signed-in person or as ThingLink support, and find the widget's parts.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { launchChromium } from "./chromium.mjs";

export type Browser = Awaited<ReturnType<typeof launchChromium>>;
export interface Stack {
  workerUrl: string;
  demoUrl: string;
  emulatorUrl: string;
}

export const sso = (page: Page) => page.locator("thinglink-sso");
export const prompt = (page: Page) => sso(page).locator("thinglink-sso-join");
export const promptState = (page: Page) => prompt(page).locator(".state");
export const panel = (page: Page) => sso(page).locator("thinglink-sso-admin");
export const tab = (page: Page, name: RegExp) => panel(page).getByRole("tab", { name });
export const listStatus = (scope: Locator) => scope.locator(".list-status");
export const text = (l: Locator) => l.evaluate((el) => el.textContent?.replace(/\s+/g, " ").trim() ?? "");

export function peoplePages(stack: Stack, stateDir: string) {
  const browsers: Browser[] = [];

  /** A page of this browser at `url`, with no token of an earlier story; errors on it are collected. */
  async function open(browser: Browser, url: string) {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    return { page, errors };
  }

  /** Signs in through the widget's popup; with a hint the emulator signs in without a click. */
  async function signIn(context: BrowserContext, page: Page, loginHint: string) {
    await fetch(`${stack.emulatorUrl}/_emulator/sessions/reset`, { method: "POST" });
    const button = sso(page).getByRole("button", { name: /Sign in with Microsoft|Kirjaudu Microsoft-tilillä/ });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await sso(page).evaluate((el, hint) => el.setAttribute("login-hint", hint), loginHint);
    const popupPromise = context.waitForEvent("page");
    await button.click();
    const popup = await popupPromise;
    await popup.waitForEvent("close", { timeout: 20_000 });
    await expect.poll(() => sso(page).locator("[part=name]").count(), { timeout: 15_000 }).toBe(1);
  }

  /** A browser of its own (closed by `closeAll`). */
  async function browser() {
    const b = await launchChromium();
    browsers.push(b);
    return b;
  }

  /** An admin on the Organization page, in a browser of their own. */
  async function adminPage(org: string, loginHint: string, query = "") {
    const b = await browser();
    const { page, errors } = await open(b, `${stack.demoUrl}/org?org=${org}${query}`);
    await signIn(b.context, page, loginHint);
    await expect.poll(() => panel(page).getByRole("heading", { level: 2 }).count(), { timeout: 15_000 }).toBe(1);
    return { page, errors };
  }

  /** The API as the person signed in on this page (their bearer token). */
  const api = (page: Page, method: string, route: string, body?: unknown) =>
    page.evaluate(
      async ({ worker, method, route, body }) => {
        const token = localStorage.getItem(`thinglink-sso:token:${worker}`);
        const res = await fetch(worker + route, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      },
      { worker: stack.workerUrl, method, route, body },
    );

  /** ThingLink support's API (its token is in the stack's secrets). */
  async function support(method: string, route: string, body?: unknown) {
    const token = (JSON.parse(await readFile(path.join(stateDir, "secrets.json"), "utf8")) as { SUPPORT_API_TOKEN: string })
      .SUPPORT_API_TOKEN;
    const res = await fetch(stack.workerUrl + route, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  /** The account id of whoever is signed in on this demo page. */
  const accountIdOn = async (page: Page) =>
    (JSON.parse(await page.locator("#identity").innerText()) as { account: { id: string } }).account.id;

  /** Graph calls the emulator has answered since the last reset. */
  const graphCalls = async () => {
    const stats: { graphByPath?: Record<string, number> } = await (await fetch(`${stack.emulatorUrl}/_emulator/stats`)).json();
    return stats.graphByPath ?? {};
  };

  const closeAll = async () => {
    for (const b of browsers.splice(0)) await b.close();
  };

  return { open, signIn, browser, adminPage, api, support, accountIdOn, graphCalls, closeAll };
}
