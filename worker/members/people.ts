/**
 * An organization's people: join requests and their decisions, the
 * member list and its changes, and the tenant's accounts that are not members yet.
 * Shared by the admin and support routes; each change is one D1 batch with its audit
 * rows, and every list is one keyset-paged, index-backed query.
 */
import { AppError } from "../errors";
import type { Lang } from "../pages/strings";
import { reason, reasonText } from "../account-type-reason";
import { base64url, fromBase64url } from "../crypto";
import { addToOrganization, commit, decideRequests } from "./write-path";
import { selectTenantAccountPage, type TenantAccountRow } from "../storage/identities";
import { selectProvenTenant } from "../storage/integrations";
import { selectJoinRequestPage, type DecisionOutcomeRow, type JoinRequestStatus, type PendingListRow } from "../storage/join-requests";
import { selectMemberPage, type JoinedType, type MemberRow, type MembershipStateRow } from "../storage/memberships";

export interface Org {
  id: string;
  kind: "education" | "business";
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Opaque keyset cursors: the last row's sort key. */
export const cursor = {
  encode: (key: unknown[]) => base64url(new TextEncoder().encode(JSON.stringify(key))),
  decode<T extends unknown[]>(text: string | undefined, shape: (v: unknown[]) => v is T): T | null {
    if (!text) return null;
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(text)));
      if (Array.isArray(value) && shape(value)) return value;
    } catch {
      /* refused below */
    }
    throw new AppError(400, "invalid_request.cursor");
  },
  /** Rows fetched with `limit + 1`: the page, and a cursor (the last row's key) when there is more. */
  page<R>(results: R[], limit: number, keyOf: (last: R) => unknown[]) {
    const rows = results.slice(0, limit);
    return { rows, nextCursor: results.length > limit ? cursor.encode(keyOf(rows[rows.length - 1])) : null };
  },
};

/**
 * The account type of someone an admin adds: a school's are students until an admin says
 * otherwise (nothing is read from Microsoft after sign-up), a business's are members.
 */
export function addedType(kind: Org["kind"]): JoinedType {
  if (kind === "business") return { accountType: "member", source: "default", reason: reason("business") };
  return { accountType: "student", source: "default", reason: reason("added_by_admin") };
}

export async function listJoinRequests(
  db: D1Database,
  p: { organizationId: string; status: JoinRequestStatus; cursor?: string; limit: number },
) {
  const after = cursor.decode(p.cursor, (v): v is [number, string] => typeof v[0] === "number" && typeof v[1] === "string");
  const { results } = await selectJoinRequestPage(db, {
    organizationId: p.organizationId,
    status: p.status,
    after,
    limit: p.limit + 1,
  }).all<PendingListRow>();
  const { rows, nextCursor } = cursor.page(results, p.limit, (last) => [last.created_at, last.id]);
  return {
    requests: rows.map((r) => ({
      id: r.id,
      account: { id: r.account_id, name: r.display_name, email: r.email, upn: r.upn },
      status: r.status,
      accountType: r.account_type,
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      decidedBy: r.decided_by_name,
    })),
    nextCursor,
  };
}

/** An admin's decision on one request; approving a school's request may set the account type instead of the one asked for. */
export interface Decision {
  id: string;
  decision: "approve" | "reject";
  accountType?: "student" | "teacher";
}

export type DecisionOutcome = "approved" | "rejected" | "already_decided" | "not_found" | "last_admin";

const lastAdminMessage = (name: string | null, elsewhere: string | null, still: string) =>
  `${name ?? "This person"} is the only admin of ${elsewhere ?? "another organization"}, which would be left with none. They can join once someone else is an admin there; ${still}.`;

/** Decides up to 500 requests in one batch; each is decided once, by whoever was first. */
export async function decide(db: D1Database, p: { org: Org; decisions: Decision[]; actorId: string; now: number }) {
  const change = decideRequests(db, {
    organizationId: p.org.id,
    decisions: p.decisions,
    kind: p.org.kind,
    actorId: p.actorId,
    now: p.now,
  });
  const results = await commit(db, change);
  const rows = results[3].results as unknown as DecisionOutcomeRow[];
  const decisionId = change.decisionId;
  return rows.map((r) => {
    const mine = r.decision_id === decisionId;
    // Still pending after an approval: only the sole-admin guard holds a request back.
    const held = r.status === "pending" && r.decision === "approve";
    const outcome: DecisionOutcome = !r.status
      ? "not_found"
      : mine
        ? (r.status as "approved" | "rejected")
        : held
          ? "last_admin"
          : "already_decided";
    return {
      id: r.id,
      outcome,
      status: r.status,
      message: held
        ? lastAdminMessage(r.requester_name, r.requester_organization_name, "the request stays pending")
        : outcome === "already_decided"
          ? r.status === "cancelled"
            ? "The person cancelled this request."
            : `Already ${r.status}${r.decided_by_name ? ` by ${r.decided_by_name}` : ""}; it was not decided again.`
          : outcome === "not_found"
            ? "There is no such request in this organization."
            : null,
    };
  });
}

export async function listMembers(db: D1Database, p: { organizationId: string; q?: string; cursor?: string; limit: number; lang?: Lang }) {
  const after = cursor.decode(p.cursor, (v): v is [string, string] => typeof v[0] === "string" && typeof v[1] === "string");
  const prefix = (p.q ?? "").trim().toLowerCase();
  const { results } = await selectMemberPage(db, { organizationId: p.organizationId, prefix, after, limit: p.limit + 1 }).all<MemberRow>();
  const { rows, nextCursor } = cursor.page(results, p.limit, (last) => [last.name_key, last.account_id]);
  return {
    members: rows.map((m) => ({
      accountId: m.account_id,
      name: m.display_name,
      email: m.email,
      upn: m.upn,
      role: m.role,
      accountType: m.account_type,
      accountTypeSource: m.account_type_source,
      accountTypeReason: reasonText(p.lang ?? "en", m.account_type_reason),
      joinedAt: iso(m.created_at)!,
    })),
    nextCursor,
  };
}

const NO_TENANT = () => new AppError(409, "no_tenant");

/** The organization's proven tenant (see PROVEN_TENANT), or 409. */
export async function provenTenantOf(db: D1Database, organizationId: string): Promise<string> {
  const tenantId = await selectProvenTenant(db, organizationId).first<string | null>("tenant_id");
  if (!tenantId) throw NO_TENANT();
  return tenantId;
}

/** One page in one round trip: the tenant check and the page go in one batch. */
export async function listTenantAccounts(db: D1Database, p: { organizationId: string; cursor?: string; limit: number }) {
  const after = cursor.decode(p.cursor, (v): v is [string] => typeof v[0] === "string");
  const [tenant, page] = await db.batch([
    selectProvenTenant(db, p.organizationId),
    selectTenantAccountPage(db, { organizationId: p.organizationId, afterOid: after?.[0] ?? "", limit: p.limit + 1 }),
  ]);
  if (!(tenant.results[0] as { tenant_id: string | null } | undefined)?.tenant_id) throw NO_TENANT();
  const results = page.results as unknown as TenantAccountRow[];
  const { rows, nextCursor } = cursor.page(results, p.limit, (last) => [last.oid]);
  return {
    accounts: rows.map((a) => ({
      accountId: a.account_id,
      name: a.display_name,
      email: a.email,
      upn: a.upn,
      organization: a.organization_id ? { id: a.organization_id, name: a.organization_name } : null,
      pendingRequest: a.pending_request === 1,
    })),
    nextCursor,
  };
}

export type AddOutcome = "added" | "moved" | "already_member" | "not_in_tenant" | "last_admin";

/** Adds tenant accounts pre-emptively (moving them from another organization); their pending requests count as approved. */
export async function addMembers(
  db: D1Database,
  p: { org: Org; accountIds: string[]; actor: { type: "account" | "support"; id: string | null }; now: number },
) {
  const tenantId = await provenTenantOf(db, p.org.id);
  const change = addToOrganization(db, {
    organizationId: p.org.id,
    tenantId,
    accountIds: p.accountIds,
    type: addedType(p.org.kind),
    actor: p.actor,
    now: p.now,
  });
  const results = await commit(db, change);
  const before = results[0].results as unknown as MembershipStateRow[];
  const outcomes = before.map((b) => {
    const outcome: AddOutcome = !b.in_tenant
      ? "not_in_tenant"
      : b.organization_id === p.org.id
        ? "already_member"
        : b.sole_admin
          ? "last_admin"
          : b.organization_id
            ? "moved"
            : "added";
    return {
      accountId: b.account_id,
      outcome,
      ...(outcome === "last_admin" ? { message: lastAdminMessage(null, b.organization_name, "nothing changed") } : {}),
    };
  });
  return outcomes;
}
