/** The organization a new account from a tenant joins, if any: its active, available integration. */
import { integrationAvailability } from "../../integration/availability";
import type { IdentityClaims } from "../../oidc/id-token";
import { isGuest, type TenantIntegration } from "../sign-in/accounts";

export function enrollmentTarget(claims: IdentityClaims, integrations: TenantIntegration[]): TenantIntegration | null {
  // Guests and personal accounts are never enrolled by tenant.
  if (isGuest(claims)) return null;
  const active = integrations.find((i) => i.status === "active");
  if (!active) return null;
  const { available } = integrationAvailability({
    kind: active.organization_kind,
    license: active.organization_license,
    name: active.organization_name,
  });
  return available ? active : null;
}
