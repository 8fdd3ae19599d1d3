/**
 * Scale: an organization of 100,000 members with 5,000 pending requests,
 * seeded into the local D1 with one recursive SQL statement per table, against an
 * empty organization: the admin list pages (first and deep), and 500 decisions at once.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { call } from "./http.mjs";
import { atMost } from "./table.mjs";

export const SCALE_ORG = "b0000000-0000-4000-8000-000000000001";
export const EMPTY_ORG = "b0000000-0000-4000-8000-000000000002";
const TENANT = "f0000000-0000-4000-8000-00000000000f";
const EMPTY_TENANT = "f0000000-0000-4000-8000-00000000000e";
const MEMBERS = 100_000;
const PENDING = 5_000;

/** The SQL that builds both organizations (applied before the worker starts). */
export async function scaleSeed(dir) {
  const file = path.join(dir, "scale.sql");
  const numbers = (n) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
  await writeFile(
    file,
    `INSERT INTO organizations (id, slug, name, kind, license, created_at) VALUES
       ('${SCALE_ORG}', 'scale-university', 'Scale University', 'education', 'school', 0),
       ('${EMPTY_ORG}', 'empty-college', 'Empty College', 'education', 'school', 0);
     INSERT INTO integrations (organization_id, tenant_id, status, updated_at) VALUES
       ('${SCALE_ORG}', '${TENANT}', 'active', 0), ('${EMPTY_ORG}', '${EMPTY_TENANT}', 'active', 0);
     ${numbers(MEMBERS + PENDING)} INSERT INTO accounts (id, display_name, email, created_at)
       SELECT 'sa-' || i, 'Person ' || printf('%06d', i), 'p' || i || '@scale.example', i FROM n;
     ${numbers(MEMBERS + PENDING)} INSERT INTO identities (tid, oid, account_id, upn, created_at, last_sign_in_at)
       SELECT '${TENANT}', printf('00000000-0000-4000-8000-%012d', i), 'sa-' || i, 'p' || i || '@scale.example', i, i FROM n;
     ${numbers(MEMBERS)} INSERT INTO memberships (account_id, organization_id, role, account_type, account_type_source, name_key, created_at, updated_at)
       SELECT 'sa-' || i, '${SCALE_ORG}', 'member', 'student', 'default', 'person ' || printf('%06d', i), i, i FROM n;
     ${numbers(PENDING)} INSERT INTO join_requests (id, account_id, organization_id, status, created_at)
       SELECT 'sr-' || i, 'sa-' || (${MEMBERS} + i), '${SCALE_ORG}', 'pending', i FROM n;`,
  );
  return file;
}

async function timed(run, times = 5) {
  const ms = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

export async function scaleRows(table, { workerUrl, scaleAdmin, emptyAdmin }) {
  const pages = [
    ["members, first page", "/members?limit=50"],
    ["members, search by name", "/members?limit=50&q=person%2009"],
    ["join requests, first page", "/join-requests?status=pending&limit=50"],
    ["tenant accounts, first page", "/tenant-accounts?limit=50"],
    ["audit, first page", "/audit?limit=20"],
  ];
  const deep = await call(workerUrl, "GET", `/api/orgs/${SCALE_ORG}/members?limit=100&q=person%20099`, { cookie: scaleAdmin.cookie });
  pages.push(["members, a deep page (cursor)", `/members?limit=50&cursor=${deep.nextCursor}`]);
  for (const [name, q] of pages) {
    const big = await timed(() => call(workerUrl, "GET", `/api/orgs/${SCALE_ORG}${q}`, { cookie: scaleAdmin.cookie }));
    const small = await timed(() =>
      call(workerUrl, "GET", `/api/orgs/${EMPTY_ORG}${q.replace(/cursor=[^&]+/, "")}`, { cookie: emptyAdmin.cookie }),
    );
    table.row(
      `scale: ${name} (100,000 members, 5,000 pending)`,
      `${big.toFixed(1)} ms (empty organization ${small.toFixed(1)} ms)`,
      "keyset, ≤ 2 D1 queries",
      big < small * 20 ? "ok" : "slower than expected",
    );
  }
  const more = [];
  let cursor = null;
  while (more.length < 500) {
    const page = await call(
      workerUrl,
      "GET",
      `/api/orgs/${SCALE_ORG}/join-requests?status=pending&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      { cookie: scaleAdmin.cookie },
    );
    more.push(...page.requests);
    cursor = page.nextCursor;
  }
  const decisions = more.slice(0, 500).map((r, i) => ({ id: r.id, decision: i % 2 ? "reject" : "approve" }));
  const t = performance.now();
  const { results } = await call(workerUrl, "POST", `/api/orgs/${SCALE_ORG}/join-requests/decisions`, {
    cookie: scaleAdmin.cookie,
    body: { decisions },
  });
  const ms = performance.now() - t;
  const decided = results.filter((r) => r.outcome === "approved" || r.outcome === "rejected").length;
  table.row(
    "scale: 500 decisions at once (one D1 batch)",
    `${ms.toFixed(0)} ms, ${decided} decided`,
    "one batch",
    atMost(500 - decided, 0),
  );
}
