/** The Grant consent now ticket's rules as pure functions, with a fixed clock. */
import { describe, expect, it } from "vitest";
import { TICKET_LIFETIME_MS, checkRedemption, openTicket, sealTicket } from "../../worker/consent/ticket";
import { sha256 } from "../../worker/crypto";

const SECRET = "unit-test-seal-secret";
const NOW = Date.UTC(2026, 11, 7, 8, 0, 0);
const SITE = "https://lms.example";

async function ticket(challenge: string | null) {
  const text = await sealTicket(
    { organizationId: "org-1", tenantId: "t-1", accountId: "acc-1", sessionHash: "h", challenge, lang: "en" },
    { secret: SECRET, now: NOW },
  );
  return (await openTicket(text, { secret: SECRET, now: NOW }))!;
}

const session = { origin: SITE, accountId: "acc-1", organizationId: "org-1", role: "admin" };

describe("consent tickets", () => {
  it("last ten minutes, and are unreadable when tampered with or sealed for another purpose", async () => {
    const text = await sealTicket(
      { organizationId: "org-1", tenantId: "t-1", accountId: "acc-1", sessionHash: "h", challenge: null, lang: "fi" },
      { secret: SECRET, now: NOW },
    );
    expect(await openTicket(text, { secret: SECRET, now: NOW + TICKET_LIFETIME_MS - 1 })).toMatchObject({
      organizationId: "org-1",
      lang: "fi",
    });
    expect(await openTicket(text, { secret: SECRET, now: NOW + TICKET_LIFETIME_MS })).toBeNull();
    expect(await openTicket(`${text.slice(0, -2)}AA`, { secret: SECRET, now: NOW })).toBeNull();
    expect(await openTicket(text, { secret: "another-secret", now: NOW })).toBeNull();
    expect(TICKET_LIFETIME_MS).toBe(10 * 60 * 1000);
  });

  it("are redeemed only with the secret, from the session's site, by a live admin of the organization", async () => {
    const secret = "s".repeat(43);
    const t = await ticket(await sha256(secret));
    expect(await checkRedemption(t, { secret, origin: SITE, session })).toBeNull();
    expect(await checkRedemption(await ticket(null), { secret, origin: SITE, session })).toBe("no_secret");
    expect(await checkRedemption(t, { secret: undefined, origin: SITE, session })).toBe("no_secret");
    expect(await checkRedemption(t, { secret: "x".repeat(43), origin: SITE, session })).toBe("secret_mismatch");
    expect(await checkRedemption(t, { secret, origin: "https://evil.example", session })).toBe("origin_mismatch");
    expect(await checkRedemption(t, { secret, origin: undefined, session })).toBe("origin_mismatch");
    expect(await checkRedemption(t, { secret, origin: SITE, session: null })).toBe("session_ended");
    expect(await checkRedemption(t, { secret, origin: SITE, session: { ...session, accountId: "acc-2" } })).toBe("session_ended");
    expect(await checkRedemption(t, { secret, origin: SITE, session: { ...session, role: "member" } })).toBe("not_admin_any_more");
    expect(await checkRedemption(t, { secret, origin: SITE, session: { ...session, organizationId: "org-2" } })).toBe("not_admin_any_more");
  });
});
