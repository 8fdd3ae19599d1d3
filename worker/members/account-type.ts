/**
 * The account type of a member (SPEC §3.5), as a pure decision: from School Data
 * Sync's primaryRole for schools (teacher/faculty → teacher, student → student, and
 * anything else → student with the reason kept), `member` for businesses.
 */
import type { AccountType, AccountTypeSource } from "../storage/memberships";

export interface AccountTypeDecision {
  accountType: AccountType;
  source: AccountTypeSource;
  reason: string;
}

/** What reading Graph produced: a role, or why there is none. */
export type RoleReading = { ok: true; primaryRole: string } | { ok: false; reason: string; consentMissing?: boolean };

export function accountTypeFor(kind: "education" | "business", reading: RoleReading | null): AccountTypeDecision {
  if (kind === "business") return { accountType: "member", source: "default", reason: "Business organization" };
  if (!reading)
    return {
      accountType: "student",
      source: "default",
      reason: "Joined without a School Data Sync reading (it is read at the next sign-in)",
    };
  if (!reading.ok) return { accountType: "student", source: "default", reason: reading.reason };
  const role = reading.primaryRole.toLowerCase();
  if (role === "teacher" || role === "faculty")
    return { accountType: "teacher", source: "graph", reason: `School Data Sync primaryRole: ${role}` };
  if (role === "student") return { accountType: "student", source: "graph", reason: "School Data Sync primaryRole: student" };
  return { accountType: "student", source: "default", reason: `No School Data Sync role (primaryRole: ${reading.primaryRole || "none"})` };
}
