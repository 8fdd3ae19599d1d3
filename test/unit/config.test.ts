import { describe, expect, it } from "vitest";
import { parseConfig, type Bindings } from "../../worker/config";
import { TEST_SIGNING_KEY } from "../support/test-keys.mjs";

const good: Bindings = {
  DB: {} as D1Database,
  ENTRA_CLIENT_ID: "5f0b9a3e-6d2c-4c1e-9a57-2b7f3c1d8e40",
  ENTRA_CLIENT_SECRET: "s",
  SIGNING_KEY: JSON.stringify(TEST_SIGNING_KEY),
};

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig(good);
    expect(config.authority).toBe("https://login.microsoftonline.com");
    expect(config.graphBaseUrl).toBe("https://graph.microsoft.com");
    expect(config.publicUrl).toBeNull();
    expect(config.allowedOrigins).toEqual([]);
    expect(config.defaultTenant).toBe("common");
  });

  it.each([
    [{ ENTRA_CLIENT_ID: undefined }, "Configuration error: ENTRA_CLIENT_ID is not set"],
    [{ ENTRA_CLIENT_ID: "my app" }, "Configuration error: ENTRA_CLIENT_ID must be the app registration's client ID"],
    [{ ENTRA_CLIENT_SECRET: " " }, "Configuration error: ENTRA_CLIENT_SECRET is not set"],
    [
      { ENTRA_AUTHORITY: "login.microsoftonline.com" },
      'Configuration error: ENTRA_AUTHORITY must be an absolute http(s) URL, got "login.microsoftonline.com"',
    ],
    [{ PUBLIC_URL: "ftp://x" }, 'Configuration error: PUBLIC_URL must use https (or http on a development machine), got "ftp://x"'],
    [{ ALLOWED_ORIGINS: "https://ok.example, nope" }, 'Configuration error: ALLOWED_ORIGINS must be an absolute http(s) URL, got "nope"'],
    [
      { ENTRA_TENANT: "my tenant" },
      "Configuration error: ENTRA_TENANT must be common, organizations, consumers, a tenant ID (GUID) or a verified domain",
    ],
    [{ SIGNING_KEY: "{}" }, "Configuration error: SIGNING_KEY must be an EC P-256 private key (kty EC, crv P-256, with d)"],
  ])("names the variable: %o", (change, message) => {
    expect(() => parseConfig({ ...good, ...change })).toThrow(message);
  });

  it("takes a certificate credential instead of the secret", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----";
    const config = parseConfig({
      ...good,
      ENTRA_CLIENT_SECRET: undefined,
      ENTRA_CLIENT_CERTIFICATE: pem,
      ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: "AB:".repeat(19) + "AB",
    });
    expect(config.credential).toMatchObject({
      kind: "certificate",
      privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
    });
    expect(() => parseConfig({ ...good, ENTRA_CLIENT_CERTIFICATE: pem, ENTRA_CLIENT_CERTIFICATE_THUMBPRINT: "abc" })).toThrow(
      "Configuration error: ENTRA_CLIENT_CERTIFICATE_THUMBPRINT must be the certificate's SHA-1 (40 hex digits) or SHA-256 (64) thumbprint",
    );
    expect(() => parseConfig({ ...good, ENTRA_CLIENT_CERTIFICATE: "not a key" })).toThrow(
      "Configuration error: ENTRA_CLIENT_CERTIFICATE must be the certificate's private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)",
    );
  });

  it("requires SIGNING_KEY, and seals cookies with keys derived from it, never from the client secret", () => {
    expect(() => parseConfig({ ...good, SIGNING_KEY: undefined })).toThrow("Configuration error: SIGNING_KEY is not set");
    expect(parseConfig(good).sealSecret).toBe(TEST_SIGNING_KEY.d);
    expect(parseConfig({ ...good, ENTRA_CLIENT_SECRET: "other" }).sealSecret).toBe(TEST_SIGNING_KEY.d);
  });

  it("keeps only the public part of previous keys", () => {
    const config = parseConfig({ ...good, SIGNING_KEY_PREVIOUS: JSON.stringify({ ...TEST_SIGNING_KEY, kid: "old" }) });
    expect(config.previousPublicKeys).toEqual([{ kty: "EC", crv: "P-256", x: TEST_SIGNING_KEY.x, y: TEST_SIGNING_KEY.y, kid: "old" }]);
    expect(() => parseConfig({ ...good, SIGNING_KEY_PREVIOUS: "[{}]" })).toThrow(
      "Configuration error: SIGNING_KEY_PREVIOUS must hold EC P-256 keys (kty EC, crv P-256, x, y) with a kid",
    );
  });

  it("accepts a single tenant or organizations-only sign-in", () => {
    expect(parseConfig({ ...good, ENTRA_TENANT: "organizations" }).defaultTenant).toBe("organizations");
    expect(parseConfig({ ...good, ENTRA_TENANT: "contoso.onmicrosoft.com" }).defaultTenant).toBe("contoso.onmicrosoft.com");
  });

  it("keeps Graph's path prefix and trims trailing slashes", () => {
    expect(parseConfig({ ...good, GRAPH_BASE_URL: "http://127.0.0.1:1/graph/" }).graphBaseUrl).toBe("http://127.0.0.1:1/graph");
  });
});
