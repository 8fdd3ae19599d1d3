import { describe, expect, it } from "vitest";
import { ProviderCache, parseMetadata } from "../../../worker/oidc/discovery";
import { OidcError } from "../../../worker/oidc/errors";

function fakeProvider() {
  let keys = [{ kty: "RSA", kid: "a", n: "x", e: "AQAB" }];
  const calls: string[] = [];
  const fetcher = async (url: string) => {
    calls.push(url);
    if (url.endsWith("/keys")) return Response.json({ keys });
    if (url.includes("/broken/")) return new Response("down", { status: 503 });
    return Response.json({
      issuer: "https://idp/{tenantid}/v2.0",
      authorization_endpoint: "https://idp/a",
      token_endpoint: "https://idp/t",
      jwks_uri: "https://idp/keys",
    });
  };
  return { fetcher, calls, rotate: () => (keys = [{ kty: "RSA", kid: "b", n: "y", e: "AQAB" }, ...keys]) };
}

describe("ProviderCache", () => {
  it("keeps using what it has when Microsoft is unreachable at refresh time, for a week; fails closed without it", async () => {
    let down = false;
    const fetcher = async (url: string) => {
      if (down) return new Response("<html>Service Unavailable</html>", { status: 503 });
      if (url.endsWith("/keys")) return Response.json({ keys: [{ kty: "RSA", kid: "a", n: "x", e: "AQAB" }] });
      return Response.json({
        issuer: "https://idp/{tenantid}/v2.0",
        authorization_endpoint: "https://idp/a",
        token_endpoint: "https://idp/t",
        jwks_uri: "https://idp/keys",
      });
    };
    const cache = new ProviderCache(fetcher);
    const hour = 60 * 60 * 1000;
    const metadata = await cache.discover("https://idp", "common", 0);
    expect(await cache.key("https://idp/keys", "a", 0)).toMatchObject({ kid: "a" });
    down = true;
    // Past both caches' lifetimes (an hour, a day): the old document and keys still serve.
    expect(await cache.discover("https://idp", "common", 2 * hour)).toEqual(metadata);
    expect(await cache.key("https://idp/keys", "a", 25 * hour)).toMatchObject({ kid: "a" });
    // A week on, or for something never fetched: unavailable, retryable.
    await expect(cache.discover("https://idp", "common", 8 * 24 * hour)).rejects.toMatchObject({ code: "provider_unavailable" });
    await expect(cache.discover("https://idp", "organizations", 2 * hour)).rejects.toMatchObject({ code: "provider_unavailable" });
    // A refusal that is not an outage is never papered over.
    const refusing = new ProviderCache(async (url: string) => (url.includes("x") ? new Response("no", { status: 404 }) : fetcher(url)));
    await expect(refusing.discover("https://idp", "x", 0)).rejects.toMatchObject({ code: "discovery_failed" });
  });

  it("caches discovery per authority and tenant", async () => {
    const p = fakeProvider();
    const cache = new ProviderCache(p.fetcher);
    await cache.discover("https://idp", "common", 0);
    await cache.discover("https://idp", "common", 1000);
    expect(p.calls).toHaveLength(1);
    await cache.discover("https://idp", "common", 2 * 60 * 60 * 1000);
    expect(p.calls).toHaveLength(2);
  });

  it("refetches the JWKS exactly once for an unknown kid, then finds the rotated key", async () => {
    const p = fakeProvider();
    const cache = new ProviderCache(p.fetcher);
    expect(await cache.key("https://idp/keys", "a", 0)).toMatchObject({ kid: "a" });
    p.rotate();
    expect(await cache.key("https://idp/keys", "b", 1000)).toMatchObject({ kid: "b" });
    expect(cache.jwksFetches).toBe(2);
    expect(await cache.key("https://idp/keys", "b", 2000)).toMatchObject({ kid: "b" });
    expect(cache.jwksFetches).toBe(2);
  });

  it("refetches once per made-up kid, and at most ten times a minute in all", async () => {
    const p = fakeProvider();
    const cache = new ProviderCache(p.fetcher);
    await cache.key("https://idp/keys", "a", 0);
    expect(await cache.key("https://idp/keys", "nope-1", 1000)).toBeUndefined();
    expect(await cache.key("https://idp/keys", "nope-1", 2000)).toBeUndefined();
    expect(cache.jwksFetches).toBe(2);
    for (let i = 2; i <= 20; i++) await cache.key("https://idp/keys", `nope-${i}`, 3000);
    expect(cache.jwksFetches).toBe(11);
    // A genuinely rotated key a minute later still gets its refetch.
    p.rotate();
    expect(await cache.key("https://idp/keys", "b", 62_000)).toMatchObject({ kid: "b" });
    expect(cache.jwksFetches).toBe(12);
  });

  it("a forged unknown kid does not block the refetch for a real rotation right after it", async () => {
    const p = fakeProvider();
    const cache = new ProviderCache(p.fetcher);
    await cache.key("https://idp/keys", "a", 0);
    await cache.key("https://idp/keys", "forged", 100);
    p.rotate();
    expect(await cache.key("https://idp/keys", "b", 200)).toMatchObject({ kid: "b" });
  });

  it("reports a provider outage as retryable", async () => {
    const cache = new ProviderCache(fakeProvider().fetcher);
    const err = await cache.discover("https://idp/broken", "common", 0).catch((e) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect(err.code).toBe("provider_unavailable");
    expect(err.retryable).toBe(true);
  });

  it("refuses a discovery document without a jwks_uri", () => {
    expect(() => parseMetadata({ issuer: "x", authorization_endpoint: "a", token_endpoint: "t" }, "https://idp")).toThrow(
      "discovery document has no jwks_uri",
    );
  });

  it("refuses a discovery document whose issuer is on another host", () => {
    const doc = {
      issuer: "https://evil.example/{tenantid}/v2.0",
      authorization_endpoint: "https://idp/a",
      token_endpoint: "https://idp/t",
      jwks_uri: "https://idp/k",
    };
    expect(() => parseMetadata(doc, "https://idp")).toThrow("discovery document issuer is not on the authority https://idp");
    expect(parseMetadata({ ...doc, issuer: "https://idp/{tenantid}/v2.0" }, "https://idp").issuer).toBe("https://idp/{tenantid}/v2.0");
  });
});

describe("clientAuthMethod", () => {
  it("uses client_secret_basic when listed or when nothing is listed, else client_secret_post", async () => {
    const { clientAuthMethod } = await import("../../../worker/oidc/token");
    const secret = { kind: "secret" } as const;
    expect(
      clientAuthMethod({ token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"] }, secret),
    ).toBe("client_secret_basic");
    expect(clientAuthMethod({}, secret)).toBe("client_secret_basic");
    expect(clientAuthMethod({ token_endpoint_auth_methods_supported: ["client_secret_post"] }, secret)).toBe("client_secret_post");
    expect(clientAuthMethod({}, { kind: "certificate" })).toBe("private_key_jwt");
  });
});
