/**
 * The rule everything else rests on (docs/security.md, "Proof of tenant"): an integration becomes active only
 * on a validated ID token from the configured tenant whose signer holds an Entra
 * role that can grant tenant-wide consent, read from `wids`. The consent redirect's
 * `tenant` and `admin_consent` parameters are never proof: anyone can type them.
 */
import type { MicrosoftIdClaims } from "../oidc/id-token";

/** Role template IDs that can grant tenant-wide admin consent. */
export const CONSENT_ROLES: Record<string, string> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
};

export type ProofFailure = "wrong_tenant" | "not_admin" | "roles_not_sent";

export type ProofResult =
  | { ok: true; role: string; consenter: { name: string | null; upn: string | null; oid: string } }
  /** Why not: a key of error-messages.ts, worded where it is shown. */
  | { ok: false; reason: ProofFailure };

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 256) : null);

/** Whether these (already validated) claims prove the tenant. Pure: no clock, no I/O. */
export function checkProof(claims: MicrosoftIdClaims, tenantId: string): ProofResult {
  if (claims.tid.toLowerCase() !== tenantId.toLowerCase()) {
    return { ok: false, reason: "wrong_tenant" };
  }
  const wids = claims.wids;
  if (!Array.isArray(wids)) {
    return { ok: false, reason: "roles_not_sent" };
  }
  const role = wids.map((w) => String(w).toLowerCase()).find((w) => w in CONSENT_ROLES);
  if (!role) {
    return { ok: false, reason: "not_admin" };
  }
  return {
    ok: true,
    role: CONSENT_ROLES[role],
    consenter: { name: text(claims.name), upn: text(claims.preferred_username), oid: claims.oid },
  };
}

/** For sign-in (way (c) of docs/security.md, "Three ways to consent"): does this person hold a role that can consent for the tenant? */
export function canConsentForTenant(claims: MicrosoftIdClaims): boolean {
  return Array.isArray(claims.wids) && claims.wids.some((w) => String(w).toLowerCase() in CONSENT_ROLES);
}
