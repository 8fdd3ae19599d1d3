/**
 * End to end, as a visitor meets it: the demo page (localhost) embeds the widget
 * from the worker (127.0.0.1, another site) in Debian's Chromium with a fresh
 * profile (third-party cookies blocked), and the emulator's pages send COOP.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startStack } from "../../scripts/stack.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { axeViolations, requestsTo, trackRequests } from "../support/page-checks";

let stack: Awaited<ReturnType<typeof startStack>>;
let chrome: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;

beforeAll(async () => {
  stack = await startStack({ stateDir: await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-")) });
  chrome = await launchChromium();
  context = chrome.context;
});

afterAll(async () => {
  await chrome?.close();
  await stack?.stop();
});

const signInButton = (page: Page) => page.getByRole("button", { name: "Sign in with Microsoft" });

/** Clicks Sign in with Microsoft; returns the window it opens, once it is at Microsoft's (the emulator's) page. */
async function openMicrosoftWindow(page: Page) {
  const popupPromise = context.waitForEvent("page");
  await signInButton(page).click();
  const popup = await popupPromise;
  await popup.waitForURL((url) => url.href.startsWith(stack.emulatorUrl));
  return popup;
}

/** The accessible text of what has keyboard focus inside the widget (null when focus is elsewhere). */
const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    return host?.tagName === "THINGLINK-SSO" ? (host.shadowRoot?.activeElement?.textContent?.trim() ?? null) : null;
  });

describe("Sign in with Microsoft from the widget on another site", () => {
  let popupStartUrl = "";

  it("runs in a browser that blocks third-party cookies (and the probe sees them where they are allowed)", async () => {
    const sentCrossSite = async (ctx: BrowserContext) => {
      const probe = await ctx.newPage();
      await probe.goto(`${stack.emulatorUrl}/_emulator/probe-cookie`);
      await probe.goto(`${stack.demoUrl}/no-csp-here`);
      const cookie = await probe.evaluate(
        async (url) => ((await (await fetch(url, { credentials: "include" })).json()) as { cookie: string }).cookie,
        `${stack.emulatorUrl}/_emulator/echo-cookies`,
      );
      await probe.close();
      return cookie;
    };
    expect(await sentCrossSite(context)).toBe("");
    const permissive = await launchChromium({ allowThirdPartyCookies: true });
    try {
      expect(await sentCrossSite(permissive.context)).toBe("probe=1");
    } finally {
      await permissive.close();
    }
  });

  it("signs in through the popup, survives a reload, and signs out", async () => {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    const requests = trackRequests(page);
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const popupPromise = context.waitForEvent("page");
    await signInButton(page).click();
    const popup = await popupPromise;
    popupStartUrl = popup.url();
    expect(popupStartUrl).toContain("/auth/microsoft/start?display=popup");

    // At Microsoft's (the emulator's) page, COOP has severed window.opener.
    await popup.waitForURL((url) => url.href.startsWith(stack.emulatorUrl));
    expect(await popup.evaluate(() => window.opener === null)).toBe(true);
    await popup.getByRole("button", { name: /Sam Student/ }).click();

    await expect.poll(() => page.locator("thinglink-sso").getByText("Sam Student").isVisible(), { timeout: 15_000 }).toBe(true);
    // One sign-in, one event: not a second, "restored" one on top, once the page's requests are all answered.
    await requests.settled();
    expect((await page.locator("#log li").allInnerTexts()).filter((t) => t.includes("signed in"))).toEqual([
      expect.stringMatching(/signed in: Sam Student$/),
    ]);
    // The pressed button is gone: keyboard focus moves to the new view's action.
    expect(await focusedInWidget(page)).toBe("Sign out");
    const identity = JSON.parse(await page.locator("#identity").innerText());
    expect(identity.assertion.aud).toBe(stack.demoUrl);
    expect(identity.assertion.iss).toBe(stack.workerUrl);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => page.locator("thinglink-sso").getByText("Sam Student").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator("#log").innerText()).toContain("signed in: Sam Student (session restored)");

    // A second tab of the same site shares the session, and follows the sign-out.
    const otherTab = await context.newPage();
    await otherTab.goto(stack.demoUrl);
    await expect.poll(() => otherTab.locator("thinglink-sso").getByText("Sam Student").isVisible(), { timeout: 10_000 }).toBe(true);

    await page.locator("thinglink-sso").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => signInButton(page).isVisible()).toBe(true);
    // Focus returns to the sign-in button, not to the page body.
    await expect.poll(() => focusedInWidget(page)).toBe("Sign in with Microsoft");
    await expect.poll(() => signInButton(otherTab).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await otherTab.locator("#log").innerText()).toContain("signed out");
    await otherTab.close();
    await page.reload();
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    // No CSP violation under the host's strict policy, and loading widget.js twice is harmless.
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("stops a popup link that someone else opened: it never reaches Microsoft", async () => {
    expect(popupStartUrl).not.toBe("");
    const stranger = await context.newPage();
    const link = new URL(popupStartUrl);
    expect(link.searchParams.get("lang")).toBe("en"); // the widget passes its language on
    link.searchParams.set("lang", "fi");
    await stranger.goto(link.href);
    await expect
      .poll(() => stranger.getByText("Tässä ikkunassa kirjautumista ei voi jatkaa.", { exact: false }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(stranger.url()).toBe(`${stack.workerUrl}/auth/microsoft/popup-orphaned`);
    expect(await stranger.locator("html").getAttribute("lang")).toBe("fi");
    await stranger.close();
  });

  it("is not disturbed when someone else opens a copy of its popup link", async () => {
    const page = await context.newPage();
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const startUrl = context.waitForEvent("request", (r) => r.url().includes("/auth/microsoft/start?display=popup"));
    const popupPromise = context.waitForEvent("page");
    await signInButton(page).click();
    const popup = await popupPromise;
    const link = (await startUrl).url();
    await popup.waitForURL((url) => url.href.startsWith(stack.emulatorUrl));
    // Someone opens a copy of this very popup's link (same hand-off) while it is at Microsoft.
    const copy = await context.newPage();
    const polls = requestsTo(page, "/auth/handoff");
    await copy.goto(link);
    await expect
      .poll(() => copy.getByText("This window cannot continue the sign-in.", { exact: false }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    // The page keeps waiting for its own window: two more polls, and it is still where it was.
    const seen = polls.length;
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(seen + 2);
    expect(page.url()).toBe(`${stack.demoUrl}/`);
    await popup.getByRole("button", { name: /Carla Admin/ }).click();
    await expect.poll(() => page.locator("thinglink-sso").getByText("Carla Admin").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.locator("thinglink-sso").getByRole("button", { name: "Sign out" }).click();
    await copy.close();
    await page.close();
  });

  it("explains Microsoft's refusal in the widget (admin approval required)", async () => {
    const page = await context.newPage();
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const popup = await openMicrosoftWindow(page);
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await popup.getByRole("button", { name: /Felix Worker/ }).click();
    await popup.getByRole("button", { name: "Return to the application without consenting" }).click();
    const alert = page.locator("thinglink-sso").getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain("needs an administrator to approve ThingLink");
    expect(await page.locator("#log").innerText()).toContain("error admin_approval_required");
    expect(await signInButton(page).isEnabled()).toBe(true);
    // A failed sign-in is an answer, not a red HTTP error in the host page's console.
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("backs off when the worker answers 429, by its Retry-After, and still signs in", async () => {
    const page = await context.newPage();
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const polls: number[] = [];
    let throttled = false;
    await page.route(`${stack.workerUrl}/auth/handoff`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      polls.push(Date.now());
      if (throttled) return route.continue();
      throttled = true;
      await route.fulfill({
        status: 429,
        headers: {
          "content-type": "application/json",
          "retry-after": "3",
          "access-control-allow-origin": stack.demoUrl,
          "access-control-allow-credentials": "true",
          "access-control-expose-headers": "Retry-After",
        },
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many sign-in status requests." } }),
      });
    });
    const popup = await openMicrosoftWindow(page);
    await popup.getByRole("button", { name: /Frank Faculty/ }).click();
    await expect.poll(() => page.locator("thinglink-sso").getByText("Frank Faculty").isVisible(), { timeout: 20_000 }).toBe(true);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[1] - polls[0]).toBeGreaterThanOrEqual(2900);
    expect(await page.locator("#log").innerText()).not.toContain("error");
    await page.unrouteAll({ behavior: "wait" });
    await page.locator("thinglink-sso").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => signInButton(page).isVisible()).toBe(true);
    await page.close();
  });

  it("serves the built /openapi.json, readable from any origin", async () => {
    const res = await fetch(`${stack.workerUrl}/openapi.json`, { headers: { origin: stack.demoUrl } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/session", "/api/orgs/{id}/integration", "/api/support/organizations"]),
    );
  });

  it("speaks Finnish when asked", async () => {
    const page = await context.newPage();
    await page.goto(`${stack.demoUrl}/?lang=fi`);
    await expect.poll(() => page.getByRole("button", { name: "Kirjaudu Microsoft-tilillä" }).isEnabled()).toBe(true);
    await page.close();
  });

  it("keeps the button usable when the Microsoft window is closed, starts over on a click, and gives up quietly", async () => {
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const polls = requestsTo(page, "/auth/handoff");
    let popup = await openMicrosoftWindow(page);
    await popup.close();
    // The page stays where it is, waiting with a usable button (never sent off to Microsoft): two polls later, still there.
    const seen = polls.length;
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(seen + 2);
    expect(page.url()).toBe(`${stack.demoUrl}/`);
    expect(await signInButton(page).isEnabled()).toBe(true);
    expect(await page.locator("thinglink-sso").getByText("Continue in the Microsoft window…").isVisible()).toBe(true);

    // Cancel returns focus to the button.
    await page.locator("thinglink-sso").getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => focusedInWidget(page)).toBe("Sign in with Microsoft");

    // A click starts over; closing that window too, the wait ends by itself, quietly.
    popup = await openMicrosoftWindow(page);
    await popup.close();
    await page.clock.fastForward("05:05");
    await expect
      .poll(() => page.locator("thinglink-sso").getByRole("status").textContent(), { timeout: 10_000 })
      .toBe("Sign-in was not finished.");
    expect(await page.locator("thinglink-sso").getByRole("alert").count()).toBe(0);
    expect(await page.locator("#log").innerText()).not.toContain("error");

    // And a new click still signs in, with one event.
    popup = await openMicrosoftWindow(page);
    await popup.getByRole("button", { name: /Tomás Teacher/ }).click();
    await expect.poll(() => page.locator("thinglink-sso").getByText("Tomás Teacher").isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await page.locator("#log li").allInnerTexts()).filter((t) => t.includes("signed in"))).toHaveLength(1);
    await page.locator("thinglink-sso").getByRole("button", { name: "Sign out" }).click();
    await page.close();
  });

  it("picks the wait up again when the page is reloaded while the Microsoft window is open", async () => {
    const page = await context.newPage();
    await page.goto(stack.demoUrl);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const popup = await openMicrosoftWindow(page);
    await page.reload();
    await expect
      .poll(() => page.locator("thinglink-sso").getByText("Continue in the Microsoft window…").isVisible(), { timeout: 10_000 })
      .toBe(true);
    await popup.getByRole("button", { name: /Sam Student/ }).click();
    await expect.poll(() => page.locator("thinglink-sso").getByText("Sam Student").isVisible(), { timeout: 15_000 }).toBe(true);
    // A fresh sign-in of this page, announced once (not as a restored session).
    expect((await page.locator("#log li").allInnerTexts()).filter((t) => t.includes("signed in"))).toEqual([
      expect.stringMatching(/signed in: Sam Student$/),
    ]);
    // Nothing is left waiting: a later reload restores the session and starts no wait.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("thinglink-sso:waiting:")))).toEqual([]);
    await page.locator("thinglink-sso").getByRole("button", { name: "Sign out" }).click();
    await page.close();
  });

  it("falls back to a full-page redirect when the host page's own COOP cuts the popup off", async () => {
    const page = await context.newPage();
    await page.goto(`${stack.demoUrl}/?coop=same-origin`);
    await expect.poll(() => signInButton(page).isEnabled()).toBe(true);
    const orphanPromise = context.waitForEvent("page");
    await signInButton(page).click();
    // The cut-off window says where sign-in continues (not that it is suspicious), then closes itself.
    const orphan = await orphanPromise;
    const closed = orphan.waitForEvent("close", { timeout: 15_000 });
    await orphan.waitForURL((url) => url.pathname === "/auth/microsoft/popup-orphaned", { timeout: 10_000 });
    const text = await orphan.locator("main").innerText();
    expect(text).toContain("Signing in continues in the page you came from.");
    expect(text).not.toContain("not opened by the page");
    await closed;
    await page.waitForURL((url) => url.href.startsWith(stack.emulatorUrl), { timeout: 15_000 });
    await page.getByRole("button", { name: /Chris Employee/ }).click();
    await page.waitForURL((url) => url.href.startsWith(stack.demoUrl));
    await expect.poll(() => page.locator("thinglink-sso").getByText("Chris Employee").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(page.url()).not.toContain("thinglink-sso=");
    await page.close();
  });
});
