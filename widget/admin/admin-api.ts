/**
 * The organization admin API as the panel uses it. Every call goes through the
 * widget's ApiClient, so it carries the same bearer token and error shape as sign-in.
 */
import type {
  AuditEvent,
  DecisionResult,
  EmbedOrigin,
  EmbedOrigins,
  Integration,
  JoinRequest,
  Member,
  Organization,
  TenantAccount,
  AddResult,
} from "../../worker/api/types";
import type { ApiClient } from "../client/api-client";

// The answers' types come from the worker's own schemas (worker/api/types.ts): nothing is copied.
export type {
  AddOutcome,
  AuditEvent,
  ConsentMethod,
  DecisionResult,
  EmbedOrigin,
  EmbedOrigins,
  Integration,
  IntegrationStatus,
  JoinRequest,
  Member,
  Organization,
  Reason,
  TenantAccount,
} from "../../worker/api/types";

/** PUT …/integration also hands out the consent URL (for this admin's browser only). */
export type SavedIntegration = Integration & { consentUrl: string | null };

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Decision = "approve" | "reject";

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
  setTenant = (tenantId: string) => this.json<SavedIntegration>("/integration", "PUT", { tenantId });
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
  decide = (decisions: { id: string; decision: Decision; accountType?: "student" | "teacher" }[]) =>
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
  addMembers = (accountIds: string[]) => this.json<{ results: AddResult[] }>("/members", "POST", { accountIds });
}
