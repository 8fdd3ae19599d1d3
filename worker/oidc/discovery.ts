/**
 * Discovery documents and JWKS, cached in the isolate. An unknown `kid` triggers
 * one JWKS refetch (key rotation). A kid still unknown after its refetch is
 * remembered for a while, and unknown-kid refetches are capped per minute, so
 * tokens with made-up kids cannot turn the worker into a JWKS fetch loop, while
 * a genuinely new key always gets its refetch.
 */
import type { JWK } from "jose";
import { OidcError } from "./errors";

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  /** RFC 9207: the provider puts `iss` in every authorization response. */
  authorization_response_iss_parameter_supported?: boolean;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const METADATA_TTL_MS = 60 * 60 * 1000;
const JWKS_TTL_MS = 24 * 60 * 60 * 1000;
const MISSING_KID_MEMORY_MS = 5 * 60 * 1000;
const UNKNOWN_KID_REFETCHES_PER_MINUTE = 10;
/** A discovery document or key set that does not come within this long is unavailable (retryable), not awaited. */
const FETCH_TIMEOUT_MS = 10_000;

async function getJson(fetcher: Fetch, url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    throw new OidcError("provider_unavailable", `${what} could not be fetched`, { reason: String(err) });
  }
  if (response.status >= 500 || response.status === 429) {
    throw new OidcError("provider_unavailable", `${what} answered ${response.status}`, { status: response.status });
  }
  if (!response.ok) throw new OidcError("discovery_failed", `${what} answered ${response.status}`, { status: response.status });
  try {
    return await response.json();
  } catch {
    throw new OidcError("discovery_failed", `${what} is not JSON`);
  }
}

/**
 * Checks a discovery document. Microsoft's multi-tenant documents carry an issuer
 * template rather than the URL they were fetched from, so the issuer is held to the
 * authority's origin instead: a document cannot name another host as the issuer.
 */
export function parseMetadata(doc: unknown, authority: string): ProviderMetadata {
  const d = doc as Record<string, unknown>;
  for (const field of ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
    if (typeof d?.[field] !== "string" || !d[field]) {
      throw new OidcError("discovery_failed", `discovery document has no ${field}`);
    }
  }
  const expectedOrigin = new URL(authority).origin;
  let issuerOrigin: string;
  try {
    issuerOrigin = new URL(d.issuer as string).origin;
  } catch {
    throw new OidcError("discovery_failed", "discovery document issuer is not a URL");
  }
  if (issuerOrigin !== expectedOrigin) {
    throw new OidcError("discovery_failed", `discovery document issuer is not on the authority ${expectedOrigin}`);
  }
  const methods = d.token_endpoint_auth_methods_supported;
  if (methods !== undefined && !(Array.isArray(methods) && methods.every((m) => typeof m === "string"))) {
    throw new OidcError("discovery_failed", "discovery document token_endpoint_auth_methods_supported is not a list");
  }
  return d as unknown as ProviderMetadata;
}

export class ProviderCache {
  private metadata = new Map<string, { value: ProviderMetadata; at: number }>();
  private jwks = new Map<string, { keys: JWK[]; at: number }>();
  /** Per JWKS URI: kids still unknown after a refetch, and when unknown-kid refetches happened. */
  private misses = new Map<string, { kids: Map<string, number>; refetches: number[] }>();
  /** JWKS downloads made, for tests and the benchmark. */
  jwksFetches = 0;

  constructor(private readonly fetcher: Fetch = (url, init) => fetch(url, init)) {}

  async discover(authority: string, tenant: string, now: number): Promise<ProviderMetadata> {
    const url = `${authority}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
    const hit = this.metadata.get(url);
    if (hit && now - hit.at < METADATA_TTL_MS) return hit.value;
    try {
      const value = parseMetadata(await getJson(this.fetcher, url, "The identity provider's discovery document"), authority);
      this.metadata.set(url, { value, at: now });
      return value;
    } catch (err) {
      return staleIfUnavailable(err, hit?.value, hit?.at, now);
    }
  }

  /** Forgets everything cached (tests that start Microsoft cold). */
  forget() {
    this.metadata.clear();
    this.jwks.clear();
    this.misses.clear();
  }

  /** The JWK with this kid, refetching the set once if it is unknown. */
  async key(jwksUri: string, kid: string | undefined, now: number): Promise<JWK | undefined> {
    let entry = this.jwks.get(jwksUri);
    if (!entry || now - entry.at > JWKS_TTL_MS) {
      const stale = entry;
      entry = await this.refresh(jwksUri, now).catch((err: unknown) => staleIfUnavailable(err, stale, stale?.at, now));
    }
    const found = pick(entry.keys, kid);
    if (found || !this.mayRefetchFor(jwksUri, kid ?? "", now)) return found;
    const refreshed = pick((await this.refresh(jwksUri, now)).keys, kid);
    if (!refreshed) this.misses.get(jwksUri)!.kids.set(kid ?? "", now);
    return refreshed;
  }

  private mayRefetchFor(jwksUri: string, kid: string, now: number): boolean {
    let miss = this.misses.get(jwksUri);
    if (!miss) this.misses.set(jwksUri, (miss = { kids: new Map(), refetches: [] }));
    const missedAt = miss.kids.get(kid);
    if (missedAt !== undefined && now - missedAt < MISSING_KID_MEMORY_MS) return false;
    miss.refetches = miss.refetches.filter((t) => now - t < 60_000);
    if (miss.refetches.length >= UNKNOWN_KID_REFETCHES_PER_MINUTE) return false;
    miss.refetches.push(now);
    if (miss.kids.size > 1000) miss.kids.clear();
    return true;
  }

  private async refresh(jwksUri: string, now: number) {
    this.jwksFetches++;
    const doc = (await getJson(this.fetcher, jwksUri, "The identity provider's JWKS")) as { keys?: unknown };
    if (!Array.isArray(doc?.keys)) throw new OidcError("discovery_failed", "JWKS has no keys array");
    const entry = { keys: doc.keys as JWK[], at: now };
    this.jwks.set(jwksUri, entry);
    return entry;
  }
}

/**
 * Microsoft unreachable when a cached document is due for a refresh: the old one keeps working
 * (keys are published long before and kept long after use), for a week at most. Anything else,
 * or nothing cached, fails closed.
 */
const STALE_LIMIT_MS = 7 * 24 * 60 * 60 * 1000;
function staleIfUnavailable<T>(err: unknown, cached: T | undefined, cachedAt: number | undefined, now: number): T {
  const usable = cached !== undefined && cachedAt !== undefined && now - cachedAt < STALE_LIMIT_MS;
  if (err instanceof OidcError && err.code === "provider_unavailable" && usable) return cached;
  throw err;
}

/** Only RSA signing keys qualify; with no kid in the token, only a lone key would (Microsoft always sends one). */
function pick(keys: JWK[], kid: string | undefined): JWK | undefined {
  const rsa = keys.filter((k) => k.kty === "RSA" && (k.use === undefined || k.use === "sig"));
  if (kid === undefined) return rsa.length === 1 ? rsa[0] : undefined;
  return rsa.find((k) => k.kid === kid);
}
