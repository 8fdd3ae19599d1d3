/**
 * End to end, the organization admin's Integrations tab on the demo's
 * Organization page (localhost) with the widget from the worker (127.0.0.1, another site),
 * in Debian's Chromium with a fresh profile (third-party cookies blocked), through the
 * emulator's pages (which send COOP, so the consent window is cut off from the panel).
 * Each story sets up what it needs itself (ThingLink support's API, sign-ins), so any one of
 * them runs alone or in any order.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startStack } from "../../scripts/stack.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { awayAndBack, axeViolations, focused } from "../support/page-checks";
import { peoplePages } from "../support/people-pages";

const RIVERSIDE_TENANT = "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70";
/** The tenants whose tenant-wide grant the stack gives the emulator at start (scripts/stack.mjs): Northwood and Contoso. */
const SEEDED_GRANTS = ["6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f", "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081"];

let stack: Awaited<ReturnType<typeof startStack>>;
let chrome: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
/** The API as ThingLink support and as a signed-in person. */
let pages: ReturnType<typeof peoplePages>;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-admin-"));
  stack = await startStack({ stateDir });
  pages = peoplePages(stack, stateDir);
  chrome = await launchChromium();
  context = chrome.context;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.demoUrl });
});

afterAll(async () => {
  await chrome?.close();
  await stack?.stop();
});

const sso = (page: Page) => page.locator("thinglink-sso");
const panel = (page: Page) => sso(page).locator("thinglink-sso-admin");
const statusLine = (page: Page) => panel(page).locator(".item [role=status]");
/** The panel's text (it lives in its shadow root, which textContent of the element does not include). */
const panelText = async (page: Page) =>
  (await panel(page).count()) ? panel(page).evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, " ") ?? "") : "";

/** A fresh start on the Organization page: no token of an earlier test, no emulator session. */
async function openOrgPage(query: string) {
  await fetch(`${stack.emulatorUrl}/_emulator/sessions/reset`, { method: "POST" });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && consoleErrors.push(m.text()));
  await page.goto(`${stack.demoUrl}/org${query}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  return { page, consoleErrors };
}

/** Signs in through the widget's popup; with a hint the emulator signs in without a click. */
async function signIn(page: Page, loginHint?: string, pick?: RegExp) {
  const button = sso(page).getByRole("button", { name: /Sign in with Microsoft|Kirjaudu Microsoft-tilillä/ });
  await expect.poll(() => button.isEnabled()).toBe(true);
  if (loginHint) await sso(page).evaluate((el, hint) => el.setAttribute("login-hint", hint), loginHint);
  const popupPromise = page.context().waitForEvent("page");
  await button.click();
  const popup = await popupPromise;
  if (pick) {
    await popup.waitForURL((url) => url.href.startsWith(stack.emulatorUrl));
    await popup.getByRole("button", { name: pick }).click();
  }
  // Someone who has not used ThingLink before meets Microsoft's consent page (for themselves) first.
  const closed = popup.waitForEvent("close", { timeout: 20_000 });
  const accept = popup.getByRole("button", { name: "Accept" });
  // Either the consent page shows, or the window signs in and closes (then there is no Accept to wait for).
  const acceptShown = accept.waitFor({ timeout: 20_000 }).then(
    () => true,
    () => false,
  );
  if (await Promise.race([closed.then(() => false), acceptShown])) await accept.click();
  await closed;
}

/** Leo Librarian, Westbrook's admin, on the Organization page with the panel loaded. */
async function leoOnWestbrook() {
  const opened = await openOrgPage("?org=westbrook");
  await signIn(opened.page, "leo@westbrook.edu");
  await expect
    .poll(() => panel(opened.page).getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 })
    .toBe("Westbrook High School");
  return opened;
}

/**
 * Westbrook's integration not configured: ThingLink support clears it if it is anything else
 * (only then, so that the history of a Westbrook nobody has touched still begins with its tenant being set).
 * `leo` is a page Leo is signed in on (the status is read with his token).
 */
async function westbrookNotConfigured(leo: Page) {
  const { status, body } = await pages.api(leo, "GET", "/api/orgs/westbrook/integration");
  expect(status).toBe(200);
  if (body.status !== "not_configured")
    expect((await pages.support("DELETE", "/api/support/organizations/westbrook/integration")).status).toBe(200);
}

/** Gwen Global, Westbrook's Global Administrator, in her own browser: opens a link and consents. */
async function gwenConsentsWith(link: string) {
  const gwen = await launchChromium();
  try {
    const gwenPage = await gwen.context.newPage();
    await gwenPage.goto(link);
    // The page names who asks for what before anything goes to Microsoft.
    expect(await gwenPage.locator("body").innerText()).toContain(
      "Westbrook High School asks to connect the Microsoft tenant westbrook.edu to ThingLink",
    );
    await gwenPage.getByRole("button", { name: "Continue to Microsoft" }).click();
    await gwenPage.waitForURL((url) => url.href.startsWith(stack.emulatorUrl), { timeout: 15_000 });
    const pick = gwenPage.getByRole("button", { name: /Gwen Global/ });
    if (await pick.isVisible()) await pick.click();
    await gwenPage.getByRole("button", { name: "Accept" }).click();
    await gwenPage.waitForURL((url) => url.href.startsWith(stack.workerUrl), { timeout: 15_000 });
  } finally {
    await gwen.close();
  }
}

/**
 * Westbrook active through Gwen's link, as Leo connects it: from not configured, Leo saves
 * westbrook.edu and makes a link for his Global Administrator, and Gwen consents with it.
 */
async function westbrookConnectedThroughGwensLink() {
  const { page } = await leoOnWestbrook();
  await westbrookNotConfigured(page);
  const saved = await pages.api(page, "PUT", "/api/orgs/westbrook/integration", { tenantId: "westbrook.edu" });
  expect(saved.status).toBe(200);
  expect(saved.body.status).toBe("awaiting_consent");
  const link = await pages.api(page, "POST", "/api/orgs/westbrook/integration/consent-link");
  expect(link.status).toBe(200);
  await gwenConsentsWith(link.body.url);
  const after = await pages.api(page, "GET", "/api/orgs/westbrook/integration");
  expect([after.body.status, after.body.consent?.by.name, after.body.consent?.method]).toEqual(["active", "Gwen Global", "admin_link"]);
  await page.close();
}

describe("the organization admin panel, Integrations tab", () => {
  it("loads the admin views as a chunk next to widget.js (another origin, CORS), and only for view=admin", async () => {
    const scripts = (page: Page) => {
      const seen: { url: string; cors: string | null }[] = [];
      page.on(
        "response",
        (r) => r.url().endsWith(".js") && seen.push({ url: r.url(), cors: r.headers()["access-control-allow-origin"] ?? null }),
      );
      return seen;
    };
    // Signed out on both pages: no token of an earlier test on the sign-in page either.
    const signInPage = await context.newPage();
    const onSignIn = scripts(signInPage);
    await signInPage.goto(stack.demoUrl);
    await signInPage.evaluate(() => localStorage.clear());
    await signInPage.reload();
    await expect.poll(() => sso(signInPage).getByRole("button", { name: "Sign in with Microsoft" }).isEnabled()).toBe(true);
    expect(onSignIn.filter((s) => s.url.includes("/chunks/admin-"))).toEqual([]);
    await signInPage.close();

    const { page } = await openOrgPage("?org=riverside");
    const onOrg = scripts(page);
    await page.reload();
    await expect.poll(() => onOrg.some((s) => s.url.includes("/chunks/admin-"))).toBe(true);
    for (const s of onOrg.filter((s) => s.url.includes("/chunks/"))) {
      expect(s.url.startsWith(`${stack.workerUrl}/chunks/`)).toBe(true);
      expect(s.cors).toBe("*");
    }
    await page.close();
  });

  it("Rita (also a Global Administrator) sets the tenant, grants consent in a new window, and sees Active without reloading", async () => {
    // Riverside Academy's integration starts not configured: ThingLink support clears it. Rita is its admin.
    expect((await pages.support("DELETE", "/api/support/organizations/riverside/integration")).status).toBe(200);
    const { page, consoleErrors } = await openOrgPage("?org=riverside");
    // Signed out: the sign-in button first.
    await expect.poll(() => sso(page).getByRole("button", { name: "Sign in with Microsoft" }).isEnabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, undefined, /Rita Rector/);

    await expect.poll(() => panel(page).getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 }).toBe("Riverside Academy");
    const tab = panel(page).getByRole("tab", { name: "Integrations" });
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    expect(await panel(page).getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(await tab.getAttribute("id"));
    await expect.poll(() => statusLine(page).textContent()).toContain("Not configured");
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard: the tablist is one tab stop; arrow keys move between the tabs (selecting them), End to the last, and wrap.
    await tab.focus();
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("button:Requests");
    await page.keyboard.press("End");
    expect(await focused(page)).toBe("button:Users");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("button:Integrations");

    // Edit → field (focused) → Save; focus returns to Edit.
    await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
    expect(await focused(page)).toBe("input:");
    const field = panel(page).getByRole("textbox", { name: "Azure tenant ID" });
    expect(await field.getAttribute("aria-describedby")).toContain("tenant-hint");
    expect(await panel(page).locator("#tenant-hint").textContent()).toBe(
      "A tenant ID (GUID) or a verified domain such as contoso.onmicrosoft.com",
    );
    expect(await axeViolations(page)).toEqual([]);
    await field.fill("riverside-academy.org");
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => statusLine(page).textContent()).toContain("Awaiting consent");
    expect(await panel(page).locator(".item .value code").textContent()).toBe(RIVERSIDE_TENANT);
    await expect.poll(() => focused(page)).toBe("button:Edit Azure tenant ID");
    expect(await axeViolations(page)).toEqual([]);

    // Grant consent now: Microsoft's admin consent in a new window; the panel polls.
    await page.evaluate(() => ((window as any).notReloaded = true));
    const consentPromise = context.waitForEvent("page");
    await panel(page).getByRole("button", { name: "Grant consent now" }).click();
    const consent = await consentPromise;
    await expect
      .poll(() => panel(page).getByRole("status").allTextContents())
      .toContain(
        "Microsoft's consent page opened in a new window. The status here updates when you have finished there; if you closed that window, press Grant consent now again.",
      );
    await consent.waitForURL((url) => url.href.startsWith(stack.emulatorUrl));
    const rita = consent.getByRole("button", { name: /Rita Rector/ });
    if (await rita.isVisible()) await rita.click(); // the account picker, unless the worker hinted her
    await consent.getByRole("button", { name: "Accept" }).click();
    // The window ends on the worker's page, which names the organization.
    await consent.waitForURL((url) => url.href.startsWith(stack.workerUrl), { timeout: 15_000 });
    await expect.poll(() => consent.locator("body").innerText(), { timeout: 15_000 }).toContain("Riverside Academy");

    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 20_000 })
      .toMatch(/^Active since .+, by Rita Rector, admin consent$/);
    expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);
    await expect
      .poll(() => panel(page).locator("table").textContent(), { timeout: 10_000 })
      .toContain("Activated the integration (admin consent)");
    expect(await panel(page).getByRole("button", { name: "Grant consent now" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await consent.close();

    // Disable asks first in a modal dialog (Escape keeps it, and focus goes back); then Disabled, and Enable brings it back.
    await panel(page).getByRole("button", { name: "Disable integration" }).click();
    const confirm = panel(page).getByRole("alertdialog", { name: /^Disable the Microsoft integration\?/ });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await focused(page)).toBe("button:Keep it enabled");
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe("button:Disable integration");
    expect(await statusLine(page).textContent()).toMatch(/^Active since/);
    await panel(page).getByRole("button", { name: "Disable integration" }).click();
    await confirm.getByRole("button", { name: "Disable", exact: true }).click();
    await expect.poll(() => statusLine(page).textContent()).toMatch(/^Disabled since \S/);
    await expect.poll(() => focused(page)).toBe("button:Enable integration");
    await panel(page).getByRole("button", { name: "Enable integration" }).click();
    await expect.poll(() => statusLine(page).textContent()).toMatch(/^Active since/);
    await expect.poll(() => panel(page).locator("table").textContent()).toContain("Enabled the integration");

    // Typing another tenant over the connected one asks first; Cancel leaves the connected tenant as it is.
    await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
    await panel(page).getByRole("textbox", { name: "Azure tenant ID" }).fill("6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f");
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    const tenantQuestion = panel(page).getByRole("alertdialog", { name: /^Save this tenant\?/ });
    await expect.poll(() => tenantQuestion.isVisible()).toBe(true);
    expect(await focused(page)).toBe("button:Cancel");
    await tenantQuestion.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => tenantQuestion.count()).toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => statusLine(page).textContent()).toMatch(/^Active since/);
    expect(await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("Leo (not a Microsoft administrator) gets a copyable link for his Global Administrator, who consents with it", async () => {
    // Leo, Westbrook's admin, signs in; Westbrook's integration starts not configured (support clears it if it is not).
    const { page, consoleErrors } = await leoOnWestbrook();
    await westbrookNotConfigured(page);
    await page.reload();
    await expect
      .poll(() => panel(page).getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 })
      .toBe("Westbrook High School");

    // An unknown tenant: the API's message in an alert next to the field, which keeps focus.
    await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
    const field = panel(page).getByRole("textbox", { name: "Azure tenant ID" });
    await field.fill("no-such-school.example");
    await page.keyboard.press("Enter");
    const alert = panel(page).locator("#tenant-error");
    await expect.poll(() => alert.textContent()).not.toBe("");
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await focused(page)).toBe("input:no-such-school.example");
    expect(await axeViolations(page)).toEqual([]);
    // Cancel puts the row back as it was, focus on Edit.
    await panel(page).getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => focused(page)).toBe("button:Edit Azure tenant ID");
    expect(await statusLine(page).textContent()).toContain("Not configured");

    await panel(page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
    await field.fill("westbrook.edu");
    await panel(page).getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => statusLine(page).textContent()).toContain("Awaiting consent");

    // A browser that opens no window: Microsoft's consent page is offered as a link instead (it goes on
    // only in this browser, the one Leo signed in with: docs/security.md).
    await page.evaluate(() => (window.open = () => null));
    await panel(page).getByRole("button", { name: "Grant consent now" }).click();
    const fallback = panel(page).getByRole("link", { name: "Open Microsoft's consent page" });
    await expect
      .poll(() => fallback.getAttribute("href"))
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/microsoft\/admin-consent\/start\?ticket=/);
    expect(await panel(page).getByRole("status").allTextContents()).toContain(
      "The browser did not open a new window. Open Microsoft's consent page",
    );

    const linkSection = panel(page).locator("thinglink-sso-admin-consent-link");
    expect(await linkSection.getByRole("heading").textContent()).toBe("Link for your Global Administrator");
    expect(await linkSection.textContent()).toContain("Making a new link revokes the previous one.");
    await linkSection.getByRole("button", { name: "Create link" }).click();
    const linkField = linkSection.getByRole("textbox", { name: "Link for your Global Administrator" });
    await expect.poll(() => linkField.inputValue()).toMatch(new RegExp(`^${stack.workerUrl.replace(/[.]/g, "\\.")}/`));
    const first = await linkField.inputValue();
    expect(await linkField.getAttribute("readonly")).not.toBeNull();
    expect(await linkSection.textContent()).toMatch(/The link works until .+\./);
    expect(await focused(page)).toBe(`input:${first}`);
    await linkSection.getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => linkSection.getByRole("status").textContent()).toBe("Copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    expect(await axeViolations(page)).toEqual([]);

    // A new link replaces (and revokes) the first.
    await linkSection.getByRole("button", { name: "Create a new link" }).click();
    await expect.poll(() => linkField.inputValue()).not.toBe(first);
    const link = await linkField.inputValue();

    // Embed origins: the API's validation message, then a save.
    const origins = panel(page).getByRole("textbox", { name: "Embed origins" });
    await origins.fill("http://lms.westbrook.edu");
    await panel(page).getByRole("button", { name: "Save origins" }).click();
    await expect.poll(() => panel(page).locator("#origins-error").textContent()).not.toBe("");
    expect(await origins.getAttribute("aria-invalid")).toBe("true");
    // A line with spaces in it is one mistake, quoted whole.
    await origins.fill("https://lms.westbrook.edu\nnot a url");
    await panel(page).getByRole("button", { name: "Save origins" }).click();
    await expect.poll(() => panel(page).locator("#origins-error").textContent()).toMatch(/^"not a url" /);
    await origins.fill("https://lms.westbrook.edu");
    await panel(page).getByRole("button", { name: "Save origins" }).click();
    await expect.poll(() => panel(page).locator("thinglink-sso-admin-origins [role=status]").textContent()).toBe("Saved.");
    // Listed, not proven: the site has no effect until it serves the organization's line.
    const originsSection = panel(page).locator("thinglink-sso-admin-origins");
    expect((await originsSection.locator("li").textContent())!.replace(/\s+/g, " ")).toContain(
      "https://lms.westbrook.edu Not proven yet, so sign-in does not run there",
    );
    expect(await originsSection.getByRole("textbox", { name: "Your organization's line" }).inputValue()).toMatch(
      /^thinglink-sso-site=[A-Za-z0-9_-]{32}$/,
    );
    expect(await originsSection.textContent()).toContain(
      "serve this line as plain text at https://<your site>/.well-known/thinglink-sso.txt",
    );
    expect(await axeViolations(page)).toEqual([]);
    // Check now: this machine reaches no real site, so the site's row says why it failed, and it stays
    // pending; focus stays on its Check now button.
    await originsSection.getByRole("button", { name: "Check now https://lms.westbrook.edu" }).click();
    await expect
      .poll(() => originsSection.locator("li .last-error").textContent(), { timeout: 15_000 })
      .toMatch(/^Last check .+: The site (could not be reached over https|did not answer)/);
    await expect.poll(() => focused(page)).toBe("button:Check now https://lms.westbrook.edu");
    await expect.poll(() => panel(page).locator("table").textContent()).toContain("Changed the embed origins");
    expect(await panel(page).locator("table").textContent()).toContain("Created a link for the Global Administrator");
    expect(await panel(page).locator("table").textContent()).toContain("Set the Azure tenant ID to westbrook.edu");

    // Gwen, in her own browser, opens the link and consents; Leo's panel follows by itself.
    await gwenConsentsWith(link);
    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 15_000 })
      .toMatch(/^Active since .+, by Gwen Global, through the administrator link$/);

    // More than a page of activity (16 more changes, made through the API): newest first, and
    // "Show more" fetches the next page by its cursor; with the last page the button goes and
    // focus lands on the first row it added.
    await page.evaluate(async (worker) => {
      const headers = {
        authorization: `Bearer ${localStorage.getItem(`thinglink-sso:token:${worker}`)}`,
        "content-type": "application/json",
      };
      for (let i = 0; i < 16; i++)
        await fetch(`${worker}/api/orgs/westbrook/embed-origins`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ origins: [`https://lms${i}.westbrook.edu`] }),
        });
    }, stack.workerUrl);
    await page.reload();
    const rows = panel(page).locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
    expect(await rows.first().textContent()).toContain("Changed the embed origins");
    const times = await panel(page)
      .locator("tbody time")
      .evaluateAll((els) => els.map((el) => el.getAttribute("datetime")!));
    expect([...times].sort().reverse()).toEqual(times);
    await panel(page).getByRole("button", { name: "Show more" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    expect(await panel(page).getByRole("button", { name: "Show more" }).count()).toBe(0);
    await expect.poll(() => focused(page)).toMatch(/^td:/);
    expect(await rows.last().textContent()).toContain("Set the Azure tenant ID to westbrook.edu");
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("Fiona (Fabrikam, a business on the Team license) sees why the integration is unavailable, not the controls", async () => {
    const { page } = await openOrgPage("?org=fabrikam");
    await signIn(page, "fiona@fabrikam.com");
    await expect.poll(() => panel(page).getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 }).toBe("Fabrikam Inc");
    const section = panel(page).locator("section").first();
    const text = (await section.textContent())!.replace(/\s+/g, " ");
    expect(text).toContain("Not available on your license");
    expect(text).toContain(
      "The Microsoft integration needs the Enterprise license for business organizations, and Fabrikam Inc is on the Team license.",
    );
    expect(text).toContain("contact ThingLink to upgrade to the Enterprise license");
    expect(
      await panel(page)
        .getByRole("button", { name: /Edit|Grant consent/ })
        .count(),
    ).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("refuses politely, with no data, someone who is not an administrator of the organization", async () => {
    // Tomás signs in: his first sign-in makes him a member of Northwood (its integration is active,
    // as seeded; no story changes it): a member, not an admin, so the API answers 403.
    const { page } = await openOrgPage("?org=northwood");
    const answers: number[] = [];
    page.on("response", (r) => /\/api\/orgs\/(northwood|riverside)$/.test(r.url()) && answers.push(r.status()));
    await signIn(page, "tomas@northwood.edu");
    await expect.poll(() => answers, { timeout: 15_000 }).toEqual([403]);
    expect(await sso(page).locator("[part=organization]").textContent()).toContain("Northwood School District");
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain("You are not an administrator of this organization.");
    expect(await panel(page).getByRole("heading").count()).toBe(0);
    expect(await panel(page).getByRole("tablist").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // Not a member at all (404): the same words, nothing learned about the organization.
    await page.goto(`${stack.demoUrl}/org?org=riverside`);
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain("You are not an administrator of this organization.");
    expect(answers.at(-1)).toBe(404);
    expect(await panelText(page)).not.toContain("Riverside");
    await page.close();
  });

  it("speaks Finnish with lang=fi", async () => {
    // Riverside's integration is active: ThingLink support connects its tenant. Rita is its admin; Fiona is Fabrikam's.
    expect((await pages.support("PUT", "/api/support/organizations/riverside/integration", { tenantId: RIVERSIDE_TENANT })).status).toBe(
      200,
    );
    const { page } = await openOrgPage("?org=riverside&lang=fi");
    await signIn(page, "rita@riverside-academy.org");
    await expect.poll(() => panel(page).getByRole("tab").first().textContent(), { timeout: 15_000 }).toContain("Integraatiot");
    expect(await panel(page).getAttribute("lang")).toBe("fi");
    expect(await panel(page).getByRole("tablist").getAttribute("aria-label")).toBe("Organisaation asetukset");
    expect(await panel(page).getByRole("heading", { level: 3 }).first().textContent()).toBe("Microsoft-integraatio");
    // Set up by support, so no consenter is named (support is named by how).
    await expect.poll(() => statusLine(page).textContent()).toMatch(/^Käytössä .+ alkaen, ThingLinkin tuen käyttöön ottamana$/);
    expect(await panel(page).getByRole("button", { name: "Muokkaa Azure-vuokraajan tunnusta" }).isVisible()).toBe(true);
    expect(await panel(page).locator("table").textContent()).toContain("Otti integraation käyttöön (ThingLinkin tuen käyttöön ottamana)");
    expect(await axeViolations(page)).toEqual([]);

    await sso(page).getByRole("button", { name: "Kirjaudu ulos" }).click();
    await page.goto(`${stack.demoUrl}/org?org=fabrikam&lang=fi`);
    await signIn(page, "fiona@fabrikam.com");
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain("Ei saatavilla lisenssilläsi");
    expect(await panelText(page)).toContain("Yritysorganisaatiot tarvitsevat Microsoft-integraatioon Enterprise-lisenssin");
    await page.close();
  });

  it("says so when the tenant-wide grant turns out missing (here revoked at Microsoft), and offers consent again", async () => {
    // Leo connects Westbrook and Gwen consents with his link; Tara has never signed in.
    await westbrookConnectedThroughGwensLink();
    // Now Microsoft forgets Westbrook's grant, as if revoked in Entra: the emulator forgets every grant,
    // and gets back the ones the stack started with (Northwood's and Contoso's).
    await fetch(`${stack.emulatorUrl}/_emulator/reset`, { method: "POST" });
    for (const tenantId of SEEDED_GRANTS) {
      const granted = await fetch(`${stack.emulatorUrl}/_emulator/admin-consent`, { method: "POST", body: JSON.stringify({ tenantId }) });
      expect(granted.status).toBe(200);
    }
    const { page, consoleErrors } = await openOrgPage("?org=westbrook");
    await signIn(page, "leo@westbrook.edu");
    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 15_000 })
      .toMatch(/^Active since .+, by Gwen Global, through the administrator link$/);

    // Leo goes to another tab; meanwhile Tara signs up, in her own browser: her silent roster read meets consent_required.
    await awayAndBack(page, async () => {
      const tara = await launchChromium();
      try {
        const taraPage = await tara.context.newPage();
        await taraPage.goto(`${stack.demoUrl}/org?org=westbrook`);
        await signIn(taraPage, "tara@westbrook.edu");
        await expect.poll(() => sso(taraPage).getByText("Tara Teacher").first().isVisible(), { timeout: 15_000 }).toBe(true);
      } finally {
        await tara.close();
      }
    });
    // Leo is back on his tab: it shows what was found, no reload.
    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 15_000 })
      .toMatch(
        /^Active since .+, by Gwen Global, through the administrator linkNoticed .+: Microsoft asks each new person to consent, and School Data Sync roles cannot be read: consent for the whole organization is missing\. A Microsoft administrator of the tenant can grant it now\.$/,
      );
    expect(await panelText(page)).toContain("Next, a Microsoft administrator of this tenant grants consent.");
    expect(await panel(page).getByRole("button", { name: "Grant consent now" }).isVisible()).toBe(true);
    expect(await panel(page).getByRole("button", { name: "Create link" }).isVisible()).toBe(true);
    await expect.poll(() => panel(page).locator("table").textContent()).toContain("Found consent for the whole organization missing");
    expect(await panel(page).locator("table").textContent()).toContain("Tara Teacher joined at sign-up");
    expect(await axeViolations(page)).toEqual([]);
    // Gwen consents for the whole organization with a link; Leo's tab follows, the note gone.
    const linkSection = panel(page).locator("thinglink-sso-admin-consent-link");
    await linkSection.getByRole("button", { name: "Create link" }).click();
    const linkField = linkSection.getByRole("textbox", { name: "Link for your Global Administrator" });
    await expect.poll(() => linkField.inputValue()).toMatch(/^http/);
    await gwenConsentsWith(await linkField.inputValue());
    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 15_000 })
      .toMatch(/^Active since .+, by Gwen Global, through the administrator link$/);
    expect(await panel(page).getByRole("button", { name: "Grant consent now" }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
