import { describe, expect, it } from "vitest";
import { accountTypeFor } from "../../worker/members/account-type";
import { reason, reasonText, type ReasonCode } from "../../worker/account-type-reason";
import { addedType } from "../../worker/members/people";

/** Every code a reason can have, each with a detail where its words take one. */
const STORED: string[] = [
  accountTypeFor("business", null).reason,
  accountTypeFor("education", null).reason,
  accountTypeFor("education", { ok: true, primaryRole: "faculty" }).reason,
  accountTypeFor("education", { ok: true, primaryRole: "student" }).reason,
  accountTypeFor("education", { ok: true, primaryRole: "none" }).reason,
  addedType("education").reason,
  addedType("business").reason,
  reason("joined_by_request"),
  reason("asked_in_request"),
  reason("changed_on_approval"),
  ...(["set_by_admin", "made_admin_by_support", "graph_unreachable", "graph_busy", "graph_refused"] satisfies ReasonCode[]).map((c) =>
    reason(c),
  ),
  ...(["roster_other_account", "roster_no_token", "roster_unreachable"] satisfies ReasonCode[]).map((c) => reason(c)),
  reason("graph_timeout", 2.5),
  reason("no_sds_data", 404),
  reason("graph_status", 503),
  reason("roster_not_silent", "consent_required"),
];

describe("account type reasons", () => {
  it("are stored as codes, and worded in English and Finnish when an admin reads them", () => {
    expect(accountTypeFor("education", { ok: true, primaryRole: "Faculty" }).reason).toBe("sds_role:faculty");
    expect(addedType("education")).toEqual({ accountType: "student", source: "default", reason: "added_by_admin" });
    for (const stored of STORED) {
      const en = reasonText("en", stored);
      const fi = reasonText("fi", stored);
      expect(en, stored).not.toBe(stored);
      expect(fi, stored).not.toBe(en);
    }
    expect(reasonText("en", "sds_role:teacher")).toBe("School Data Sync primaryRole: teacher");
    expect(reasonText("fi", "asked_in_request")).toBe("Kuten liittymispyynnössä pyydettiin");
    expect(reasonText("fi", "no_sds_role:none")).toBe("Ei School Data Sync -roolia (primaryRole: none)");
    expect(reasonText("en", "graph_timeout:2.5")).toBe("Microsoft Graph did not answer within 2.5 s");
  });

  it("shows what older rows kept in English as it is, and nothing as nothing", () => {
    expect(reasonText("fi", "Set by an organization admin")).toBe("Set by an organization admin");
    expect(reasonText("fi", null)).toBeNull();
  });
});
