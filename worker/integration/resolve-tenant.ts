/**
 * A tenant as an admin typed it, checked against Microsoft: a GUID or a verified
 * domain, resolved through that tenant's discovery document (the issuer names the
 * GUID). Microsoft answers an unknown tenant with invalid_tenant (AADSTS90002).
 */
import { AppError } from "../errors";
import { OidcError } from "../oidc/errors";
import { providers } from "../oidc/providers";
import { parseTenantInput, tenantOfIssuer, isTenantGuid, type TenantParse } from "./tenant-id";

/** Why `value` is not a tenant ID where only a GUID will do (support links tenants by GUID alone). */
export function notAGuid(value: string): AppError {
  const parsed = parseTenantInput(value);
  if (!parsed.ok) return notATenant(parsed);
  if (parsed.kind === "domain") return new AppError(422, "invalid_tenant_id.domain", { value: parsed.value });
  return new AppError(422, "invalid_tenant_id.personal");
}

function notATenant(parsed: Extract<TenantParse, { ok: false }>) {
  if (parsed.problem === "word") return new AppError(422, "invalid_tenant_id.word", { value: parsed.value });
  return new AppError(422, parsed.problem === "personal" ? "invalid_tenant_id.personal" : "invalid_tenant_id");
}

export async function resolveTenantId(authority: string, input: string, now: number): Promise<string> {
  const parsed = parseTenantInput(input);
  if (!parsed.ok) throw notATenant(parsed);
  let issuer: string;
  try {
    issuer = (await providers.discover(authority, parsed.value, now)).issuer;
  } catch (err) {
    if (err instanceof OidcError && !err.retryable) {
      throw new AppError(422, "unknown_tenant", { tenant: parsed.value }).withDetail(err.message);
    }
    throw err;
  }
  const tenantId = tenantOfIssuer(issuer);
  if (!tenantId || !isTenantGuid(tenantId)) {
    throw new AppError(422, "invalid_tenant_id.not_one", { value: parsed.value });
  }
  return tenantId;
}
