import { describe, expect, it } from "vitest";
import { ERROR_KEYS, codeOf, errorMessage, storedErrorMessage, type ErrorArgs, type ErrorKey } from "../../worker/error-messages";
import { AppError } from "../../worker/errors";

/** One value for every parameter any message takes. */
const PARAMS = {
  method: "PATCH",
  path: "/x",
  allowed: ["GET", "PUT"],
  what: "request body",
  problem: "name must not be empty",
  kb: 64,
  org: "Riverside",
  current: "Westbrook",
  license: "Team",
  value: "common",
  tenant: "nosuch.example",
  input: "lms.example.edu",
  suggestion: "https://lms.example.edu",
  origin: "https://lms.example.edu",
  kind: "education",
  slug: "riverside",
  status: 404,
};
const say = (lang: "en" | "fi", key: ErrorKey) => errorMessage(lang, key, ...([PARAMS] as unknown as ErrorArgs<typeof key>));

/** Words that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set<ErrorKey>([
  "invalid_request", // validation detail names the API's fields, for the developer who sent it
]);

describe("error messages", () => {
  it("words every key in English and in Finnish, each a sentence of its own", () => {
    expect(ERROR_KEYS.length).toBeGreaterThan(90);
    for (const key of ERROR_KEYS) {
      const en = say("en", key);
      const fi = say("fi", key);
      expect(en, key).toMatch(/\S.{8,}/);
      expect(fi, key).toMatch(/\S.{8,}/);
      if (!SAME_IN_BOTH.has(key) && key !== "misconfigured.config") expect(fi, key).not.toBe(en);
    }
  });

  it("answers a variant with its code, in the caller's language", () => {
    const error = new AppError(409, "last_admin.joining", { current: "Westbrook", org: "Riverside" });
    expect(error.code).toBe("last_admin");
    expect(error.message).toBe("You are the only admin of Westbrook: make someone else an admin there first, then ask to join Riverside.");
    expect(error.body("fi")).toEqual({
      error: {
        code: "last_admin",
        message:
          "Olet organisaation Westbrook ainoa ylläpitäjä: tee siellä ensin joku muu ylläpitäjäksi ja pyydä sitten liittymistä organisaatioon Riverside.",
      },
    });
    expect(codeOf("not_found.route")).toBe("not_found");
  });

  it("words a stored key later, and leaves what older rows kept in English as it is", () => {
    expect(storedErrorMessage("fi", "consent_declined.admin", "ignored")).toBe(
      "Suostumusta ei annettu, joten integraatio ei ole käytössä.",
    );
    expect(storedErrorMessage("fi", "Some older English words", "Some older English words")).toBe("Some older English words");
    // A key whose words need parameters cannot be worded without them: the stored words stand.
    expect(storedErrorMessage("fi", "slug_taken", "The slug was taken.")).toBe("The slug was taken.");
  });
});
