/**
 * What the end-to-end tests ask of a page: an axe-core accessibility check of the widget,
 * and where keyboard focus is, through the widget's shadow roots.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** WCAG 2.2 AA violations inside <thinglink-sso> (or the whole page when it has none: the worker's own pages), each as "id: help (targets)". */
export async function axeViolations(page: Page) {
  // CDP evaluation is not subject to the page's CSP, so the host page's strict policy stays as is.
  await page.evaluate(await readFile(AXE, "utf8"));
  return page.evaluate(async () => {
    const scope = document.querySelector("thinglink-sso") ?? document;
    const result = await (window as any).axe.run(scope, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] });
    return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(" ")).join(", ")})`) as string[];
  });
}

/** The element with keyboard focus, through shadow roots, as "tag:value or text". */
export const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).value || el.textContent?.replace(/\s+/g, " ").trim()}` : null;
  });

/**
 * A person leaves this tab for another one of the same browser, something happens meanwhile,
 * and they come back: the browser fires a real `focus` on the window. (Playwright emulates focus
 * for every page, which hides such returns; it is turned off for this page first.)
 */
export async function awayAndBack(page: Page, meanwhile: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
  await page.evaluate(() => {
    (window as any).__returns = 0;
    addEventListener("focus", () => (window as any).__returns++);
  });
  const elsewhere = await page.context().newPage();
  await elsewhere.bringToFront();
  try {
    await meanwhile();
  } finally {
    await page.bringToFront();
    await elsewhere.close();
  }
  // The return itself is the signal the page acts on: wait until the browser has fired it.
  await expect.poll(() => page.evaluate(() => (window as any).__returns as number), { timeout: 10_000 }).toBeGreaterThan(0);
  await cdp.detach();
}

/**
 * Counts the page's requests to a path as they finish ("METHOD /path"), so a test can wait for
 * the ones it expects (a signal) instead of sleeping and asserting that nothing else happened.
 */
export function requestsTo(page: Page, path: string | RegExp) {
  const done: string[] = [];
  const matches = (url: string) => (typeof path === "string" ? new URL(url).pathname === path : path.test(url));
  page.on("requestfinished", (request) => {
    if (matches(request.url())) done.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return done;
}

/** The page's requests in flight, counted from now: `settled()` waits until none is, and Lit has rendered. */
export function trackRequests(page: Page) {
  let inFlight = 0;
  page.on("request", () => inFlight++);
  page.on("requestfinished", () => inFlight--);
  page.on("requestfailed", () => inFlight--);
  return {
    async settled() {
      await expect.poll(() => inFlight, { timeout: 10_000 }).toBe(0);
      await widgetRendered(page);
    },
  };
}

/** Lit has rendered every pending update of <thinglink-sso> and the views inside it. */
export const widgetRendered = (page: Page) =>
  page.evaluate(async () => {
    const updates: Promise<unknown>[] = [];
    const add = (el: Element) => {
      const update = (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
      if (update) updates.push(update);
    };
    for (const el of Array.from(document.querySelectorAll("thinglink-sso"))) {
      add(el);
      for (const inner of Array.from(el.shadowRoot?.querySelectorAll("*") ?? [])) if (inner.tagName.includes("-")) add(inner);
    }
    await Promise.all(updates);
  });
