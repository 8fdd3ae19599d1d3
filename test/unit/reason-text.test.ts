import { describe, expect, it } from "vitest";
import { accountTypeFor } from "../../worker/members/account-type";
import { joinedType } from "../../worker/members/people";
import { accountTypeReasonText } from "../../worker/members/reason-text";

/** Every English reason the code keeps for an account type, made by the code where it is a pure function. */
const REASONS = [
  accountTypeFor("business", null).reason,
  accountTypeFor("education", null).reason,
  accountTypeFor("education", { ok: true, primaryRole: "faculty" }).reason,
  accountTypeFor("education", { ok: true, primaryRole: "student" }).reason,
  accountTypeFor("education", { ok: true, primaryRole: "none" }).reason,
  joinedType("education", "Added by an organization admin").reason,
  joinedType("education", "Joined by request").reason,
  "Set by an organization admin",
  // worker/enroll/graph.ts and roster.ts (they call Microsoft, so their words are listed here)
  "Microsoft Graph did not answer within 2.5 s",
  "Microsoft Graph could not be reached",
  "Microsoft Graph was busy (429)",
  "Microsoft Graph refused the roster read (403)",
  "No School Data Sync data (Graph 404)",
  "Microsoft Graph answered 503",
  "A different Microsoft account answered the roster read",
  "Microsoft sent no access token for the roster read",
  "Microsoft could not be reached for the roster read",
  "Microsoft did not grant the roster read silently (consent_required)",
];

describe("account type reasons in the admin's language", () => {
  it("has a Finnish sentence for every reason the code keeps, and leaves English as it is", () => {
    for (const reason of REASONS) {
      expect(accountTypeReasonText("en", reason)).toBe(reason);
      expect(accountTypeReasonText("fi", reason), reason).not.toBe(reason);
    }
    expect(accountTypeReasonText("fi", "Joined by request; School Data Sync is read at their next sign-in")).toBe(
      "Liittyi pyynnöstä; School Data Sync -tieto luetaan seuraavalla kirjautumisella",
    );
    expect(accountTypeReasonText("fi", "No School Data Sync role (primaryRole: none)")).toBe(
      "Ei School Data Sync -roolia (primaryRole: none)",
    );
    expect(accountTypeReasonText("fi", null)).toBeNull();
  });
});
