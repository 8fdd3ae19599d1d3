import { describe, expect, it } from "vitest";
import { log, redact, withRequestId } from "../../worker/log";
import { expectLogged } from "../support/logs";

describe("structured logs", () => {
  it("mask email addresses, JWTs and long tokens wherever they appear, but keep ids and GUIDs", () => {
    const description =
      "AADSTS50020: User account 'carla@contoso.com' from identity provider 'https://sts.windows.net/8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081/' does not exist";
    expect(redact(description)).toBe(
      "AADSTS50020: User account '[email]' from identity provider 'https://sts.windows.net/8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081/' does not exist",
    );
    expect(redact("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end")).toBe("token [jwt] end");
    expect(redact("secret Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg end")).toBe("secret [token] end");
    expect(redact("kid 7d3ee51ba80040919c117d5999f")).toBe("kid 7d3ee51ba80040919c117d5999f");
    // A guest's UPN (AADSTS50105 names it), a URL-encoded address, and one next to punctuation.
    expect(redact("AADSTS50105: The signed in user 'chris_contoso.com#EXT#@northwoodschool.onmicrosoft.com' is not assigned")).toBe(
      "AADSTS50105: The signed in user '[email]' is not assigned",
    );
    expect(redact("login_hint=ada%40northwood.edu&prompt=none")).toBe("login_hint=[email]&prompt=none");
    expect(redact("(ada@northwood.edu), done")).toBe("([email]), done");
    expect(redact("issuer https://login.microsoftonline.com/{tenantid}/v2.0")).toBe(
      "issuer https://login.microsoftonline.com/{tenantid}/v2.0",
    );
  });

  it("carry the request id, and mask inside any field", () => {
    withRequestId("req-123", () =>
      log.warn("example_event", { detail: "for ada@northwood.edu", nested: { code: "0.emu.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" } }),
    );
    const [entry] = expectLogged("example_event", { requestId: "req-123" });
    expect(entry).toMatchObject({ level: "warn", detail: "for [email]", nested: { code: "0.emu.[token]" } });
  });
});
