import { SignJWT, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { publicJwks } from "../../worker/assertion/assertion";
import { signingKey } from "../../worker/assertion/signing-key";
import { parseConfig } from "../../worker/config";

const base = { DB: {} as D1Database, ENTRA_CLIENT_ID: "client", ENTRA_CLIENT_SECRET: "secret-one" };

describe("signingKey without SIGNING_KEY", () => {
  it("derives a stable ES256 key from the client secret, and another from another secret", async () => {
    const a = await signingKey(parseConfig(base));
    const again = await signingKey(parseConfig({ ...base }));
    const other = await signingKey(parseConfig({ ...base, ENTRA_CLIENT_SECRET: "secret-two" }));
    expect(a).toEqual(again);
    expect(a.kid).toMatch(/^derived-/);
    expect(other.x).not.toBe(a.x);
    const jwt = await new SignJWT({ ok: true }).setProtectedHeader({ alg: "ES256", kid: a.kid }).sign(await importJWK(a, "ES256"));
    const [pub] = publicJwks(a).keys;
    expect(pub).not.toHaveProperty("d");
    expect((await jwtVerify(jwt, await importJWK(pub, "ES256"))).payload.ok).toBe(true);
  });
});
