/** The JSON of an integration, from its row and its organization (the contract: api/schemas.ts). */
import { codeOf, errorMessage, storedErrorMessage } from "../error-messages";
import type { Lang } from "../lang";
import type { IntegrationRow } from "../storage/integrations";
import type { OrganizationRow } from "../storage/organizations";
import { integrationAvailability } from "./availability";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `lang`: the last error's message in the admin's language (their Accept-Language). */
export function integrationView(org: OrganizationRow, row: IntegrationRow | null, lang: Lang = "en") {
  const { available, unavailableReason } = integrationAvailability(org, lang);
  return {
    status: row?.status ?? ("not_configured" as const),
    tenantId: row?.tenant_id ?? null,
    /** The verified domain the admin typed for it, when they typed one. */
    tenantDomain: row?.tenant_domain ?? null,
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
    // Another organization proved this tenant first: that is what the admin needs to know now.
    lastError:
      row?.held_elsewhere && row.status === "awaiting_consent"
        ? { code: "tenant_taken", message: errorMessage(lang, "tenant_taken"), at: iso(row.updated_at)! }
        : row?.last_error_code
          ? {
              // The reason is kept as its key (error-messages.ts); older rows kept a code and English words.
              code: codeOf(row.last_error_code),
              message: storedErrorMessage(lang, row.last_error_code, row.last_error_message ?? ""),
              at: iso(row.last_error_at)!,
            }
          : null,
    updatedAt: iso(row?.updated_at ?? null),
  };
}
