/**
 * What may be a tenant ID: a GUID, stored and returned lower-case, but
 * never the personal-account tenant and never the multi-tenant words; a verified
 * domain is accepted from people and resolved to the GUID by the caller.
 */
export const PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const NOT_A_TENANT = new Set(["common", "organizations", "consumers"]);

export type TenantParse =
  | { ok: true; kind: "guid"; value: string }
  | { ok: true; kind: "domain"; value: string }
  /** Why it is not a tenant: one of the multi-tenant words, the personal-account tenant, or neither a GUID nor a domain. */
  | { ok: false; problem: "word" | "personal" | "format"; value: string };

export function parseTenantInput(input: string): TenantParse {
  const value = input.trim().toLowerCase();
  if (NOT_A_TENANT.has(value)) {
    return { ok: false, problem: "word", value };
  }
  if (GUID.test(value)) {
    if (value === PERSONAL_ACCOUNTS_TENANT) return { ok: false, problem: "personal", value };
    return { ok: true, kind: "guid", value };
  }
  if (DOMAIN.test(value)) return { ok: true, kind: "domain", value };
  return { ok: false, problem: "format", value };
}

/** The tenant GUID a tenant-specific issuer names (`https://login.microsoftonline.com/<guid>/v2.0`). */
export function tenantOfIssuer(issuer: string): string | null {
  const segment = /\/([0-9a-f-]{36})\/v2\.0\/?$/i.exec(issuer)?.[1]?.toLowerCase();
  return segment && GUID.test(segment) ? segment : null;
}

export function isTenantGuid(value: string): boolean {
  return GUID.test(value) && value.toLowerCase() !== PERSONAL_ACCOUNTS_TENANT;
}
