/**
 * The account type of a member, as a pure decision: from School Data
 * Sync's primaryRole for schools (teacher/faculty → teacher, student → student, and
 * anything else → student with the reason kept), `member` for businesses.
 */
import type { AccountType, AccountTypeSource } from "../storage/memberships";
import { reason, type AccountTypeReason } from "../account-type-reason";

export interface AccountTypeDecision {
  accountType: AccountType;
  source: AccountTypeSource;
  /** Kept as a code (account-type-reason.ts), worded when an admin reads it. */
  reason: AccountTypeReason;
}

/** What reading Graph produced: a role, or why there is none. */
export type RoleReading = { ok: true; primaryRole: string } | { ok: false; reason: AccountTypeReason; consentMissing?: boolean };

export function accountTypeFor(kind: "education" | "business", reading: RoleReading | null): AccountTypeDecision {
  if (kind === "business") return { accountType: "member", source: "default", reason: reason("business") };
  if (!reading)
    return {
      accountType: "student",
      source: "default",
      reason: reason("joined_unread"),
    };
  if (!reading.ok) return { accountType: "student", source: "default", reason: reading.reason };
  const role = reading.primaryRole.toLowerCase();
  if (role === "teacher" || role === "faculty") return { accountType: "teacher", source: "graph", reason: reason("sds_role", role) };
  if (role === "student") return { accountType: "student", source: "graph", reason: reason("sds_role", "student") };
  return { accountType: "student", source: "default", reason: reason("no_sds_role", reading.primaryRole || "none") };
}
