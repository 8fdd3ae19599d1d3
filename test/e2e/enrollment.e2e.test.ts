/**
 * End to end, joining an organization and its admin's Requests and Users tabs
 * on the real stack: the demo page (localhost) with <thinglink-sso view="auto"> and the
 * Organization page with view="admin", the widget from the worker (127.0.0.1, another site),
 * in Debian's Chromium with fresh profiles (third-party cookies blocked). People sign in on
 * the demo page in one browser; each organization admin uses a browser of their own.
 * Each story sets up what it needs itself (sign-ins, ThingLink support's API, an admin's API
 * through their own sign-in), so any one of them runs alone or in any order.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startStack } from "../../scripts/stack.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { type Browser, listStatus, panel, peoplePages, prompt, promptState as state, sso, tab, text } from "../support/people-pages";
import { awayAndBack, axeViolations, focused, requestsTo, widgetRendered } from "../support/page-checks";

const NORTHWOOD = "a0a0a0a0-0001-4000-8000-000000000001";
const CONTOSO = "a0a0a0a0-0002-4000-8000-000000000002";
const WESTBROOK = "a0a0a0a0-0005-4000-8000-000000000005";

let stack: Awaited<ReturnType<typeof startStack>>;
let stateDir: string;
/** The people's browser (the demo page), and the browsers a story opens for admins and other devices. */
let people: Browser;
let pages: ReturnType<typeof peoplePages>;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-enrollment-"));
  stack = await startStack({ stateDir });
  people = await launchChromium();
  pages = peoplePages(stack, stateDir);
});

/** A story's own browsers end with it: the next story opens its own. */
afterEach(async () => pages.closeAll());

afterAll(async () => {
  await pages?.closeAll();
  await people?.close();
  await stack?.stop();
});

/** A table row's cells (checkbox, header, data), each as text. */
const cells = (row: Locator) =>
  row.locator("th, td").evaluateAll((els) => els.map((el) => el.textContent?.replace(/\s+/g, " ").trim() ?? ""));

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

/** For setups: `loginHint` signs in on a demo page of the people's browser, `act` runs there (the API as them), and the page closes. */
async function signedInAs<T>(loginHint: string, act: (page: Page) => Promise<T>) {
  const { page } = await pages.open(people, stack.demoUrl);
  await pages.signIn(people.context, page, loginHint);
  const result = await act(page);
  await page.close();
  return result;
}

interface SessionBody {
  account: { id: string };
  organization: { id: string } | null;
  joinRequest: { id: string; status: string } | null;
}

/**
 * `loginHint` signs in (signing up if it is their first time) and has nothing open about joining:
 * they cancel a request that is waiting, and read the decision of one they have not seen yet.
 * Returns their session as it was before.
 */
async function nothingOpen(loginHint: string) {
  return signedInAs(loginHint, async (page) => {
    const session = (await pages.api(page, "GET", "/api/session")).body as SessionBody;
    const request = session.joinRequest;
    if (request?.status === "pending") expect((await pages.api(page, "DELETE", "/api/join-requests/current")).status).toBe(200);
    else if (request) expect((await pages.api(page, "POST", `/api/join-requests/${request.id}/seen`)).status).toBe(200);
    return session;
  });
}

/** Chris in no organization, with nothing open about joining: Carla removes him from Contoso if he is in it. */
async function chrisOutsideContoso() {
  const chris = await nothingOpen("chris@contoso.com");
  if (chris.organization?.id === CONTOSO) {
    await signedInAs("carla@contoso.com", async (carla) =>
      expect((await pages.api(carla, "DELETE", `/api/orgs/contoso/members/${chris.account.id}`)).status).toBe(200),
    );
  }
}

/**
 * Northwood with Sam, Tomás and Frank as members Ada added, whatever happened to them before:
 * plain members, students by default ("Added by an organization admin"), with nothing open about
 * joining; Ada is Northwood's only admin. Whoever has never signed in signs up first; Ada removes
 * whoever of them is a member (an admin among them too), then adds all three (moving in whoever
 * is elsewhere).
 */
async function northwoodWithMembersAdaAdded() {
  const found: SessionBody[] = [];
  for (const hint of ["sam@northwood.edu", "tomas@northwood.edu", "frank@northwood.edu"]) found.push(await nothingOpen(hint));
  await signedInAs("ada@northwood.edu", async (ada) => {
    for (const person of found.filter((p) => p.organization?.id === NORTHWOOD)) {
      expect((await pages.api(ada, "DELETE", `/api/orgs/northwood/members/${person.account.id}`)).status).toBe(200);
    }
    const added = await pages.api(ada, "POST", "/api/orgs/northwood/members", { accountIds: found.map((p) => p.account.id) });
    expect(added.status).toBe(200);
    for (const result of added.body.results) expect(["added", "moved"]).toContain(result.outcome);
  });
}

describe("joining an organization, and its admin's Requests and Users tabs", () => {
  it("Chris asks to join Contoso (once, for all his clicks and tabs), cancels, asks again; Carla approves; Chris is in Contoso", async () => {
    // Chris (who used ThingLink before Contoso connected its tenant) is in no organization and has nothing
    // open about joining, so nobody waits at Contoso. Carla is Contoso's admin.
    await chrisOutsideContoso();
    const { page, errors } = await pages.open(people, stack.demoUrl);
    const chunks: string[] = [];
    page.on("response", (r) => r.url().includes("/chunks/") && chunks.push(new URL(r.url()).pathname));
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/join-requests") && posts.push(r.url()));

    await pages.signIn(people.context, page, "chris@contoso.com");
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
    const first = await pages.api(page, "GET", "/api/session");
    const again = await pages.api(other, "POST", "/api/join-requests", { organizationId: CONTOSO });
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
      const carla = await pages.adminPage("contoso", "carla@contoso.com");
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
    // The decision stays until Chris puts it away: its only button.
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["OK"]);
    expect(await prompt(page).getByRole("button", { name: "OK, hide this message" }).isVisible()).toBe(true);
    const identity = JSON.parse(await page.locator("#identity").innerText());
    expect(identity.organization.name).toBe("Contoso Ltd");
    expect(identity.assertion.org).toBe(CONTOSO);
    // The host heard of the change once, whichever of the page's looks (the widget's, the prompt's) found it first.
    await widgetRendered(page);
    expect((await page.locator("#log").innerText()).match(/signed in: Chris Employee \(session restored\)/g)).toHaveLength(1);
    // And after a reload too.
    await page.reload();
    await expect.poll(() => text(state(page)), { timeout: 10_000 }).toBe("You joined Contoso Ltd.");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await signOut(page);
    await page.close();
  });

  it("Users: Ada flips Sam Student to teacher (set by an admin), cannot demote herself as the last admin, removes Tomás and adds him back from the tenant", async () => {
    // Sam, Tomás and Frank are members of Northwood whom Ada added (students by default); Ada is its only admin.
    await northwoodWithMembersAdaAdded();
    // They sign in: in their tenant's organization, so there is nothing to suggest and no prompt.
    const { page } = await pages.open(people, stack.demoUrl);
    for (const hint of ["sam@northwood.edu", "tomas@northwood.edu", "frank@northwood.edu"]) {
      await pages.signIn(people.context, page, hint);
      expect(await text(sso(page).locator("[part=organization]"))).toBe("(Northwood School District)");
      // Nothing to suggest (they are in their tenant's organization), so nothing is shown once the widget has rendered.
      expect((await pages.api(page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
      await widgetRendered(page);
      expect(await text(prompt(page))).toBe("");
      await signOut(page);
    }
    await page.close();

    const ada = await pages.adminPage("northwood", "ada@northwood.edu");
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
    expect(await text(sam.locator("td .hint"))).toBe("default: Added by an organization admin");
    // Ada's own type came from School Data Sync, and says so.
    expect(await text(members.locator("tbody tr", { hasText: "Ada Lovelace" }).locator("td .hint"))).toBe("from School Data Sync");
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
    // Frank is a student by default, as Ada added him.
    const frank = members.locator("tbody tr", { hasText: "Frank Faculty" });
    const frankType = frank.getByRole("combobox", { name: "Account type: Frank Faculty" });
    expect(await frankType.inputValue()).toBe("student");
    expect(await text(frank.locator("td .hint"))).toBe("default: Added by an organization admin");
    const saves = requestsTo(ada.page, /\/api\/orgs\/[^/]+\/members\/[^/]+$/);
    await frankType.focus();
    await ada.page.keyboard.press("ArrowDown");
    expect(await frankType.inputValue()).toBe("teacher");
    expect(await text(listStatus(section))).toBe("Sam Student: updated");
    await ada.page.keyboard.press("ArrowUp");
    await ada.page.keyboard.press("Enter"); // back to student: nothing to save
    await ada.page.keyboard.press("ArrowDown");
    await ada.page.keyboard.press("Enter");
    await expect.poll(() => text(listStatus(section))).toBe("Frank Faculty: updated");
    await ada.page.keyboard.press("ArrowUp");
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
    expect(await text(tomas.locator("td .hint"))).toBe("default: Added by an organization admin");

    // Search by name (debounced): a prefix.
    await panel(ada.page).getByRole("searchbox", { name: "Search by name" }).fill("sa");
    await expect.poll(() => members2.getByRole("rowheader").allTextContents()).toEqual(["Sam Student sam@northwood.edu"]);

    // On a phone (390 px) nothing goes off screen: each row becomes a card.
    await ada.page.setViewportSize({ width: 390, height: 800 });
    await expect.poll(() => ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ada.page.setViewportSize({ width: 1280, height: 800 });

    // The recent activity (Integrations tab) says each change in words, naming the person: this story's
    // changes are the newest (the setup's own removals and additions come before them).
    await tab(ada.page, /^Integrations/).click();
    const activity = panel(ada.page).getByRole("table", { name: "Recent activity" });
    await expect
      .poll(async () => (await activity.locator("tbody tr td:last-child").allTextContents()).slice(0, 5), { timeout: 10_000 })
      .toEqual([
        "Added Tomás Teacher",
        "Removed Tomás Teacher",
        "Changed Frank Faculty: Student",
        "Changed Frank Faculty: Teacher",
        "Changed Sam Student: Teacher",
      ]);
    expect(ada.errors).toEqual([]);
  });

  it("Not now: Frank (moved to Westbrook meanwhile) is told joining moves him; the prompt stays away after a reload and on another device", async () => {
    // Frank, Sam and Tomás are members of Northwood (Ada added them), with nothing open about joining.
    // Then ThingLink support makes Frank an admin of Westbrook: he is out of Northwood, whose tenant he is in.
    await northwoodWithMembersAdaAdded();
    const { page, errors } = await pages.open(people, stack.demoUrl);
    await pages.signIn(people.context, page, "frank@northwood.edu");
    const frankId = await pages.accountIdOn(page);
    await signOut(page);
    expect((await pages.support("PUT", `/api/support/organizations/${WESTBROOK}/admins/${frankId}`)).status).toBe(200);
    await pages.signIn(people.context, page, "frank@northwood.edu");
    await expect
      .poll(() => text(prompt(page)), { timeout: 10_000 })
      .toBe(
        "You are now in Westbrook High School; joining moves your account to Northwood School District. Northwood School District uses ThingLink. Ask to join it? I am a student teacher Request to join Not now",
      );
    expect(await axeViolations(page)).toEqual([]);
    await prompt(page).getByRole("button", { name: "Not now" }).click();
    await expect.poll(() => text(state(page))).toBe("We will not ask again for 30 days, on any of your devices.");
    await expect.poll(() => focused(page)).toBe("p:We will not ask again for 30 days, on any of your devices.");
    expect(await prompt(page).getByRole("button").count()).toBe(0);
    await page.reload();
    await expect.poll(() => text(sso(page).locator("[part=organization]")), { timeout: 10_000 }).toBe("(Westbrook High School)");
    expect((await pages.api(page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
    await widgetRendered(page);
    expect(await text(prompt(page))).toBe("");
    // Another device: no prompt either.
    const elsewhere = await pages.browser();
    const other = await pages.open(elsewhere, stack.demoUrl);
    await pages.signIn(elsewhere.context, other.page, "frank@northwood.edu");
    expect((await pages.api(other.page, "GET", "/api/session")).body.joinSuggestion).toBeNull();
    await widgetRendered(other.page);
    expect(await text(prompt(other.page))).toBe("");
    expect(errors).toEqual([]);
    await signOut(page);
    await page.close();

    // Ada, in her own browser, sees him among the tenant's people who are not members, "now in" Westbrook; adding moves him.
    const ada = await pages.adminPage("northwood", "ada@northwood.edu");
    await tab(ada.page, /^Users/).click();
    const notYet = panel(ada.page).getByRole("table", { name: "Not yet members from your Microsoft tenant" });
    await expect.poll(() => notYet.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    expect(await notYet.locator("thead th").allTextContents()).toEqual(["", "Name", "Now in", "Actions"]);
    expect(await text(notYet.locator("tbody tr td").nth(1))).toBe("Westbrook High School");
    await notYet.getByRole("checkbox", { name: "Frank Faculty" }).check();
    await panel(ada.page).getByRole("button", { name: "Add selected" }).click();
    const tenant = panel(ada.page).locator("thinglink-sso-admin-tenant-accounts");
    await expect.poll(() => text(listStatus(tenant))).toBe("Frank Faculty: moved here from Westbrook High School");
  });

  it("a request another admin decided first shows the API's words; bulk decisions; a rejection is shown neutrally", async () => {
    // Sam, Tomás and Frank are plain members of Northwood (Ada added them), Ada its only admin; nobody but
    // Mallory will wait at Contoso (Chris has nothing open about joining). Mallory has never signed in.
    await northwoodWithMembersAdaAdded();
    await nothingOpen("chris@contoso.com");
    // Ada, in her own browser: Tomás becomes a second admin of Northwood (so the last-admin rule no longer holds Ada), and Sam is removed.
    const ada = await pages.adminPage("northwood", "ada@northwood.edu");
    await tab(ada.page, /^Users/).click();
    const section = panel(ada.page).getByRole("region", { name: "Members", exact: true });
    // Act on the list once it has loaded, with every member (Frank's row too).
    await expect.poll(() => section.getByRole("combobox", { name: "Role: Frank Faculty" }).count(), { timeout: 10_000 }).toBe(1);
    const tomasRole = section.getByRole("combobox", { name: "Role: Tomás Teacher" });
    await tomasRole.selectOption("admin");
    await expect.poll(() => text(listStatus(section))).toBe("Tomás Teacher: updated");
    await section.getByRole("button", { name: "Remove Sam Student" }).click();
    await panel(ada.page).getByRole("alertdialog").getByRole("button", { name: "Remove", exact: true }).click();
    await expect.poll(() => text(listStatus(section))).toBe("Sam Student: removed");

    // Sam asks to join again, as a student.
    const { page } = await pages.open(people, stack.demoUrl);
    await pages.signIn(people.context, page, "sam@northwood.edu");
    await prompt(page).getByRole("radio", { name: "student" }).check();
    await prompt(page).getByRole("button", { name: "Request to join" }).click();
    await expect
      .poll(() => text(state(page)))
      .toBe("Your request to join Northwood School District as a student is waiting for an administrator.");

    await ada.page.reload();
    const requestsTab = tab(ada.page, /^Requests/);
    await expect.poll(() => text(requestsTab), { timeout: 10_000 }).toBe("Requests 1 pending");
    await requestsTab.click();
    const table = panel(ada.page).getByRole("table", { name: "Join requests" });
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);

    // Meanwhile Tomás, the other admin, rejects it from his own browser.
    const tomas = await pages.browser();
    const tomasPage = (await pages.open(tomas, stack.demoUrl)).page;
    await pages.signIn(tomas.context, tomasPage, "tomas@northwood.edu");
    const pending = await pages.api(tomasPage, "GET", "/api/orgs/northwood/join-requests?status=pending");
    expect(pending.body.requests.map((r: { account: { name: string } }) => r.account.name)).toEqual(["Sam Student"]);
    const decided = await pages.api(tomasPage, "POST", "/api/orgs/northwood/join-requests/decisions", {
      decisions: [{ id: pending.body.requests[0].id, decision: "reject" }],
    });
    expect(decided.body.results[0].outcome).toBe("rejected");

    // Ada approves the row she sees: the API's message says who decided first; nothing is decided twice.
    await table.getByRole("button", { name: "Approve Sam Student" }).click();
    await expect
      .poll(() => text(listStatus(panel(ada.page))))
      .toBe("Sam Student: Already rejected by Tomás Teacher; it was not decided again.");
    await expect.poll(() => panel(ada.page).getByRole("status").allTextContents()).toContain("No one is waiting.");
    await expect.poll(() => text(requestsTab)).toBe("Requests");
    expect(await axeViolations(ada.page)).toEqual([]);

    // Sam sees a neutral outcome (a status, not an alert), and no prompt for a while.
    await page.reload();
    await expect
      .poll(() => text(state(page)), { timeout: 10_000 })
      .toBe("An administrator of Northwood School District did not approve your request.");
    expect(await text(prompt(page).locator("[role=alert]"))).toBe("");
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["OK"]);
    expect(await prompt(page).getByRole("button", { name: "OK, hide this message" }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    // Bulk, at Contoso: Mallory signs up (a member at once), Carla (in her own browser) removes her, she asks to join,
    // and Carla rejects everything shown.
    await pages.signIn(people.context, page, "mallory@contoso.com");
    const malloryId = await pages.accountIdOn(page);
    expect(await text(sso(page).locator("[part=organization]"))).toBe("(Contoso Ltd)");
    const carla = await pages.adminPage("contoso", "carla@contoso.com");
    expect((await pages.api(carla.page, "DELETE", `/api/orgs/contoso/members/${malloryId}`)).status).toBe(200);
    // Removal ended her session at once: she signs in again, and is asked to join.
    await page.reload();
    await pages.signIn(people.context, page, "mallory@contoso.com");
    await prompt(page).getByRole("button", { name: "Request to join" }).click();
    await expect.poll(() => text(state(page))).toBe("Your request to join Contoso Ltd is waiting for an administrator.");
    await carla.page.reload();
    await tab(carla.page, /^Requests/).click();
    const carlaTable = panel(carla.page).getByRole("table", { name: "Join requests" });
    await expect.poll(() => carlaTable.locator("tbody tr").count(), { timeout: 10_000 }).toBe(1);
    const rejectSelected = panel(carla.page).getByRole("button", { name: "Reject selected" });
    expect(await rejectSelected.getAttribute("aria-disabled")).toBe("true");
    await carlaTable.getByRole("checkbox", { name: "Select all shown" }).check();
    expect(await carlaTable.getByRole("checkbox", { name: "Mallory Mailswap" }).isChecked()).toBe(true);
    expect(await rejectSelected.getAttribute("aria-disabled")).toBe("false");
    expect(await axeViolations(carla.page)).toEqual([]);
    await rejectSelected.click();
    await expect.poll(() => text(listStatus(panel(carla.page)))).toBe("Mallory Mailswap: rejected");
    await expect.poll(() => focused(carla.page)).toBe("div:Mallory Mailswap: rejected");
    await page.reload();
    await expect.poll(() => text(state(page)), { timeout: 10_000 }).toBe("An administrator of Contoso Ltd did not approve your request.");
    await signOut(page);
    await page.close();
  });

  it("speaks Finnish with lang=fi: the prompt (Chris, removed from Contoso, is asked again) and the admin's tabs", async () => {
    // Chris is in no organization (Carla removes him from Contoso if he is in it) and has nothing open about joining.
    await chrisOutsideContoso();
    const { page } = await pages.open(people, `${stack.demoUrl}/?lang=fi`);
    await pages.signIn(people.context, page, "chris@contoso.com");
    await expect
      .poll(() => text(prompt(page)), { timeout: 10_000 })
      .toBe("Contoso Ltd käyttää ThingLinkiä. Haluatko pyytää liittymistä? Pyydä liittymistä Ei nyt");
    expect(await prompt(page).getAttribute("lang")).toBe("fi");
    expect(await axeViolations(page)).toEqual([]);
    await prompt(page).getByRole("button", { name: "Pyydä liittymistä" }).click();
    await expect.poll(() => text(state(page))).toBe("Pyyntösi liittyä organisaatioon Contoso Ltd odottaa ylläpitäjän hyväksyntää.");
    expect(await prompt(page).getByRole("button").allTextContents()).toEqual(["Peru pyyntö"]);
    await page.close();

    // Ada, Northwood's admin, on the Organization page in Finnish, in her own browser.
    const ada = await pages.adminPage("northwood", "ada@northwood.edu", "&lang=fi");
    await expect
      .poll(
        () =>
          panel(ada.page)
            .getByRole("tab")
            .evaluateAll((tabs) => tabs.map((t) => t.textContent.trim())),
        { timeout: 15_000 },
      )
      .toEqual(["Integraatiot", "Pyynnöt", "Käyttäjät"]);
    expect(await panel(ada.page).getAttribute("lang")).toBe("fi");
    await tab(ada.page, /^Pyynnöt/).click();
    await expect.poll(() => panel(ada.page).getByRole("status").allTextContents()).toContain("Kukaan ei odota.");
    await tab(ada.page, /^Käyttäjät/).click();
    const members = panel(ada.page).getByRole("table", { name: "Jäsenet" });
    await expect
      .poll(() => members.locator("thead th").allTextContents(), { timeout: 10_000 })
      .toEqual(["Nimi", "Rooli", "Tilin tyyppi", "Liittynyt", "Toiminnot"]);
    expect(await panel(ada.page).getByRole("searchbox", { name: "Hae nimellä" }).count()).toBe(1);
    const adaRow = members.locator("tbody tr", { hasText: "Ada Lovelace" });
    expect(await adaRow.getByRole("combobox", { name: "Rooli: Ada Lovelace" }).inputValue()).toBe("admin");
    expect(await text(adaRow.locator("td .hint"))).toBe("School Data Syncistä");
    expect(await axeViolations(ada.page)).toEqual([]);
  });

  it("works on a page that loads widget.js under another URL (its chunks then get an instance of their own)", async () => {
    // Carla, Contoso's admin (as seeded), in a browser of her own; she is no admin of Northwood.
    // The chunks import what they share with sign-in from ../widget.js: a module of its own URL.
    const browser = await pages.browser();
    const scripts: string[] = [];
    browser.context.on(
      "request",
      (r) => r.url().startsWith(stack.workerUrl) && /\.js(\?|$)/.test(r.url()) && scripts.push(r.url().replace(stack.workerUrl, "")),
    );
    const { page, errors } = await pages.open(browser, `${stack.demoUrl}/org?org=contoso&v=2`);
    await pages.signIn(browser.context, page, "carla@contoso.com");
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
