/**
 * In a real Chromium: the emulator's SameSite=Lax session cookie survives the cross-site,
 * top-level hops of a sign-in, so prompt=none from another site signs in silently.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEFAULT_CLIENT, TENANTS } from "../../emulator/fixture.mjs";
import { SESSION_COOKIE } from "../../emulator/sessions.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { type Emulator, startEmulator } from "./helpers";

let emu: Emulator;
let chrome: Awaited<ReturnType<typeof launchChromium>>;
let rp: http.Server;
let rpUrl = "";

beforeAll(async () => {
  emu = await startEmulator();
  // A relying party on localhost: another site than the emulator's 127.0.0.1.
  rp = http.createServer((req, res) => {
    const url = new URL(req.url!, rpUrl);
    if (url.pathname === "/start") {
      const authorize = new URL(`${emu.url}/${url.searchParams.get("tenant") ?? "common"}/oauth2/v2.0/authorize`);
      const params = {
        client_id: DEFAULT_CLIENT.clientId,
        redirect_uri: `${rpUrl}/auth/microsoft/callback`,
        response_type: "code",
        scope: "openid profile User.Read",
        state: "s1",
        nonce: "n1",
      };
      for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
      for (const k of ["prompt", "login_hint"]) if (url.searchParams.has(k)) authorize.searchParams.set(k, url.searchParams.get(k)!);
      res.writeHead(302, { location: authorize.href }).end();
    } else {
      res.writeHead(200, { "content-type": "text/plain" }).end("callback");
    }
  });
  await new Promise<void>((resolve) => rp.listen(0, "127.0.0.1", resolve));
  rpUrl = `http://localhost:${(rp.address() as AddressInfo).port}`;
  chrome = await launchChromium();
});

afterAll(async () => {
  await chrome?.close();
  await new Promise((resolve) => rp?.close(resolve));
  await emu?.close();
});

/** Starts a sign-in at the relying party and returns where the browser lands back. */
async function signIn(page: Page, query: string) {
  await page.goto(`${rpUrl}/start?${query}`);
  await page.waitForURL((u) => u.href.startsWith(rpUrl) && u.pathname === "/auth/microsoft/callback");
  return Object.fromEntries(new URL(page.url()).searchParams);
}

describe("the emulator session in a browser", () => {
  it("is stored HttpOnly and SameSite=Lax after an interactive sign-in, and answers prompt=none from another site", async () => {
    const page = await chrome.context.newPage();
    expect((await signIn(page, "prompt=none")).error).toBe("login_required");

    await page.goto(`${rpUrl}/start?tenant=${TENANTS.northwood}`);
    await page.getByRole("button", { name: /Sam Student/ }).click();
    await page.waitForURL((u) => u.pathname === "/auth/microsoft/callback");
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();

    const [cookie] = (await chrome.context.cookies(emu.url)).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    const silent = await signIn(page, "prompt=none");
    expect(silent.code).toBeTruthy();
    expect(silent.state).toBe("s1");
    await page.close();
  });

  it("offers the wrong account under 'Use another account', which stays on Microsoft's AADSTS50020 page", async () => {
    const page = await chrome.context.newPage();
    await page.goto(`${rpUrl}/start?tenant=${TENANTS.westbrook}&prompt=select_account`);
    await page.getByText("Use another account").click();
    await page.getByRole("button", { name: /Rita Rector/ }).click();
    await expect.poll(() => page.locator("body").innerText()).toContain("AADSTS50020: User account '{EmailHidden}'");
    expect(new URL(page.url()).origin).toBe(emu.url);
    await page.close();
  });

  it("is ignored after /_emulator/sessions/reset", async () => {
    const page = await chrome.context.newPage();
    expect((await signIn(page, "prompt=none&login_hint=sam@northwood.edu")).code).toBeTruthy();
    await fetch(`${emu.url}/_emulator/sessions/reset`, { method: "POST" });
    expect((await signIn(page, "prompt=none")).error).toBe("login_required");
    await page.close();
  });
});
