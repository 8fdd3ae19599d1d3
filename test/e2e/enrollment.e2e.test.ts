/**
 * End to end, joining an organization and its admin's Requests and Users tabs
 * on the real stack: the demo page (localhost) with <thinglink-sso view="auto"> and the
 * Organization page with view="admin", the widget from the worker (127.0.0.1, another site),
 * in Debian's Chromium with fresh profiles (third-party cookies blocked). People sign in on
 * the demo page in one browser; each organization admin uses a browser of their own.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { startStack } from "../../scripts/stack.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { awayAndBack, axeViolations, focused, requestsTo, widgetRendered } from "../support/page-checks";

const CONTOSO = "a0a0a0a0-0002-4000-8000-000000000002";
const WESTBROOK = "a0a0a0a0-0005-4000-8000-000000000005";

type Browser = Awaited<ReturnType<typeof launchChromium>>;
let stack: Awaited<ReturnType<typeof startStack>>;
let stateDir: string;
/** The people's browser (the demo page), and one for each organization admin. */
let people: Browser;
const admins: Browser[] = [];
/** Pages of the admins, kept from one story to the next. */
let carlaPage: Page;
let adaPage: Page;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-enrollment-"));
  stack = await startStack({ stateDir });
  people = await launchChromium();
});

afterAll(async () => {
  for (const b of [people, ...admins]) await b?.close();
  await stack?.stop();
});

const sso = (page: Page) => page.locator("thinglink-sso");
const prompt = (page: Page) => sso(page).locator("thinglink-sso-join");
const state = (page: Page) => prompt(page).locator(".state");
const panel = (page: Page) => sso(page).locator("thinglink-sso-admin");
const tab = (page: Page, name: RegExp) => panel(page).getByRole("tab", { name });
const listStatus = (scope: Locator) => scope.locator(".list-status");
const text = (l: Locator) => l.evaluate((el) => el.textContent?.replace(/\s+/g, " ").trim() ?? "");
/** A table row's cells (checkbox, header, data), each as text. */
const cells = (row: Locator) =>
  row.locator("th, td").evaluateAll((els) => els.map((el) => el.textContent?.replace(/\s+/g, " ").trim() ?? ""));

/** A page of this browser at `url`, with no token of an earlier test. */
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

async function signOut(page: Page) {
  await sso(page)
    .getByRole("button", { name: /Sign out|Kirjaudu ulos/ })
    .click();
  await expect
    .poll(() =>
      sso(page)
        .getByRole("button", { name: /Sign in with Microsoft|Kirjaudu Microsoft-tilillä/ })
        .isVisible(),
    )
    .toBe(true);
}

/** An admin on the Organization page, in a browser of their own. */
async function adminPage(org: string, loginHint: string, lang = "") {
  const browser = await launchChromium();
  admins.push(browser);
  const { page, errors } = await open(browser, `${stack.demoUrl}/org?org=${org}${lang ? `&lang=${lang}` : ""}`);
  await signIn(browser.context, page, loginHint);
  await expect.poll(() => panel(page).getByRole("heading", { level: 2 }).count(), { timeout: 15_000 }).toBe(1);
  return { page, errors };
}

/** The signed-in account's bearer token on this page (to call the API as that person). */
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

async function support(method: string, route: string, body?: unknown) {
  const token = JSON.parse(await readFile(path.join(stateDir, "secrets.json"), "utf8")).SUPPORT_API_TOKEN;
  const res = await fetch(stack.workerUrl + route, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const accountIdOn = async (page: Page) => JSON.parse(await page.locator("#identity").innerText()).account.id as string;

describe("joining an organization, and its admin's Requests and Users tabs", () => {
  it("Chris asks to join Contoso (once, for all his clicks and tabs), cancels, asks again; Carla approves; Chris is in Contoso", async () => {
    const { page, errors } = await open(people, stack.demoUrl);
    const chunks: string[] = [];
    page.on("response", (r) => r.url().includes("/chunks/") && chunks.push(new URL(r.url()).pathname));
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/join-requests") && posts.push(r.url()));

    await signIn(people.context, page, "chris@contoso.com");
    // The prompt, loaded as its own chunk only now (not the admin views).
    await expect
      .poll(() => text(prompt(page)), { timeout: 10_000 })
      .toBe("Contoso Ltd uses ThingLink. Ask to join it? Request to join Not now");
    expect(chunks.some((c) => c.startsWith("/chunks/join-"))).toBe(true);
    expect(chunks.some((c) => c.startsWith("/chunks/admin-"))).toBe(false);
    expect(await sso(page).locator("[part=organization]").count()).toBe(0);
    const group = prompt(page).getByRole("group", { name: "Contoso Ltd uses ThingLink. Ask to join it?" });
    expect(await group.getByRole("button").allTextContents()).toEqual(["Request to join", "Not now"]);
    expect(await axeViolations(page)).toEqual([]);

    // A second tab of the same site shows the same prompt, and follows what the first one does.
    const other = await people.context.newPage();
    await other.goto(stack.demoUrl);
    await expect.poll(() => prompt(other).getByRole("button", { name: "Request to join" }).isVisible(), { timeout: 10_000 }).toBe(true);

    // A double click asks once; the button is disabled (but keeps focus) while the call runs.
    await prompt(page).getByRole("button", { name: "Request to join" }).dblclick();
    await expect.poll(() => text(state(page))).toBe("Your request to join Contoso Ltd is waiting for an administrator.");
    expect(posts).toHaveLength(1);
    expect(await state(page).getAttribute("role")).toBe("status");
    expect(await focused(page)).toBe("p:Your request to join Contoso Ltd is waiting for an administrator.");
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["Cancel request"]);
    expect(await page.locator("#log").innerText()).toContain(`asked to join organization ${CONTOSO}`);
    expect(await axeViolations(page)).toEqual([]);
    await expect
      .poll(() => text(state(other)), { timeout: 10_000 })
      .toBe("Your request to join Contoso Ltd is waiting for an administrator.");
    // Asking again from the other tab (say, before it heard) gives the same request, not a second one.
    const first = await api(page, "GET", "/api/session");
    const again = await api(other, "POST", "/api/join-requests", { organizationId: CONTOSO });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.joinRequest.id);

    // Cancel request: the prompt is back, the status says so, and focus is on it (not lost to the page).
    await prompt(page).getByRole("button", { name: "Cancel request" }).click();
    await expect.poll(() => text(state(page))).toBe("Your request was cancelled.");
    await expect.poll(() => focused(page)).toBe("p:Your request was cancelled.");
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["Request to join", "Not now"]);
    await expect.poll(() => prompt(other).getByRole("button", { name: "Request to join" }).isVisible(), { timeout: 10_000 }).toBe(true);
    await other.close();
    await prompt(page).getByRole("button", { name: "Request to join" }).click();
    await expect.poll(() => text(state(page))).toBe("Your request to join Contoso Ltd is waiting for an administrator.");

    // Chris turns to another tab. Carla, in her own browser: the Requests tab's badge, the request, Approve.
    await awayAndBack(page, async () => {
      const carla = await adminPage("contoso", "carla@contoso.com");
      carlaPage = carla.page;
      const requestsTab = tab(carla.page, /^Requests/);
      await expect.poll(() => text(requestsTab)).toBe("Requests 1 pending");
      await requestsTab.click();
      const table = panel(carla.page).getByRole("table", { name: "Join requests" });
      await expect.poll(() => table.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
      expect(await table.locator("thead th").allTextContents()).toEqual(["", "Name", "Asked", "Actions"]);
      expect(await table.getByRole("checkbox", { name: "Select all shown" }).count()).toBe(1);
      const row = table.locator("tbody tr").first();
      expect(await text(row.getByRole("rowheader"))).toBe("Chris Employee chris@contoso.com");
      expect(await row.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await axeViolations(carla.page)).toEqual([]);
      await row.getByRole("button", { name: "Approve Chris Employee" }).click();
      await expect.poll(() => text(listStatus(panel(carla.page)))).toBe("Chris Employee: approved");
      expect(await panel(carla.page).getByRole("status").allTextContents()).toContain("No one is waiting.");
      expect(await focused(carla.page)).toBe("div:Chris Employee: approved");
      await expect.poll(() => text(requestsTab)).toBe("Requests");
      expect(await axeViolations(carla.page)).toEqual([]);
      expect(carla.errors).toEqual([]);
    });

    // Chris is back on his page (the browser fired focus), no reload: he is in Contoso, the prompt says he joined, and the host page heard it.
    const back = Date.now();
    await expect.poll(() => text(sso(page).locator("[part=organization]")), { timeout: 10_000 }).toBe("(Contoso Ltd)");
    await expect.poll(() => text(state(page)), { timeout: 10_000 }).toBe("You joined Contoso Ltd.");
    expect(Date.now() - back).toBeLessThan(5000); // on coming back, not at the next 30-second look
    expect(await prompt(page).getByRole("button").count()).toBe(0);
    const identity = JSON.parse(await page.locator("#identity").innerText());
    expect(identity.organization.name).toBe("Contoso Ltd");
    expect(identity.assertion.org).toBe(CONTOSO);
    // And after a reload too.
    await page.reload();
    await expect.poll(() => text(state(page)), { timeout: 10_000 }).toBe("You joined Contoso Ltd.");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await signOut(page);
    await page.close();
  });

  it("Users: Ada flips Sam Student to teacher (set by an admin), cannot demote herself as the last admin, removes Tomás and adds him back from the tenant", async () => {
    // Sam, Tomás and Frank sign up (Northwood's integration is active): students and teachers by School Data Sync, no prompt.
    const { page } = await open(people, stack.demoUrl);
    for (const hint of ["sam@northwood.edu", "tomas@northwood.edu", "frank@northwood.edu"]) {
      await signIn(people.context, page, hint);
      expect(await text(sso(page).locator("[part=organization]"))).toBe("(Northwood School District)");
      // Nothing to suggest (they are in their tenant's organization), so nothing is shown once the widget has rendered.
      expect((await api(page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
      await widgetRendered(page);
      expect(await text(prompt(page))).toBe("");
      await signOut(page);
    }
    await page.close();

    const ada = await adminPage("northwood", "ada@northwood.edu");
    adaPage = ada.page;
    await tab(ada.page, /^Users/).click();
    const section = panel(ada.page).getByRole("region", { name: "Members", exact: true });
    const members = section.getByRole("table", { name: "Members" });
    await expect.poll(() => members.locator("tbody tr").count(), { timeout: 10_000 }).toBe(4);
    expect(await members.locator("thead th").allTextContents()).toEqual(["Name", "Role", "Account type", "Joined", "Actions"]);
    expect(await members.getByRole("rowheader").allTextContents()).toEqual([
      "Ada Lovelace ada@northwood.edu",
      "Frank Faculty frank@northwood.edu",
      "Sam Student sam@northwood.edu",
      "Tomás Teacher tomas@northwood.edu",
    ]);
    const sam = members.locator("tbody tr", { hasText: "Sam Student" });
    const samType = sam.getByRole("combobox", { name: "Account type: Sam Student" });
    expect(await samType.inputValue()).toBe("student");
    expect(await text(sam.locator("td .hint"))).toBe("from School Data Sync");
    const tenant = panel(ada.page).locator("thinglink-sso-admin-tenant-accounts");
    await expect.poll(() => text(tenant.getByRole("status").first())).toBe("Everyone from your tenant who uses ThingLink is a member.");
    expect(await axeViolations(ada.page)).toEqual([]);

    // Sam becomes a teacher: the list says an admin set it; focus stays on the field.
    await samType.focus();
    await samType.selectOption("teacher");
    await expect.poll(() => text(sam.locator("td .hint"))).toBe("set by an admin");
    expect(await text(listStatus(section))).toBe("Sam Student: updated");
    expect(await focused(ada.page)).toBe("select:teacher");
    // With the keyboard, an arrow key only moves the choice; Enter saves it (so does leaving the field).
    const frank = members.locator("tbody tr", { hasText: "Frank Faculty" });
    const frankType = frank.getByRole("combobox", { name: "Account type: Frank Faculty" });
    const saves = requestsTo(ada.page, /\/api\/orgs\/[^/]+\/members\/[^/]+$/);
    await frankType.focus();
    await ada.page.keyboard.press("ArrowUp");
    expect(await frankType.inputValue()).toBe("student");
    expect(await text(listStatus(section))).toBe("Sam Student: updated");
    await ada.page.keyboard.press("ArrowDown");
    await ada.page.keyboard.press("Enter"); // back to teacher: nothing to save
    await ada.page.keyboard.press("ArrowUp");
    await ada.page.keyboard.press("Enter");
    await expect.poll(() => text(listStatus(section))).toBe("Frank Faculty: updated");
    await ada.page.keyboard.press("ArrowDown");
    await ada.page.keyboard.press("Enter");
    await expect.poll(() => text(frank.locator("td .hint"))).toBe("set by an admin");
    // Two saves, for the two Enters that changed something: the arrow steps and the Enter that changed nothing saved nothing.
    await expect.poll(() => saves.length).toBe(2);
    expect(saves.every((s) => s.startsWith("PATCH "))).toBe(true);
    // Ada is the last admin: demoting her is refused with the API's message beside the field, which goes back to Admin.
    const adaRole = members.locator("tbody tr", { hasText: "Ada Lovelace" }).getByRole("combobox", { name: "Role: Ada Lovelace" });
    await adaRole.focus();
    await adaRole.selectOption("member");
    const refusal = members.locator("tbody tr", { hasText: "Ada Lovelace" }).getByRole("alert");
    await expect.poll(() => text(refusal)).toBe("This is the organization's last admin: make someone else an admin first.");
    expect(await adaRole.inputValue()).toBe("admin");
    expect(await adaRole.getAttribute("aria-describedby")).toBe(await refusal.getAttribute("id"));
    expect(await focused(ada.page)).toBe("select:admin");
    expect(await axeViolations(ada.page)).toEqual([]);

    // Remove Tomás, after a confirmation (Cancel first keeps him, and focus goes back to the button);
    // he is then in the tenant's list of people who are not members.
    const removeTomas = members.getByRole("button", { name: "Remove Tomás Teacher" });
    await removeTomas.click();
    const confirm = panel(ada.page).getByRole("alertdialog", { name: "Remove Tomás Teacher? They are signed out at once." });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await focused(ada.page)).toBe("button:Cancel");
    expect(await axeViolations(ada.page)).toEqual([]);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => focused(ada.page)).toBe("button:Remove Tomás Teacher");
    expect(await members.locator("tbody tr").count()).toBe(4);
    await removeTomas.click();
    await confirm.getByRole("button", { name: "Remove", exact: true }).click();
    await expect.poll(() => text(listStatus(section))).toBe("Tomás Teacher: removed");
    expect(await members.locator("tbody tr").count()).toBe(3);
    await expect.poll(() => focused(ada.page)).toBe("div:Tomás Teacher: removed");
    await tab(ada.page, /^Integrations/).click();
    await tab(ada.page, /^Users/).click();
    const notYet = tenant.getByRole("table", { name: "Not yet members from your Microsoft tenant" });
    await expect.poll(() => notYet.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    expect(await cells(notYet.locator("tbody tr"))).toEqual([
      "",
      "Tomás Teacher tomas@northwood.edu",
      "no organization",
      "Add Tomás Teacher",
    ]);
    expect(await axeViolations(ada.page)).toEqual([]);
    await notYet.getByRole("button", { name: "Add Tomás Teacher" }).click();
    await expect.poll(() => text(listStatus(tenant))).toBe("Tomás Teacher: added");
    await expect.poll(() => text(tenant.getByRole("status").first())).toBe("Everyone from your tenant who uses ThingLink is a member.");
    const members2 = panel(ada.page).getByRole("table", { name: "Members" });
    await expect.poll(() => members2.getByRole("rowheader").allTextContents()).toContain("Tomás Teacher tomas@northwood.edu");
    const tomas = members2.locator("tbody tr", { hasText: "Tomás Teacher" });
    expect(await text(tomas.locator("td .hint"))).toBe(
      "default: Added by an organization admin; School Data Sync is read at their next sign-in",
    );

    // Search by name (debounced): a prefix.
    await panel(ada.page).getByRole("searchbox", { name: "Search by name" }).fill("sa");
    await expect.poll(() => members2.getByRole("rowheader").allTextContents()).toEqual(["Sam Student sam@northwood.edu"]);

    // On a phone (390 px) nothing goes off screen: each row becomes a card.
    await ada.page.setViewportSize({ width: 390, height: 800 });
    await expect.poll(() => ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ada.page.setViewportSize({ width: 1280, height: 800 });

    // The recent activity (Integrations tab) says each change in words, naming the person.
    await tab(ada.page, /^Integrations/).click();
    const activity = panel(ada.page).getByRole("table", { name: "Recent activity" });
    await expect
      .poll(() => activity.locator("tbody tr td:last-child").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["Added Tomás Teacher", "Removed Tomás Teacher", "Changed Sam Student: Teacher"]));
    expect(ada.errors).toEqual([]);
  });

  it("Not now: Frank (moved to Westbrook meanwhile) is told joining moves him; the prompt stays away after a reload and on another device", async () => {
    // ThingLink support made Frank an admin of Westbrook: he is out of Northwood, whose tenant he is in.
    const { page, errors } = await open(people, stack.demoUrl);
    await signIn(people.context, page, "frank@northwood.edu");
    const frankId = await accountIdOn(page);
    await signOut(page);
    await support("PUT", `/api/support/organizations/${WESTBROOK}/admins/${frankId}`);
    await signIn(people.context, page, "frank@northwood.edu");
    await expect
      .poll(() => text(prompt(page)), { timeout: 10_000 })
      .toBe(
        "You are now in Westbrook High School; joining moves your account to Northwood School District. Northwood School District uses ThingLink. Ask to join it? Request to join Not now",
      );
    expect(await axeViolations(page)).toEqual([]);
    await prompt(page).getByRole("button", { name: "Not now" }).click();
    await expect.poll(() => text(state(page))).toBe("We will not ask again for 30 days, on any of your devices.");
    await expect.poll(() => focused(page)).toBe("p:We will not ask again for 30 days, on any of your devices.");
    expect(await prompt(page).getByRole("button").count()).toBe(0);
    await page.reload();
    await expect.poll(() => text(sso(page).locator("[part=organization]")), { timeout: 10_000 }).toBe("(Westbrook High School)");
    expect((await api(page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
    await widgetRendered(page);
    expect(await text(prompt(page))).toBe("");
    // Another device: no prompt either.
    const elsewhere = await launchChromium();
    admins.push(elsewhere);
    const other = await open(elsewhere, stack.demoUrl);
    await signIn(elsewhere.context, other.page, "frank@northwood.edu");
    expect((await api(other.page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
    await widgetRendered(other.page);
    expect(await text(prompt(other.page))).toBe("");
    expect(errors).toEqual([]);
    await signOut(page);
    await page.close();

    // Ada sees him among the tenant's people who are not members, "now in" Westbrook; adding moves him.
    await adaPage.reload();
    await tab(adaPage, /^Users/).click();
    const notYet = panel(adaPage).getByRole("table", { name: "Not yet members from your Microsoft tenant" });
    await expect.poll(() => notYet.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    expect(await notYet.locator("thead th").allTextContents()).toEqual(["", "Name", "Now in", "Actions"]);
    expect(await text(notYet.locator("tbody tr td").nth(1))).toBe("Westbrook High School");
    await notYet.getByRole("checkbox", { name: "Frank Faculty" }).check();
    await panel(adaPage).getByRole("button", { name: "Add selected" }).click();
    const tenant = panel(adaPage).locator("thinglink-sso-admin-tenant-accounts");
    await expect.poll(() => text(listStatus(tenant))).toBe("Frank Faculty: moved here from Westbrook High School");
  });

  it("a request another admin decided first shows the API's words; bulk decisions; a rejection is shown neutrally", async () => {
    // Tomás becomes a second admin of Northwood (so the last-admin rule no longer holds Ada), and Sam is removed.
    await tab(adaPage, /^Users/).click();
    const section = panel(adaPage).getByRole("region", { name: "Members", exact: true });
    // The list reloads after the last story added Frank: act on it once it has (rows are re-rendered in place).
    await expect.poll(() => section.getByRole("combobox", { name: "Role: Frank Faculty" }).count(), { timeout: 10_000 }).toBe(1);
    const tomasRole = section.getByRole("combobox", { name: "Role: Tomás Teacher" });
    await tomasRole.selectOption("admin");
    await expect.poll(() => text(listStatus(section))).toBe("Tomás Teacher: updated");
    await section.getByRole("button", { name: "Remove Sam Student" }).click();
    await panel(adaPage).getByRole("alertdialog").getByRole("button", { name: "Remove", exact: true }).click();
    await expect.poll(() => text(listStatus(section))).toBe("Sam Student: removed");

    // Sam asks to join again.
    const { page } = await open(people, stack.demoUrl);
    await signIn(people.context, page, "sam@northwood.edu");
    await prompt(page).getByRole("button", { name: "Request to join" }).click();
    await expect.poll(() => text(state(page))).toBe("Your request to join Northwood School District is waiting for an administrator.");

    await adaPage.reload();
    const requestsTab = tab(adaPage, /^Requests/);
    await expect.poll(() => text(requestsTab), { timeout: 10_000 }).toBe("Requests 1 pending");
    await requestsTab.click();
    const table = panel(adaPage).getByRole("table", { name: "Join requests" });
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);

    // Meanwhile Tomás, the other admin, rejects it from his own browser.
    const tomas = admins.at(-1)!;
    const tomasPage = (await open(tomas, stack.demoUrl)).page;
    await signIn(tomas.context, tomasPage, "tomas@northwood.edu");
    const pending = await api(tomasPage, "GET", "/api/orgs/northwood/join-requests?status=pending");
    expect(pending.body.requests.map((r: { account: { name: string } }) => r.account.name)).toEqual(["Sam Student"]);
    const decided = await api(tomasPage, "POST", "/api/orgs/northwood/join-requests/decisions", {
      decisions: [{ id: pending.body.requests[0].id, decision: "reject" }],
    });
    expect(decided.body.results[0].outcome).toBe("rejected");

    // Ada approves the row she sees: the API's message says who decided first; nothing is decided twice.
    await table.getByRole("button", { name: "Approve Sam Student" }).click();
    await expect
      .poll(() => text(listStatus(panel(adaPage))))
      .toBe("Sam Student: Already rejected by Tomás Teacher; it was not decided again.");
    await expect.poll(() => panel(adaPage).getByRole("status").allTextContents()).toContain("No one is waiting.");
    await expect.poll(() => text(requestsTab)).toBe("Requests");
    expect(await axeViolations(adaPage)).toEqual([]);

    // Sam sees a neutral outcome (a status, not an alert), and no prompt for a while.
    await page.reload();
    await expect
      .poll(() => text(state(page)), { timeout: 10_000 })
      .toBe("An administrator of Northwood School District did not approve your request.");
    expect(await text(prompt(page).locator("[role=alert]"))).toBe("");
    expect(await prompt(page).getByRole("button").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    // Bulk, at Contoso: Mallory signs up (a member at once), Carla removes her, she asks to join, and Carla rejects everything shown.
    await signIn(people.context, page, "mallory@contoso.com");
    const malloryId = await accountIdOn(page);
    expect(await text(sso(page).locator("[part=organization]"))).toBe("(Contoso Ltd)");
    expect((await api(carlaPage, "DELETE", `/api/orgs/contoso/members/${malloryId}`)).status).toBe(200);
    // Removal ended her session at once: she signs in again, and is asked to join.
    await page.reload();
    await signIn(people.context, page, "mallory@contoso.com");
    await prompt(page).getByRole("button", { name: "Request to join" }).click();
    await expect.poll(() => text(state(page))).toBe("Your request to join Contoso Ltd is waiting for an administrator.");
    await carlaPage.reload();
    await tab(carlaPage, /^Requests/).click();
    const carlaTable = panel(carlaPage).getByRole("table", { name: "Join requests" });
    await expect.poll(() => carlaTable.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    const rejectSelected = panel(carlaPage).getByRole("button", { name: "Reject selected" });
    expect(await rejectSelected.getAttribute("aria-disabled")).toBe("true");
    await carlaTable.getByRole("checkbox", { name: "Select all shown" }).check();
    expect(await carlaTable.getByRole("checkbox", { name: "Mallory Mailswap" }).isChecked()).toBe(true);
    expect(await rejectSelected.getAttribute("aria-disabled")).toBe("false");
    expect(await axeViolations(carlaPage)).toEqual([]);
    await rejectSelected.click();
    await expect.poll(() => text(listStatus(panel(carlaPage)))).toBe("Mallory Mailswap: rejected");
    await expect.poll(() => focused(carlaPage)).toBe("div:Mallory Mailswap: rejected");
    await page.reload();
    await expect.poll(() => text(state(page)), { timeout: 10_000 }).toBe("An administrator of Contoso Ltd did not approve your request.");
    await signOut(page);
    await page.close();
  });

  it("speaks Finnish with lang=fi: the prompt (Chris, removed from Contoso, is asked again) and the admin's tabs", async () => {
    const chrisId = (await api(carlaPage, "GET", "/api/orgs/contoso/members?q=chris")).body.members[0].accountId;
    expect((await api(carlaPage, "DELETE", `/api/orgs/contoso/members/${chrisId}`)).status).toBe(200);
    const { page } = await open(people, `${stack.demoUrl}/?lang=fi`);
    await signIn(people.context, page, "chris@contoso.com");
    await expect
      .poll(() => text(prompt(page)), { timeout: 10_000 })
      .toBe("Contoso Ltd käyttää ThingLinkiä. Haluatko pyytää liittymistä? Pyydä liittymistä Ei nyt");
    expect(await prompt(page).getAttribute("lang")).toBe("fi");
    expect(await axeViolations(page)).toEqual([]);
    await prompt(page).getByRole("button", { name: "Pyydä liittymistä" }).click();
    await expect.poll(() => text(state(page))).toBe("Pyyntösi liittyä organisaatioon Contoso Ltd odottaa ylläpitäjän hyväksyntää.");
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["Peru pyyntö"]);
    await page.close();

    await adaPage.goto(`${stack.demoUrl}/org?org=northwood&lang=fi`);
    await expect
      .poll(
        () =>
          panel(adaPage)
            .getByRole("tab")
            .evaluateAll((tabs) => tabs.map((t) => t.textContent.trim())),
        { timeout: 15_000 },
      )
      .toEqual(["Integraatiot", "Pyynnöt", "Käyttäjät"]);
    expect(await panel(adaPage).getAttribute("lang")).toBe("fi");
    await tab(adaPage, /^Pyynnöt/).click();
    await expect.poll(() => panel(adaPage).getByRole("status").allTextContents()).toContain("Kukaan ei odota.");
    await tab(adaPage, /^Käyttäjät/).click();
    const members = panel(adaPage).getByRole("table", { name: "Jäsenet" });
    await expect
      .poll(() => members.locator("thead th").allTextContents(), { timeout: 10_000 })
      .toEqual(["Nimi", "Rooli", "Tilin tyyppi", "Liittynyt", "Toiminnot"]);
    expect(await panel(adaPage).getByRole("searchbox", { name: "Hae nimellä" }).count()).toBe(1);
    const ada = members.locator("tbody tr", { hasText: "Ada Lovelace" });
    expect(await ada.getByRole("combobox", { name: "Rooli: Ada Lovelace" }).inputValue()).toBe("admin");
    expect(await text(ada.locator("td .hint"))).toBe("School Data Syncistä");
    expect(await axeViolations(adaPage)).toEqual([]);
  });

  it("works on a page that loads widget.js under another URL (its chunks then get an instance of their own)", async () => {
    // The chunks import what they share with sign-in from ../widget.js: a module of its own URL.
    const browser = await launchChromium();
    admins.push(browser);
    const scripts: string[] = [];
    browser.context.on(
      "request",
      (r) => r.url().startsWith(stack.workerUrl) && /\.js(\?|$)/.test(r.url()) && scripts.push(r.url().replace(stack.workerUrl, "")),
    );
    const { page, errors } = await open(browser, `${stack.demoUrl}/org?org=contoso&v=2`);
    await signIn(browser.context, page, "carla@contoso.com");
    await expect.poll(() => panel(page).getByRole("tab").count(), { timeout: 15_000 }).toBe(3);
    expect(scripts).toContain("/widget.js?v=2");
    expect(scripts).toContain("/widget.js");
    await tab(page, /^Users/).click();
    await expect
      .poll(() => panel(page).getByRole("table", { name: "Members" }).locator("tbody tr").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // A refusal is still told apart from a failure (a status read across the two instances).
    await page.goto(`${stack.demoUrl}/org?org=northwood&v=2`);
    await expect
      .poll(() => panel(page).evaluate((el) => el.shadowRoot?.textContent ?? ""), { timeout: 15_000 })
      .toContain("You are not an administrator of this organization.");
    expect(errors).toEqual([]);
  });
});
