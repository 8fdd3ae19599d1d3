/**
 * Where the Microsoft integration is available: to education organizations on any
 * organizational license, and to business organizations on Enterprise only.
 */
import { AppError } from "../errors";
import type { Lang } from "../lang";
import type { OrganizationRow } from "../storage/organizations";

type Licensed = Pick<OrganizationRow, "kind" | "license" | "name">;

export interface Availability {
  available: boolean;
  unavailableReason: { code: "enterprise_required"; message: string } | null;
}

/** The refusal for an organization whose license does not include the integration; null when it does. */
export function unavailableError(org: Licensed): AppError<"integration_unavailable"> | null {
  if (org.kind === "education" || org.license.trim().toLowerCase() === "enterprise") return null;
  const license = `${org.license[0]?.toUpperCase() ?? ""}${org.license.slice(1)}`;
  return new AppError(403, "integration_unavailable", { org: org.name, license });
}

/** `lang`: the reason's words, in the admin's language. */
export function integrationAvailability(org: Licensed, lang: Lang = "en"): Availability {
  const refusal = unavailableError(org);
  if (!refusal) return { available: true, unavailableReason: null };
  return { available: false, unavailableReason: { code: "enterprise_required", message: refusal.body(lang).error.message } };
}
