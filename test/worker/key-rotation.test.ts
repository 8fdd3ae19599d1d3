import { describe, expect, it } from "vitest";
import { TestBrowser, emulator, pageSignIn } from "../support/browser";

describe("JWKS caching and key rotation", () => {
  it("reuses the cached JWKS, and refetches it exactly once when the provider rotates to an unknown kid", async () => {
    expect((await pageSignIn(new TestBrowser(), "tomas@northwood.edu")).response.status).toBe(302);
    await emulator("/_emulator/stats/reset", {});
    expect((await pageSignIn(new TestBrowser(), "tomas@northwood.edu")).response.status).toBe(302);
    expect((await emulator("/_emulator/stats")).jwks).toBe(0);

    await emulator("/_emulator/rotate-keys", {});
    await emulator("/_emulator/stats/reset", {});
    const { response } = await pageSignIn(new TestBrowser(), "tomas@northwood.edu");
    expect(response.status).toBe(302);
    expect((await emulator("/_emulator/stats")).jwks).toBe(1);
  });
});
