/**
 * What the end-to-end tests ask of a page: an axe-core accessibility check of the widget,
 * and where keyboard focus is, through the widget's shadow roots.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

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
