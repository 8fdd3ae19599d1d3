/**
 * Configuration, parsed and validated once per set of bindings.
 * A bad value fails the first request with a message that names the variable.
 */
export interface Bindings {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Workers Rate Limiting bindings (wrangler.toml); absent in unit tests, where nothing is limited. */
  SIGN_IN_LIMITER?: RateLimit;
  CALLBACK_FAILURE_LIMITER?: RateLimit;
  FLOW_STATE_LIMITER?: RateLimit;
  HANDOFF_LIMITER?: RateLimit;
  HANDOFF_ADDRESS_LIMITER?: RateLimit;
  JOIN_LIMITER?: RateLimit;
  ADMIN_LIMITER?: RateLimit;
  ENTRA_CLIENT_ID?: string;
  ENTRA_CLIENT_SECRET?: string;
  ENTRA_AUTHORITY?: string;
  GRAPH_BASE_URL?: string;
  PUBLIC_URL?: string;
  ALLOWED_ORIGINS?: string;
  SUPPORT_API_TOKEN?: string;
  /** Tenant segment for sign-in: `common` (default), `organizations`, a tenant GUID or verified domain. */
  ENTRA_TENANT?: string;
  /** Certificate credential (instead of the secret): the PKCS#8 PEM private key... */
  ENTRA_CLIENT_CERTIFICATE?: string;
  /** ...and the uploaded certificate's thumbprint as the Azure portal shows it (SHA-1 or SHA-256, hex). */
  ENTRA_CLIENT_CERTIFICATE_THUMBPRINT?: string;
  /** The worker's own ES256 private key (JWK JSON with kid): signs identity assertions. Required. */
  SIGNING_KEY?: string;
  /**
   * During a rotation: the previous key (JWK JSON, or a JSON array of JWKs; public or
   * private, only the public part is ever published) kept in the JWKS so that
   * assertions it signed still verify until they expire.
   */
  SIGNING_KEY_PREVIOUS?: string;
  /** Webhook delivery (docs/events.md): the queue, and where deliveries that used up their retries go. */
  WEBHOOK_QUEUE?: Queue;
  WEBHOOK_DEAD_LETTERS?: Queue;
  /** Comma-separated seconds before each retry of a failed delivery. */
  WEBHOOK_RETRY_SECONDS?: string;
  /** Seconds a receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_SECONDS?: string;
  /** Seconds Microsoft's token endpoint has to answer a sign-in's code redemption. */
  PROVIDER_TIMEOUT_SECONDS?: string;
  /** "1" in the test tier: every JSON answer is checked against its declared schema (http/register.ts). */
  CHECK_CONTRACT?: string;
}

/** How the worker authenticates to the token endpoint: a secret, or a certificate (private_key_jwt). */
export type ClientCredential =
  { kind: "secret"; secret: string } | { kind: "certificate"; privateKeyPem: string; thumbprint: Uint8Array<ArrayBuffer> };

export interface Config {
  clientId: string;
  credential: ClientCredential;
  authority: string;
  graphBaseUrl: string;
  /** null: use the request's origin. */
  publicUrl: string | null;
  allowedOrigins: readonly string[];
  supportApiToken: string | null;
  /** The worker's own assertion key (never derived from the Microsoft client secret). */
  signingKey: SigningJwk;
  /** Public keys still published during a rotation. */
  previousPublicKeys: PublicJwk[];
  /**
   * Input keying material for sealed cookies. Each purpose derives its own AES key
   * from it with HKDF (session/seal.ts), so no key is ever used for two jobs.
   */
  sealSecret: string;
  /** Tenant segment used for sign-in: `common` (any work, school or personal account) unless ENTRA_TENANT says otherwise. */
  defaultTenant: string;
  webhookRetrySeconds: number[];
  webhookTimeoutMs: number;
  providerTimeoutMs: number;
}

export type SigningJwk = JsonWebKey & { kid: string };
export type PublicJwk = { kty: "EC"; crv: "P-256"; x: string; y: string; kid: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

function origin(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(variable, `must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(variable, `must use https (or http on a development machine), got "${value}"`);
  }
  return url.origin;
}

/** A base URL keeps its path (Graph may sit under a path prefix) but loses any trailing slash. */
function baseUrl(variable: string, value: string): string {
  origin(variable, value);
  return value.trim().replace(/\/+$/, "");
}

function required(env: Bindings, variable: keyof Bindings): string {
  const value = env[variable];
  if (typeof value !== "string" || value.trim() === "") throw new ConfigError(variable, "is not set");
  return value.trim();
}

function signingKey(raw: string): SigningJwk {
  let jwk: JsonWebKey & { kid?: string };
  try {
    jwk = JSON.parse(raw) as typeof jwk;
  } catch {
    throw new ConfigError("SIGNING_KEY", "must be an EC P-256 private key as JWK JSON");
  }
  if (jwk?.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d || !jwk.x || !jwk.y) {
    throw new ConfigError("SIGNING_KEY", "must be an EC P-256 private key (kty EC, crv P-256, with d)");
  }
  if (!jwk.kid) throw new ConfigError("SIGNING_KEY", "must have a kid");
  return { ...jwk, kid: jwk.kid };
}

/** Only the public members of each previous key are kept: nothing private is ever published. */
function previousKeys(raw: string | undefined, current: SigningJwk): PublicJwk[] {
  if (!raw?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError("SIGNING_KEY_PREVIOUS", "must be a JWK or a JSON array of JWKs");
  }
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Partial<PublicJwk>>;
  return list.map((k) => {
    if (k?.kty !== "EC" || k.crv !== "P-256" || typeof k.x !== "string" || typeof k.y !== "string" || typeof k.kid !== "string" || !k.kid) {
      throw new ConfigError("SIGNING_KEY_PREVIOUS", "must hold EC P-256 keys (kty EC, crv P-256, x, y) with a kid");
    }
    if (k.kid === current.kid) throw new ConfigError("SIGNING_KEY_PREVIOUS", `must not reuse the kid of SIGNING_KEY ("${k.kid}")`);
    return { kty: "EC", crv: "P-256", x: k.x, y: k.y, kid: k.kid };
  });
}

function tenant(value: string | undefined): string {
  const t = value?.trim() || "common";
  const ok =
    /^(common|organizations|consumers)$/i.test(t) ||
    /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(t) ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t);
  if (!ok) throw new ConfigError("ENTRA_TENANT", "must be common, organizations, consumers, a tenant ID (GUID) or a verified domain");
  return t;
}

function clientCredential(env: Bindings): ClientCredential {
  const pem = env.ENTRA_CLIENT_CERTIFICATE?.trim();
  if (!pem) return { kind: "secret", secret: required(env, "ENTRA_CLIENT_SECRET") };
  const privateKeyPem = pem.replace(/\\n/g, "\n").trim();
  if (!/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----$/.test(privateKeyPem)) {
    throw new ConfigError("ENTRA_CLIENT_CERTIFICATE", "must be the certificate's private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
  }
  const hex = (env.ENTRA_CLIENT_CERTIFICATE_THUMBPRINT ?? "").replace(/[\s:]/g, "");
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(hex)) {
    throw new ConfigError(
      "ENTRA_CLIENT_CERTIFICATE_THUMBPRINT",
      "must be the certificate's SHA-1 (40 hex digits) or SHA-256 (64) thumbprint",
    );
  }
  const thumbprint = new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  return { kind: "certificate", privateKeyPem, thumbprint };
}

/**
 * Close to Standard Webhooks' schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); a queue
 * delays one message by at most 12 hours, and its consumer retries at most 20 times.
 */
const DEFAULT_RETRY_SECONDS = "5,300,1800,7200,18000,36000,36000";
const MAX_RETRY_DELAY_SECONDS = 12 * 60 * 60;
const MAX_RETRIES = 19;

function retrySeconds(value: string | undefined): number[] {
  const parts = (value?.trim() || DEFAULT_RETRY_SECONDS).split(",").map((s) => s.trim());
  const ok = parts.length <= MAX_RETRIES && parts.every((s) => /^\d+$/.test(s) && Number(s) <= MAX_RETRY_DELAY_SECONDS);
  if (!ok) {
    throw new ConfigError(
      "WEBHOOK_RETRY_SECONDS",
      `must be at most ${MAX_RETRIES} comma-separated whole seconds, each at most ${MAX_RETRY_DELAY_SECONDS}, got "${value}"`,
    );
  }
  return parts.map(Number);
}

function timeoutMs(variable: keyof Bindings, value: string | undefined): number {
  const s = value?.trim() || "10";
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 30) throw new ConfigError(variable, `must be 1 to 30 seconds, got "${value}"`);
  return Number(s) * 1000;
}

export function parseConfig(env: Bindings): Config {
  // Microsoft's client IDs are GUIDs; other OpenID providers' need not be.
  const clientId = required(env, "ENTRA_CLIENT_ID");
  if (/\s/.test(clientId) || clientId.length > 256) throw new ConfigError("ENTRA_CLIENT_ID", "must be the app registration's client ID");
  const credential = clientCredential(env);
  const key = signingKey(required(env, "SIGNING_KEY"));
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => origin("ALLOWED_ORIGINS", s));
  return {
    clientId,
    credential,
    authority: baseUrl("ENTRA_AUTHORITY", env.ENTRA_AUTHORITY || "https://login.microsoftonline.com"),
    graphBaseUrl: baseUrl("GRAPH_BASE_URL", env.GRAPH_BASE_URL || "https://graph.microsoft.com"),
    publicUrl: env.PUBLIC_URL ? origin("PUBLIC_URL", env.PUBLIC_URL) : null,
    allowedOrigins,
    supportApiToken: env.SUPPORT_API_TOKEN?.trim() || null,
    signingKey: key,
    previousPublicKeys: previousKeys(env.SIGNING_KEY_PREVIOUS, key),
    sealSecret: key.d!,
    defaultTenant: tenant(env.ENTRA_TENANT),
    webhookRetrySeconds: retrySeconds(env.WEBHOOK_RETRY_SECONDS),
    webhookTimeoutMs: timeoutMs("WEBHOOK_TIMEOUT_SECONDS", env.WEBHOOK_TIMEOUT_SECONDS),
    providerTimeoutMs: timeoutMs("PROVIDER_TIMEOUT_SECONDS", env.PROVIDER_TIMEOUT_SECONDS),
  };
}

const cache = new WeakMap<object, Config>();

/** Parse once per bindings object; workerd hands the same env to every request of an isolate. */
export function getConfig(env: Bindings): Config {
  let config = cache.get(env);
  if (!config) {
    config = parseConfig(env);
    cache.set(env, config);
  }
  return config;
}
