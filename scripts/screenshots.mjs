#!/usr/bin/env node
/**
 * `node scripts/screenshots.mjs`: the README's screenshots of the people's view, taken from the
 * real stack in Debian's Chromium (a fresh state, the seeded people), into docs/:
 * join-prompt.png (a school asks student or teacher), admin-requests.png (the Requests tab
 * with what each person asked), admin-integrations.png (awaiting consent, with what ThingLink
 * asks for) and admin-users-phone.png (the Users tab at 390 px).
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchChromium } from "../test/support/chromium.mjs";
import { startStack } from "./stack.mjs";

const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 390, height: 844 };

const stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-screenshots-"));
const stack = await startStack({ stateDir });
const browsers = [];
const sso = (page) => page.locator("thinglink-sso");
const panel = (page) => sso(page).locator("thinglink-sso-admin");

async function until(check, what, ms = 20_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

async function pageIn(url, viewport = DESKTOP) {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(url);
  return { browser, page };
}

async function signIn({ browser, page }, loginHint) {
  await fetch(`${stack.emulatorUrl}/_emulator/sessions/reset`, { method: "POST" });
  const button = sso(page).getByRole("button", { name: "Sign in with Microsoft" });
  await until(() => button.isEnabled(), "the sign-in button");
  await sso(page).evaluate((el, hint) => el.setAttribute("login-hint", hint), loginHint);
  const popup = browser.context.waitForEvent("page");
  await button.click();
  await (await popup).waitForEvent("close", { timeout: 20_000 });
  await until(async () => (await sso(page).locator("[part=name]").count()) === 1, `${loginHint} signed in`);
}

async function support(method, route, body) {
  const { SUPPORT_API_TOKEN } = JSON.parse(await readFile(path.join(stateDir, "secrets.json"), "utf8"));
  const res = await fetch(stack.workerUrl + route, {
    method,
    headers: { authorization: `Bearer ${SUPPORT_API_TOKEN}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  return res.json();
}

try {
  // Tomás signed up (a Northwood teacher), then Ada removed him: signing in again, he is asked to join.
  const tomas = await pageIn(stack.demoUrl);
  await signIn(tomas, "tomas@northwood.edu");
  const tomasId = JSON.parse(await tomas.page.locator("#identity").innerText()).account.id;
  const northwood = await support("GET", "/api/support/organizations/northwood");
  const ada = await pageIn(`${stack.demoUrl}/org?org=northwood`);
  await signIn(ada, "ada@northwood.edu");
  await ada.page.evaluate(
    async ({ worker, route }) => {
      const token = localStorage.getItem(`thinglink-sso:token:${worker}`);
      await fetch(worker + route, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    },
    { worker: stack.workerUrl, route: `/api/orgs/${northwood.id}/members/${tomasId}` },
  );
  await tomas.page.reload();
  await signIn(tomas, "tomas@northwood.edu");
  const ask = sso(tomas.page).locator("thinglink-sso-join").getByRole("radio", { name: "teacher" });
  await until(() => ask.isVisible(), "the join prompt");
  await ask.check();
  await tomas.page.screenshot({ path: "docs/join-prompt.png" });
  await sso(tomas.page).getByRole("button", { name: "Request to join" }).click();

  await ada.page.reload();
  await until(
    async () =>
      (await panel(ada.page)
        .getByRole("tab", { name: /^Requests/ })
        .count()) === 1,
    "Ada's panel",
  );
  await panel(ada.page)
    .getByRole("tab", { name: /^Requests/ })
    .click();
  await until(async () => (await panel(ada.page).locator("tbody tr").count()) > 0, "the request");
  await ada.page.screenshot({ path: "docs/admin-requests.png" });

  await ada.page.setViewportSize(PHONE);
  await panel(ada.page)
    .getByRole("tab", { name: /^Users/ })
    .click();
  await until(async () => (await panel(ada.page).locator("tbody tr").count()) > 1, "the members");
  await ada.page.screenshot({ path: "docs/admin-users-phone.png" });

  // Rita saves Riverside's domain: awaiting consent, with what ThingLink asks for.
  const rita = await pageIn(`${stack.demoUrl}/org?org=riverside`);
  await signIn(rita, "rita@riverside-academy.org");
  await until(async () => (await panel(rita.page).getByRole("button", { name: "Edit Azure tenant ID" }).count()) === 1, "Rita's panel");
  await panel(rita.page).getByRole("button", { name: "Edit Azure tenant ID" }).click();
  await panel(rita.page).getByRole("textbox", { name: "Azure tenant ID" }).fill("riverside-academy.org");
  await panel(rita.page).getByRole("button", { name: "Save changes" }).click();
  await until(async () => (await panel(rita.page).getByRole("button", { name: "Grant consent now" }).count()) === 1, "awaiting consent");
  await panel(rita.page).locator("details.permissions summary").click();
  await panel(rita.page).locator("details.permissions").scrollIntoViewIfNeeded();
  await rita.page.screenshot({ path: "docs/admin-integrations.png" });
  console.log("docs/join-prompt.png, docs/admin-requests.png, docs/admin-users-phone.png, docs/admin-integrations.png");
} finally {
  for (const b of browsers) await b.close();
  await stack.stop();
}
