import { env, createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";

const db = () => (env as unknown as { DB: D1Database }).DB;

describe("daily housekeeping (cron)", () => {
  it("deletes expired sessions, long-revoked ones, expired hand-offs, flow states and events past their 30 days; keeps the rest", async () => {
    const now = Date.UTC(2027, 0, 10, 3, 17);
    const day = 24 * 60 * 60 * 1000;
    await db().batch([
      db().prepare("INSERT INTO accounts (id, display_name, email, created_at) VALUES ('hk', 'HK', NULL, ?1)").bind(now),
      db()
        .prepare(
          "INSERT INTO sessions (id, token_hash, account_id, kind, created_at, expires_at, revoked_at) VALUES ('s-live', 'h-live', 'hk', 'widget', ?1, ?2, NULL)",
        )
        .bind(now - day, now + day),
      db()
        .prepare(
          "INSERT INTO sessions (id, token_hash, account_id, kind, created_at, expires_at, revoked_at) VALUES ('s-old', 'h-old', 'hk', 'widget', ?1, ?2, NULL)",
        )
        .bind(now - 20 * day, now - day),
      db()
        .prepare(
          "INSERT INTO sessions (id, token_hash, account_id, kind, created_at, expires_at, revoked_at) VALUES ('s-rev', 'h-rev', 'hk', 'cookie', ?1, ?2, ?3)",
        )
        .bind(now - 3 * day, now + day, now - 2 * day),
      db()
        .prepare(
          "INSERT INTO sessions (id, token_hash, account_id, kind, created_at, expires_at, revoked_at) VALUES ('s-rev-new', 'h-rev-new', 'hk', 'cookie', ?1, ?2, ?3)",
        )
        .bind(now - day, now + day, now - 60_000),
      db()
        .prepare(
          "INSERT INTO handoffs (challenge, account_id, return_origin, created_at, expires_at) VALUES ('c-old', 'hk', 'http://x', ?1, ?2)",
        )
        .bind(now - day, now - day + 300_000),
      db()
        .prepare("INSERT INTO used_flow_states (state_hash, expires_at) VALUES ('st-old', ?1)")
        .bind(now - day),
      db()
        .prepare(
          `INSERT INTO events (id, type, organization_id, data, occurred_at, dispatch_due_at)
           VALUES ('evt_hk_old', 'member.joined', NULL, '{}', ?1, NULL), ('evt_hk_kept', 'member.joined', NULL, '{}', ?2, NULL)`,
        )
        .bind(now - 31 * day, now - 29 * day),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }), env as never);
    await waitOnExecutionContext(ctx);
    const sessions = await db().prepare("SELECT id FROM sessions WHERE account_id = 'hk' ORDER BY id").all<{ id: string }>();
    expect(sessions.results.map((r) => r.id)).toEqual(["s-live", "s-rev-new"]);
    expect((await db().prepare("SELECT COUNT(*) AS n FROM handoffs WHERE challenge = 'c-old'").first<{ n: number }>())!.n).toBe(0);
    expect((await db().prepare("SELECT COUNT(*) AS n FROM used_flow_states WHERE state_hash = 'st-old'").first<{ n: number }>())!.n).toBe(
      0,
    );
    const events = await db().prepare("SELECT id FROM events WHERE id LIKE 'evt_hk_%'").all<{ id: string }>();
    expect(events.results).toEqual([{ id: "evt_hk_kept" }]);
  });
});
