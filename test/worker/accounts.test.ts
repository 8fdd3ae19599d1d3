import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TestBrowser, untilCallback } from "../support/browser";

const db = () => (env as unknown as { DB: D1Database }).DB;

async function whoAmI(browser: TestBrowser) {
  return ((await (await browser.worker("/api/session")).json()) as any).account;
}

describe("accounts are keyed by (tid, oid), never by email", () => {
  it("never signs into an existing account that merely shares the email", async () => {
    const now = Date.now();
    await db().batch([
      db()
        .prepare("INSERT INTO accounts (id, display_name, email, created_at) VALUES ('victim', 'Victim', 'carla@contoso.com', ?)")
        .bind(now),
      db()
        .prepare(
          "INSERT INTO identities (tid, oid, account_id, upn, created_at, last_sign_in_at) VALUES ('8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081', 'another-oid', 'victim', 'carla@contoso.com', ?, ?)",
        )
        .bind(now, now),
    ]);
    const { browser, url } = await untilCallback("carla@contoso.com");
    expect((await browser.worker(url.pathname + url.search)).status).toBe(302);
    const me = await whoAmI(browser);
    expect(me.id).not.toBe("victim");
    expect(me.displayName).toBe("Carla Admin");
  });

  it("creates exactly one account when the same person's first sign-ins race", async () => {
    const flows = await Promise.all([
      untilCallback("frank@northwood.edu"),
      untilCallback("frank@northwood.edu"),
      untilCallback("frank@northwood.edu"),
    ]);
    const results = await Promise.all(flows.map(({ browser, url }) => browser.worker(url.pathname + url.search)));
    expect(results.map((r) => r.status)).toEqual([302, 302, 302]);
    const ids = await Promise.all(flows.map(({ browser }) => whoAmI(browser).then((a) => a.id)));
    expect(new Set(ids).size).toBe(1);
    const { n } = (await db()
      .prepare(
        "SELECT COUNT(*) AS n FROM accounts a JOIN identities i ON i.account_id = a.id WHERE i.oid = '0a1b2c3d-0001-4000-8000-000000000005'",
      )
      .first<{ n: number }>())!;
    expect(n).toBe(1);
    const orphans = await db()
      .prepare("SELECT COUNT(*) AS n FROM accounts WHERE id NOT IN (SELECT account_id FROM identities)")
      .first<{ n: number }>();
    expect(orphans!.n).toBe(0);
  });

  it("signs a personal Microsoft account in under its own tenant id", async () => {
    const { browser, url } = await untilCallback("pat@outlook.com");
    expect((await browser.worker(url.pathname + url.search)).status).toBe(302);
    const row = await db()
      .prepare("SELECT tid FROM identities WHERE oid = '00000000-0000-0000-6f2a-7c1d9e3b4a55'")
      .first<{ tid: string }>();
    expect(row!.tid).toBe("9188040d-6c67-4c5b-b112-36a304b66dad");
  });
});
