/**
 * What an identity assertion says. `sub` is the account id; org claims
 * only for members; `email` only when Microsoft vouches for it (xms_edov), because a
 * tenant admin can set anyone's address and back-ends key on email (nOAuth).
 */
import { env } from "cloudflare:test";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { assertionFor } from "../../worker/assertion/assertion";
import { sessionCache } from "../../worker/session/session-store";
import type { AccountView } from "../../worker/storage/accounts";
import { TEST_SIGNING_KEY } from "../support/test-keys.mjs";
import { TestBrowser, api, collect, emulator, popupSignIn } from "../support/browser";

const db = () => (env as unknown as { DB: D1Database }).DB;

async function signInWithClaims(loginHint: string, claims: Record<string, unknown>) {
  await emulator("/_emulator/tamper", { user: loginHint, claims });
  const { handoff } = await popupSignIn(new TestBrowser(), loginHint);
  const body = (await (await collect(handoff.secret)).json()) as any;
  return { token: body.token as string, body, claims: decodeJwt(body.assertion) };
}

describe("identity assertion claims", () => {
  it("carries an email Microsoft marked verified (xms_edov)", async () => {
    const { claims, body } = await signInWithClaims("tomas@northwood.edu", { xms_edov: true });
    expect(claims).toMatchObject({ sub: body.account.id, name: "Tomás Teacher", email: "tomas@northwood.edu" });
    expect(body.account.emailVerified).toBe(true);
  });

  it("leaves out an email Microsoft did not vouch for, or said nothing about", async () => {
    const denied = await signInWithClaims("chris@contoso.com", { xms_edov: false, email: "ceo@fabrikam.com" });
    expect(denied.claims.email).toBeUndefined();
    // Nor in the session JSON (and so the widget's events): only a verified address is passed on.
    expect(denied.body.account).toMatchObject({ email: null, emailVerified: false });
    const silent = await signInWithClaims("carla@contoso.com", { xms_edov: null });
    expect(silent.claims.email).toBeUndefined();
  });

  it("stops vouching when a later sign-in says the email is no longer verified", async () => {
    const first = await signInWithClaims("frank@northwood.edu", { xms_edov: true });
    expect(first.claims.email).toBe("frank@northwood.edu");
    const later = await signInWithClaims("frank@northwood.edu", { xms_edov: false, email: "someone@else.example" });
    expect(later.claims.email).toBeUndefined();
    const row = await db().prepare("SELECT email, email_verified FROM accounts WHERE id = ?").bind(first.body.account.id).first();
    expect(row).toEqual({ email: "someone@else.example", email_verified: 0 });
  });

  it("names the organization, role and account type of a member, by id; nothing org for others", async () => {
    const { token, body, claims } = await signInWithClaims("rita@riverside-academy.org", {});
    expect(claims.org).toBeUndefined();
    expect(claims.org_role).toBeUndefined();
    const now = Date.now();
    await db().batch([
      db()
        .prepare(
          "INSERT INTO organizations (id, slug, name, kind, license, created_at) VALUES ('0c0ffee0-0000-4000-8000-000000000001', 'riverside', 'Riverside Academy', 'education', 'school', ?)",
        )
        .bind(now),
      db()
        .prepare(
          "INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, created_at, updated_at) VALUES (?, '0c0ffee0-0000-4000-8000-000000000001', 'admin', 'teacher', 'admin', ?, ?)",
        )
        .bind(body.account.id, now, now),
    ]);
    // The isolate that changed the membership forgets the cached session, so the next answer is fresh.
    sessionCache.evictAccounts([body.account.id]);
    const after = (await (await api("/api/session", token)).json()) as any;
    expect(decodeJwt(after.assertion)).toMatchObject({
      sub: body.account.id,
      org: "0c0ffee0-0000-4000-8000-000000000001",
      org_role: "admin",
      account_type: "teacher",
    });
  });
});

describe("assertion reuse", () => {
  const view = (role: "admin" | "member"): AccountView => ({
    account: { id: "acc-1", displayName: "A", email: null, emailVerified: false, createdAt: new Date(0).toISOString() },
    organization: { id: "org-1", slug: "o", name: "O", kind: "education", license: "school" },
    membership: { role, accountType: "student", accountTypeSource: "default" },
  });
  const base = {
    key: TEST_SIGNING_KEY,
    issuer: "https://sso.example",
    audience: "https://lms.example",
    sessionKey: "s1",
    now: 1_800_000_000_000,
  };

  it("reuses one for the same session and claims, never after the role changed", async () => {
    const a = await assertionFor({ ...base, view: view("member") });
    expect(await assertionFor({ ...base, view: view("member"), now: base.now + 30_000 })).toBe(a);
    const promoted = await assertionFor({ ...base, view: view("admin"), now: base.now + 30_000 });
    expect(promoted).not.toBe(a);
    expect(decodeJwt(promoted).org_role).toBe("admin");
  });
});
