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
  available: boolean;
  unavailableReason: Reason | null;
  consent: null | { by: { name: string | null; upn: string | null }; at: string; method: ConsentMethod };
  lastError: null | (Reason & { at: string });
  /** null before anything was ever configured. */
  updatedAt: string | null;
  /** Only in the answer to PUT: Microsoft's admin-consent URL for this browser. */
  consentUrl?: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { type: "account" | "support" | "tenant_admin" | "system"; id: string | null; name: string | null };
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

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
    return (await this.api.request(this.base + path, init)).json() as Promise<T>;
  }

  organization = () => this.json<Organization>("");
  integration = () => this.json<Integration>("/integration");
  setTenant = (tenantId: string) => this.json<Integration>("/integration", "PUT", { tenantId });
  setEnabled = (enabled: boolean) => this.json<Integration>("/integration", "PATCH", { enabled });
  /** A fresh consent URL for "Grant consent now" (PUT again would reset the integration). */
  consentStart = () => this.json<{ consentUrl: string }>("/integration/consent-start", "POST");
  consentLink = () => this.json<{ url: string; expiresAt: string }>("/integration/consent-link", "POST");
  origins = () => this.json<{ origins: string[] }>("/embed-origins");
  setOrigins = (origins: string[]) => this.json<{ origins: string[] }>("/embed-origins", "PUT", { origins });
  audit = (cursor?: string | null, limit = 20) =>
    this.json<AuditPage>(`/audit?${new URLSearchParams(cursor ? { cursor, limit: String(limit) } : { limit: String(limit) })}`);
}
