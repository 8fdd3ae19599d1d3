/**
 * What may be a tenant ID (SPEC §3.4): a GUID, stored and returned lower-case, but
 * never the personal-account tenant and never the multi-tenant words; a verified
 * domain is accepted from people and resolved to the GUID by the caller.
 */
export const PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const NOT_A_TENANT = new Set(["common", "organizations", "consumers"]);

export type TenantParse =
  { ok: true; kind: "guid"; value: string } | { ok: true; kind: "domain"; value: string } | { ok: false; message: string };

export function parseTenantInput(input: string): TenantParse {
  const value = input.trim().toLowerCase();
  if (NOT_A_TENANT.has(value)) {
    return {
      ok: false,
      message: `"${value}" is not a tenant: enter your organization's own tenant ID (a GUID) or one of its verified domains.`,
    };
  }
  if (GUID.test(value)) {
    if (value === PERSONAL_ACCOUNTS_TENANT)
      return { ok: false, message: "That is the tenant of personal Microsoft accounts, not an organization's tenant." };
    return { ok: true, kind: "guid", value };
  }
  if (DOMAIN.test(value)) return { ok: true, kind: "domain", value };
  return {
    ok: false,
    message:
      "Enter a tenant ID (a GUID such as 6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f) or a verified domain such as contoso.onmicrosoft.com.",
  };
}

/** The tenant GUID a tenant-specific issuer names (`https://login.microsoftonline.com/<guid>/v2.0`). */
export function tenantOfIssuer(issuer: string): string | null {
  const segment = /\/([0-9a-f-]{36})\/v2\.0\/?$/i.exec(issuer)?.[1]?.toLowerCase();
  return segment && GUID.test(segment) ? segment : null;
}

export function isTenantGuid(value: string): boolean {
  return GUID.test(value) && value.toLowerCase() !== PERSONAL_ACCOUNTS_TENANT;
}
