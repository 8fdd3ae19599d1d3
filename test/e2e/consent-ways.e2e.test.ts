/**
 * End to end in Debian's Chromium (docs/security.md): the consent URL forwarded to another
 * school's Global Administrator goes nowhere, and way (c) — a Microsoft administrator who
 * signs in is asked to connect the waiting organization — works for a Cloud Application
 * Administrator, whom Microsoft's own consent page offers no box for the organization.
 * Each story starts from the seeded demo data of its own stack.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startStack } from "../../scripts/stack.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { awayAndBack, axeViolations } from "../support/page-checks";

let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack({ stateDir: await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-consent-")) });
});

afterAll(async () => {
  await stack?.stop();
});

const sso = (page: Page) => page.locator("thinglink-sso");
const panel = (page: Page) => sso(page).locator("thinglink-sso-admin");
const statusLine = (page: Page) => panel(page).locator(".item [role=status]");

/** Signs in on a demo page through the widget's popup (the emulator signs the hinted person in); returns the popup. */
async function openSignIn(page: Page, loginHint: string) {
  const button = sso(page).getByRole("button", { name: "Sign in with Microsoft" });
  await expect.poll(() => button.isEnabled()).toBe(true);
  await sso(page).evaluate((el, hint) => el.setAttribute("login-hint", hint), loginHint);
  const popupPromise = page.context().waitForEvent("page");
  await button.click();
  return popupPromise;
}

/** An organization's admin signs in on its Organization page and saves its tenant: it now awaits consent. */
async function adminSavesTheTenant(page: Page, p: { org: string; name: string; admin: string; tenant: string }) {
  await page.goto(`${stack.demoUrl}/org?org=${p.org}`);
  const popup = await openSignIn(page, p.admin);
  // Someone who has not used ThingLink before meets Microsoft's consent page (for themselves) first.
  const closed = popup.waitForEvent("close", { timeout: 20_000 });
  const accept = popup.getByRole("button", { name: "Accept" });
  await Promise.race([closed, accept.waitFor({ timeout: 20_000 }).then(() => accept.click())]);
  await closed;
  await expect.poll(() => panel(page).getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 }).toBe(p.name);
  await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
  await panel(page).getByRole("textbox", { name: "Azure tenant ID" }).fill(p.tenant);
  await panel(page).getByRole("button", { name: "Save changes" }).click();
  await expect.poll(() => statusLine(page).textContent()).toContain("Awaiting consent");
}

describe("consent that only the right people can give", () => {
  it("a Grant consent now URL forwarded to someone else names the organization and who asked, and never reaches Microsoft", async () => {
    const leo = await launchChromium();
    const other = await launchChromium();
    try {
      const page = await leo.context.newPage();
      await adminSavesTheTenant(page, {
        org: "westbrook",
        name: "Westbrook High School",
        admin: "leo@westbrook.edu",
        tenant: "westbrook.edu",
      });
      // The URL the API hands out, as someone might copy it from the network panel and forward it.
      const consentUrl = await page.evaluate(async (worker) => {
        const headers = {
          authorization: `Bearer ${localStorage.getItem(`thinglink-sso:token:${worker}`)}`,
          "content-type": "application/json",
        };
        const res = await fetch(`${worker}/api/orgs/westbrook/integration`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ tenantId: "westbrook.edu" }),
        });
        return ((await res.json()) as { consentUrl: string }).consentUrl;
      }, stack.workerUrl);
      const forwarded = await other.context.newPage();
      const navigations: string[] = [];
      forwarded.on("framenavigated", (f) => navigations.push(f.url()));
      await forwarded.goto(consentUrl);
      const text = await forwarded.locator("body").innerText();
      expect(text).toContain("Westbrook High School asks to connect the Microsoft tenant westbrook.edu to ThingLink");
      expect(text).toContain("westbrook.edu");
      expect(text).toContain("Leo Librarian (leo@westbrook.edu), an administrator of Westbrook High School in ThingLink");
      expect(text).toContain("It goes on to Microsoft only in the browser of Leo Librarian");
      expect(await axeViolations(forwarded)).toEqual([]);
      expect(navigations.some((u) => u.startsWith(stack.emulatorUrl))).toBe(false);
      await expect.poll(() => statusLine(page).textContent()).toContain("Awaiting consent");
    } finally {
      await leo.close();
      await other.close();
    }
  });

  it("way (c): Cleo, a Cloud Application Administrator, signs in, connects Riverside, and Rita's tab shows it active", async () => {
    const rita = await launchChromium();
    const cleo = await launchChromium();
    try {
      const ritaPage = await rita.context.newPage();
      await adminSavesTheTenant(ritaPage, {
        org: "riverside",
        name: "Riverside Academy",
        admin: "rita@riverside-academy.org",
        tenant: "riverside-academy.org",
      });

      // Rita turns to another tab; meanwhile Cleo signs in, in her own browser.
      await awayAndBack(ritaPage, async () => {
        const page = await cleo.context.newPage();
        await page.goto(stack.demoUrl);
        const popup = await openSignIn(page, "cleo@riverside-academy.org");
        // The window names the waiting organization, who asked and what is asked for, before Microsoft.
        const connect = popup.getByRole("button", { name: "Connect Riverside Academy" });
        await connect.waitFor({ timeout: 20_000 });
        const text = await popup.locator("body").innerText();
        expect(text).toContain("Rita Rector (rita@riverside-academy.org), an administrator of Riverside Academy in ThingLink");
        expect(text).toContain("EduRoster.ReadBasic");
        expect(await axeViolations(popup)).toEqual([]);
        await connect.click();
        // Microsoft's admin consent (the emulator), for the whole tenant whatever her role.
        await popup.waitForURL((url) => url.href.startsWith(stack.emulatorUrl) && url.pathname.endsWith("/v2.0/adminconsent"));
        const pick = popup.getByRole("button", { name: /Cleo Cloudadmin/ });
        if (await pick.isVisible()) await pick.click();
        await popup.getByRole("button", { name: "Accept" }).click();
        await popup.waitForEvent("close", { timeout: 20_000 });
        await expect.poll(() => sso(page).getByText("Cleo Cloudadmin").first().isVisible(), { timeout: 15_000 }).toBe(true);
      });
      // Rita's tab follows now that she is back on it.
      await expect
        .poll(() => statusLine(ritaPage).textContent(), { timeout: 15_000 })
        .toMatch(/^Active since .+, by Cleo Cloudadmin, when the administrator signed in$/);
    } finally {
      await rita.close();
      await cleo.close();
    }
  });
});
