/** A certificate credential instead of a client secret: private_key_jwt against the emulator. */
import { describe, expect, it } from "vitest";
import { CERTIFICATE_CLIENT, CERTIFICATE_CLIENT_PRIVATE_KEY } from "../../emulator/fixture.mjs";
import { TestBrowser, pageSignIn } from "../support/browser";
import { expectLogged } from "../support/logs";

const certificate = (thumbprint = CERTIFICATE_CLIENT.certificates[0].thumbprint) => ({
  ENTRA_CLIENT_ID: CERTIFICATE_CLIENT.clientId,
  ENTRA_CLIENT_SECRET: "",
  // As it is often pasted into a dashboard: one line, with literal \n.
  ENTRA_CLIENT_CERTIFICATE: CERTIFICATE_CLIENT_PRIVATE_KEY.replace(/\n/g, "\\n"),
  ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: thumbprint.replace(/(..)(?!$)/g, "$1:"),
});

describe("sign-in with a certificate credential", () => {
  it("signs in without any client secret", async () => {
    const browser = new TestBrowser(certificate());
    const { response, url } = await pageSignIn(browser, "chris@contoso.com");
    expect(response.status).toBe(302);
    expect(url.pathname).toBe("/done");
    expect(((await (await browser.worker("/api/session")).json()) as any).account.displayName).toBe("Chris Employee");
  });

  it("fails clearly when the thumbprint names another certificate", async () => {
    const browser = new TestBrowser(certificate("00".repeat(20)));
    const { response } = await pageSignIn(browser, "chris@contoso.com");
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("ThingLink&#39;s Microsoft sign-in is not set up correctly.");
    expect(browser.cookies.has("__Host-tl_session")).toBe(false);
    expectLogged("sign_in_failed", { code: "token_request_failed", status: 401, aadsts: "700027" });
  });
});
