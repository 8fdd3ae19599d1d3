/**
 * A tenant as an admin typed it, checked against Microsoft: a GUID or a verified
 * domain, resolved through that tenant's discovery document (the issuer names the
 * GUID). Microsoft answers an unknown tenant with invalid_tenant (AADSTS90002).
 */
import { AppError } from "../errors";
import { OidcError } from "../oidc/errors";
import { providers } from "../oidc/providers";
import { parseTenantInput, tenantOfIssuer, isTenantGuid } from "./tenant-id";

export async function resolveTenantId(authority: string, input: string, now: number): Promise<string> {
  const parsed = parseTenantInput(input);
  if (!parsed.ok) throw new AppError(422, "invalid_tenant_id", parsed.message);
  let issuer: string;
  try {
    issuer = (await providers.discover(authority, parsed.value, now)).issuer;
  } catch (err) {
    if (err instanceof OidcError && !err.retryable) {
      throw new AppError(
        422,
        "unknown_tenant",
        `Microsoft does not know the tenant "${parsed.value}" (AADSTS90002). Check the tenant ID or domain in the Microsoft Entra admin center.`,
        err.message,
      );
    }
    throw err;
  }
  const tenantId = tenantOfIssuer(issuer);
  if (!tenantId || !isTenantGuid(tenantId)) {
    throw new AppError(
      422,
      "invalid_tenant_id",
      `"${parsed.value}" does not name one organization's tenant. Enter your organization's own tenant ID or verified domain.`,
    );
  }
  return tenantId;
}
