/**
 * Scale: every list (and the session read every page load makes) is
 * index-backed: EXPLAIN QUERY PLAN shows no scan of a whole table.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { selectAuditPage } from "../../worker/storage/audit-events";
import { selectTenantAccountPage } from "../../worker/storage/identities";
import { selectJoinRequestPage } from "../../worker/storage/join-requests";
import { selectMemberPage } from "../../worker/storage/memberships";
import { selectSession } from "../../worker/storage/sessions";
import { selectOrganizationCounts, selectOrganizationPage } from "../../worker/storage/organizations";

const db = () => (env as unknown as { DB: D1Database }).DB;

/** The plan of a prepared statement, via the same SQL and bindings. */
async function plan(statement: D1PreparedStatement): Promise<string[]> {
  const { statement: sql, params } = statement as unknown as { statement: string; params: unknown[] };
  const { results } = await db()
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** A full scan of a real table (json_each's virtual table is the input list, not a table). */
const fullScans = (details: string[]) => details.filter((d) => /^SCAN (?!d\b|CONSTANT)(\w+)/.test(d) && !/VIRTUAL TABLE/.test(d));

describe("query plans", () => {
  it.each([
    ["member page", () => selectMemberPage(db(), { organizationId: "o", prefix: "an", after: ["anna", "a1"], limit: 51 })],
    ["join request page", () => selectJoinRequestPage(db(), { organizationId: "o", status: "pending", after: [1, "r"], limit: 51 })],
    ["tenant account page", () => selectTenantAccountPage(db(), { organizationId: "o", afterOid: "x", limit: 51 })],
    ["audit page", () => selectAuditPage(db(), "o", 100, 21)],
    ["organization counts", () => selectOrganizationCounts(db(), "o")],
    ["session (with join fields)", () => selectSession(db(), "hash", Date.now())],
    ["support's organization search", () => selectOrganizationPage(db(), { prefix: "north", after: ["north", "o1"], limit: 51 })],
  ])("%s uses indexes only", async (_name, statement) => {
    const details = await plan(statement());
    expect(details.length).toBeGreaterThan(0);
    expect(fullScans(details), details.join("\n")).toEqual([]);
  });
});
