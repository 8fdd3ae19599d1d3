/**
 * The organization admin API (SPEC §4) as the panel uses it. Every call goes through the
 * widget's ApiClient, so it carries the same bearer token and error shape as sign-in.
 */
import type { ApiClient } from "../client/api-client";

export interface Reason {
  code: string;
  message: string;
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  kind: "education" | "business";
  license: string;
  integration: { available: boolean; unavailableReason: Reason | null };
  counts: { members: number; pendingRequests: number };
}

export type IntegrationStatus = "not_configured" | "awaiting_consent" | "active" | "disabled";
export type ConsentMethod = "admin_consent" | "admin_link" | "sign_in_consent" | "support";

export interface Integration {
  status: IntegrationStatus;
  tenantId: string | null;
  /** The verified domain the admin typed for the tenant, when they typed one. */
  tenantDomain: string | null;
  available: boolean;
  unavailableReason: Reason | null;
  consent: null | { by: { name: string | null; upn: string | null }; at: string; method: ConsentMethod };
  lastError: null | (Reason & { at: string });
  /** null before anything was ever configured. */
  updatedAt: string | null;
  /** Only in the answer to PUT: Microsoft's admin-consent URL for this browser. */
  consentUrl?: string;
}

export interface EmbedOrigin {
  origin: string;
  status: "pending" | "verified";
  verifiedAt: string | null;
  verifiedBy: "site" | "support" | null;
  lastCheck: { at: string; error: Reason | null } | null;
}

export interface EmbedOrigins {
  origins: EmbedOrigin[];
  /** The line each of the organization's sites serves at wellKnownPath to prove it. */
  token: string;
  wellKnownPath: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { type: "account" | "support" | "tenant_admin" | "system"; id: string | null; name: string | null };
  action: string;
  target: string | null;
  /** The person a member.* or join_request.* event is about. */
  targetName: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface JoinRequest {
  id: string;
  account: { id: string; name: string; email: string | null; upn: string | null };
  status: string;
  createdAt: string;
}

export type Decision = "approve" | "reject";
export interface DecisionResult {
  id: string;
  outcome: "approved" | "rejected" | "already_decided" | "not_found" | "last_admin";
  status: string | null;
  message: string | null;
}

export interface Member {
  accountId: string;
  name: string;
  email: string | null;
  upn: string | null;
  role: "admin" | "member";
  accountType: "student" | "teacher" | "member";
  accountTypeSource: "graph" | "default" | "admin";
  accountTypeReason: string | null;
  joinedAt: string;
}

export interface TenantAccount {
  accountId: string;
  name: string;
  email: string | null;
  upn: string | null;
  organization: { id: string; name: string | null } | null;
  pendingRequest: boolean;
}

export type AddOutcome = "added" | "moved" | "already_member" | "not_in_tenant" | "last_admin";

/** ?cursor=&limit= (and more), without empty values. */
const query = (params: Record<string, string | null | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
};

export class AdminApi {
  private readonly base: string;

  /** `org` is the organization's id (the panel resolves a slug once, with organization()). */
  constructor(
    private readonly api: ApiClient,
    org: string,
  ) {
    this.base = `/api/orgs/${encodeURIComponent(org)}`;
  }

  private async json<T>(path: string, method = "GET", body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    return (await this.api.request(this.base + path, init)).json<T>();
  }

  organization = () => this.json<Organization>("");
  integration = () => this.json<Integration>("/integration");
  setTenant = (tenantId: string) => this.json<Integration>("/integration", "PUT", { tenantId });
  setEnabled = (enabled: boolean) => this.json<Integration>("/integration", "PATCH", { enabled });
  /** A fresh consent URL for "Grant consent now": it goes on to Microsoft only in this browser, once. */
  consentStart = () => this.json<{ consentUrl: string }>("/integration/consent-start", "POST");
  consentLink = () => this.json<{ url: string; expiresAt: string }>("/integration/consent-link", "POST");
  origins = () => this.json<EmbedOrigins>("/embed-origins");
  setOrigins = (origins: string[]) => this.json<EmbedOrigins>("/embed-origins", "PUT", { origins });
  checkOrigin = (origin: string) => this.json<{ origin: EmbedOrigin }>("/embed-origins/check", "POST", { origin });
  audit = (cursor?: string | null, limit = 20) => this.json<AuditPage>(`/audit?${query({ cursor, limit: String(limit) })}`);

  /** The lists of the Requests and Users tabs, as one shape ({items, nextCursor}) for PagedList. */
  private page = async <T>(path: string, key: string, params: Record<string, string | null | undefined>): Promise<Page<T>> => {
    // (Fifty at a time: the API's default page size.)
    const body = await this.json<Record<string, unknown> & { nextCursor: string | null }>(`${path}?${query(params)}`);
    return { items: body[key] as T[], nextCursor: body.nextCursor };
  };
  requests = (cursor: string | null) => this.page<JoinRequest>("/join-requests", "requests", { status: "pending", cursor });
  decide = (decisions: { id: string; decision: Decision }[]) =>
    this.json<{ results: DecisionResult[] }>("/join-requests/decisions", "POST", { decisions });
  members = (cursor: string | null, q: string) => this.page<Member>("/members", "members", { q, cursor });
  updateMember = (accountId: string, change: Partial<Pick<Member, "role" | "accountType">>) =>
    this.json<Pick<Member, "accountId" | "role" | "accountType" | "accountTypeSource" | "accountTypeReason">>(
      `/members/${encodeURIComponent(accountId)}`,
      "PATCH",
      change,
    );
  removeMember = (accountId: string) => this.json<{ removed: true }>(`/members/${encodeURIComponent(accountId)}`, "DELETE");
  tenantAccounts = (cursor: string | null) => this.page<TenantAccount>("/tenant-accounts", "accounts", { cursor });
  addMembers = (accountIds: string[]) =>
    this.json<{ results: { accountId: string; outcome: AddOutcome; message?: string }[] }>("/members", "POST", { accountIds });
}
