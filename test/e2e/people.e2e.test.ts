/**
 * End to end, what the help article promises the people of a school, on the real stack in
 * Debian's Chromium: a person asks to join as a student or a teacher, the admin confirms it,
 * and nothing is read from Microsoft after sign-up; a decision can be put away; a page whose
 * session ended (the person was removed) says so and tells its host; the admin panel says where
 * the tenant ID is and what ThingLink asks for; and all of it works on a phone's width.
 * Each story sets up what it needs itself (sign-ins and ThingLink support's API).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "../../scripts/stack.mjs";
import { awayAndBack, axeViolations, focused } from "../support/page-checks";
import { listStatus, panel, peoplePages, prompt, promptState, sso, tab, text } from "../support/people-pages";

const NORTHWOOD = "a0a0a0a0-0001-4000-8000-000000000001";
const WESTBROOK = "a0a0a0a0-0005-4000-8000-000000000005";

let stack: Awaited<ReturnType<typeof startStack>>;
let pages: ReturnType<typeof peoplePages>;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-e2e-people-"));
  stack = await startStack({ stateDir });
  pages = peoplePages(stack, stateDir);
});
afterEach(async () => pages.closeAll());
afterAll(async () => {
  await pages?.closeAll();
  await stack?.stop();
});

/** `hint` signs up (Northwood is active: they join it), then support makes them Westbrook's admin: they are out of Northwood. */
async function movedToWestbrook(hint: string) {
  const people = await pages.browser();
  const { page, errors } = await pages.open(people, stack.demoUrl);
  await pages.signIn(people.context, page, hint);
  const id = await pages.accountIdOn(page);
  expect((await pages.support("PUT", `/api/support/organizations/${WESTBROOK}/admins/${id}`)).status).toBe(200);
  await page.reload();
  return { people, page, errors, id };
}

describe("the people of a school", () => {
  it("Uma asks to join as a teacher; Ada sees it and approves; Uma's page says so until she puts it away; no Graph call after sign-up", async () => {
    const uma = await movedToWestbrook("uma@northwood.edu");
    await fetch(`${stack.emulatorUrl}/_emulator/stats/reset`, { method: "POST" });
    const ask = prompt(uma.page).getByRole("group", { name: /Northwood School District uses ThingLink/ });
    await expect.poll(() => ask.isVisible(), { timeout: 10_000 }).toBe(true);

    // Request to join without saying student or teacher: the prompt asks, and focus goes to the choice.
    await prompt(uma.page).getByRole("button", { name: "Request to join" }).click();
    await expect.poll(() => text(prompt(uma.page).getByRole("alert"))).toBe("Choose whether you are a student or a teacher.");
    expect(await focused(uma.page)).toBe("input:student");
    expect(await axeViolations(uma.page)).toEqual([]);
    await prompt(uma.page).getByRole("radio", { name: "teacher" }).check();
    await prompt(uma.page).getByRole("button", { name: "Request to join" }).click();
    await expect
      .poll(() => text(promptState(uma.page)))
      .toBe("Your request to join Northwood School District as a teacher is waiting for an administrator.");

    // Ada's Requests tab shows what Uma said; she approves as asked.
    const ada = await pages.adminPage("northwood", "ada@northwood.edu");
    await tab(ada.page, /^Requests/).click();
    const table = panel(ada.page).getByRole("table", { name: "Join requests" });
    const row = table.locator("tbody tr", { hasText: "Uma" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const joinsAs = row.getByRole("combobox", { name: /^Joins as: Uma/ });
    expect(await joinsAs.inputValue()).toBe("teacher");
    expect(await text(row)).toContain("asked: teacher");
    expect(await axeViolations(ada.page)).toEqual([]);
    await row.getByRole("button", { name: /^Approve Uma/ }).click();
    await expect.poll(() => text(listStatus(panel(ada.page)))).toMatch(/^Uma .+: approved$/);
    await tab(ada.page, /^Users/).click();
    const member = panel(ada.page).getByRole("region", { name: "Members", exact: true }).locator("tbody tr", { hasText: "Uma" });
    await expect.poll(() => member.getByRole("combobox", { name: /^Account type: Uma/ }).inputValue(), { timeout: 10_000 }).toBe("teacher");
    expect(await text(member)).toContain("as asked");

    // The host's back-end (the demo page's server) heard all of it, signed and verified: Uma's sign-up into
    // Northwood, her move to Westbrook, the request, its approval and her joining.
    type Received = {
      type: string;
      verified: boolean;
      data: { accountId: string; organizationId: string; via?: string; decision?: string; reason?: string };
    };
    const umaHeard = async () =>
      ((await (await fetch(`${stack.demoUrl}/webhooks/recent`)).json()) as { received: Received[] }).received.filter(
        (e) => e.data.accountId === uma.id && e.data.organizationId === NORTHWOOD,
      );
    // Deliveries are not ordered (each travels on its own): what was heard, in any order.
    const heard = async () =>
      (await umaHeard()).map((e) => [e.type, e.verified, e.data.via ?? e.data.decision ?? e.data.reason ?? null].join(" ")).sort();
    await expect
      .poll(heard, { timeout: 10_000 })
      .toEqual(
        [
          "member.joined true sign_up",
          "member.removed true moved",
          "join_request.created true ",
          "join_request.decided true approved",
          "member.joined true request",
        ].sort(),
      );

    // Uma comes back to her page: she joined, and OK puts the message away, on every device.
    await awayAndBack(uma.page, async () => {});
    await expect.poll(() => text(promptState(uma.page)), { timeout: 10_000 }).toBe("You joined Northwood School District.");
    await prompt(uma.page).getByRole("button", { name: "OK, hide this message" }).click();
    await expect.poll(() => text(promptState(uma.page))).toBe("");
    expect(await focused(uma.page)).toBe("button:Sign out");
    await uma.page.reload();
    await expect.poll(() => text(sso(uma.page).locator("[part=organization]")), { timeout: 10_000 }).toBe("(Northwood School District)");
    expect((await pages.api(uma.page, "GET", "/api/session")).body.joinRequest).toBeNull();
    expect(await pages.graphCalls()).toEqual({});
    expect(uma.errors).toEqual([]);
    expect(ada.errors).toEqual([]);
  });

  it("Sam's page notices he was removed when he comes back to it, and tells the host once", async () => {
    const people = await pages.browser();
    const { page } = await pages.open(people, stack.demoUrl);
    await pages.signIn(people.context, page, "sam@northwood.edu");
    const samId = await pages.accountIdOn(page);
    await awayAndBack(page, async () => {
      // Ada removes him meanwhile (through the API her panel uses).
      const ada = await pages.adminPage("northwood", "ada@northwood.edu");
      expect((await pages.api(ada.page, "DELETE", `/api/orgs/${NORTHWOOD}/members/${samId}`)).status).toBe(200);
    });
    await expect.poll(() => sso(page).getByRole("button", { name: "Sign in with Microsoft" }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator("#log").innerText()).toContain("signed out (removed)");
    expect((await page.locator("#log li").allInnerTexts()).filter((l) => l.includes("signed out"))).toHaveLength(1);
    expect(await page.locator("#identity").innerText()).toBe("(not signed in)");
  });

  it("the Integrations tab says where the tenant ID is and what ThingLink asks Microsoft for", async () => {
    const rita = await pages.adminPage("riverside", "rita@riverside-academy.org");
    const permissions = panel(rita.page).locator("details.permissions");
    await expect.poll(() => permissions.count(), { timeout: 15_000 }).toBe(1);
    await permissions.locator("summary").click();
    const said = await text(permissions);
    expect(said).toContain("What ThingLink asks Microsoft for, and why");
    expect(said).toContain("ThingLink reads only the signing-up person's own role, never your roster.");
    expect(said).toContain("nothing is read from Microsoft after a person has signed up");
    expect(said).toContain("Enterprise applications → ThingLink → Permissions");
    expect(await permissions.getByRole("link", { name: "Microsoft Entra admin center" }).getAttribute("href")).toBe(
      "https://entra.microsoft.com",
    );
    await panel(rita.page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
    const field = panel(rita.page).getByRole("textbox", { name: "Azure tenant ID" });
    const description = await field.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim() ?? "")
        .join(" | "),
    );
    expect(description).toContain("the Overview page of the Microsoft Entra admin center shows the Tenant ID");
    expect(await axeViolations(rita.page)).toEqual([]);
  });

  it("on a phone (390 px): one row of tabs, and every card of the Users tab says what its fields are", async () => {
    const ada = await pages.adminPage("northwood", "ada@northwood.edu");
    await ada.page.setViewportSize({ width: 390, height: 844 });
    await tab(ada.page, /^Users/).click();
    const members = panel(ada.page).getByRole("region", { name: "Members", exact: true });
    await expect.poll(() => members.locator("tbody tr").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The tabs stay on one line (the row scrolls sideways if it must), and nothing is wider than the screen.
    const tabTops = await panel(ada.page)
      .getByRole("tab")
      .evaluateAll((tabs) => [...new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top)))]);
    expect(tabTops).toHaveLength(1);
    expect(
      await panel(ada.page)
        .getByRole("tablist")
        .evaluate((l) => l.scrollWidth - l.clientWidth),
    ).toBe(0);
    expect(await ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Each card's cells carry their column's name (the header row is hidden on a phone).
    const labels = await members
      .locator("tbody tr")
      .first()
      .locator("td[data-label]")
      .evaluateAll((cells) => cells.map((c) => getComputedStyle(c, "::before").content));
    expect(labels).toEqual(expect.arrayContaining(['"Role"', '"Account type"', '"Joined"']));
    expect(await axeViolations(ada.page)).toEqual([]);
  });
});
