/**
 * SPEC §2: the Microsoft integration is available to education organizations on any
 * organizational license, and to business organizations on Enterprise only.
 */
import type { OrganizationRow } from "../storage/organizations";

export interface Availability {
  available: boolean;
  unavailableReason: { code: "enterprise_required"; message: string } | null;
}

export function integrationAvailability(org: Pick<OrganizationRow, "kind" | "license" | "name">): Availability {
  if (org.kind === "education" || org.license.trim().toLowerCase() === "enterprise") return { available: true, unavailableReason: null };
  return {
    available: false,
    unavailableReason: {
      code: "enterprise_required",
      message: `Sign in with Microsoft for a business organization needs the Enterprise license; ${org.name} is on the ${org.license[0]?.toUpperCase()}${org.license.slice(1)} license. Contact ThingLink to upgrade.`,
    },
  };
}
