/** The Grant consent now ticket's rules as pure functions, with a fixed clock. */
import { describe, expect, it } from "vitest";
import { TICKET_LIFETIME_MS, checkRedemption, openTicket, sealTicket } from "../../worker/flows/consent/ticket";

const SECRET = "unit-test-seal-secret";
const NOW = Date.UTC(2026, 11, 7, 8, 0, 0);
const fields = { organizationId: "org-1", tenantId: "t-1", accountId: "acc-1", sessionHash: "h", lang: "en" as const };
const session = { accountId: "acc-1", browserHash: "browser-of-the-admin", organizationId: "org-1", role: "admin" };

describe("consent tickets", () => {
  it("last ten minutes, and are unreadable when tampered with or sealed under another key", async () => {
    const text = await sealTicket({ ...fields, lang: "fi" }, { secret: SECRET, now: NOW });
    expect(await openTicket(text, { secret: SECRET, now: NOW + TICKET_LIFETIME_MS - 1 })).toMatchObject({
      organizationId: "org-1",
      lang: "fi",
    });
    expect(await openTicket(text, { secret: SECRET, now: NOW + TICKET_LIFETIME_MS })).toBeNull();
    expect(await openTicket(`${text.slice(0, -2)}AA`, { secret: SECRET, now: NOW })).toBeNull();
    expect(await openTicket(text, { secret: "another-secret", now: NOW })).toBeNull();
    expect(TICKET_LIFETIME_MS).toBe(10 * 60 * 1000);
  });

  it("are redeemed only in the browser the asking session was signed in with, by a live admin of the organization", async () => {
    const ticket = (await openTicket(await sealTicket(fields, { secret: SECRET, now: NOW }), { secret: SECRET, now: NOW }))!;
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session })).toBeNull();
    expect(checkRedemption(ticket, { browserHash: "another-browser", session })).toBe("other_browser");
    expect(checkRedemption(ticket, { browserHash: null, session })).toBe("other_browser");
    // A session signed in before browsers were remembered: sign in again.
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session: { ...session, browserHash: null } })).toBe(
      "other_browser",
    );
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session: null })).toBe("session_ended");
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session: { ...session, accountId: "acc-2" } })).toBe(
      "session_ended",
    );
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session: { ...session, role: "member" } })).toBe(
      "not_admin_any_more",
    );
    expect(checkRedemption(ticket, { browserHash: "browser-of-the-admin", session: { ...session, organizationId: "org-2" } })).toBe(
      "not_admin_any_more",
    );
  });
});
