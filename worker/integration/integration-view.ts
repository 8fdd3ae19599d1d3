/** The JSON of an integration (SPEC §4), from its row and its organization. */
import { consentReasonText, type Lang } from "../pages/strings";
import type { IntegrationRow } from "../storage/integrations";
import type { OrganizationRow } from "../storage/organizations";
import { integrationAvailability } from "./availability";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `lang`: the last error's message in the admin's language (their Accept-Language). */
export function integrationView(org: OrganizationRow, row: IntegrationRow | null, lang: Lang = "en") {
  const { available, unavailableReason } = integrationAvailability(org);
  return {
    status: row?.status ?? ("not_configured" as const),
    tenantId: row?.tenant_id ?? null,
    available,
    unavailableReason,
    consent:
      row?.consent_granted_at && row.consent_method
        ? {
            by: { name: row.consent_granted_by, upn: row.consent_granted_upn },
            at: iso(row.consent_granted_at)!,
            method: row.consent_method,
          }
        : null,
    lastError: row?.last_error_code
      ? {
          code: row.last_error_code,
          message: consentReasonText(lang, row.last_error_code, row.last_error_message ?? ""),
          at: iso(row.last_error_at)!,
        }
      : null,
    updatedAt: iso(row?.updated_at ?? null),
  };
}
