/** The token request (authorization_code grant) as a confidential client: secret or certificate. */
import { SignJWT, importPKCS8 } from "jose";
import { base64url } from "../crypto";
import { OidcError } from "./errors";
import type { Fetch, ProviderMetadata } from "./discovery";

export interface TokenResponse {
  id_token: string;
  access_token?: string;
  scope?: string;
}

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt";

export type { ClientCredential as Credential } from "../config";
import type { ClientCredential as Credential } from "../config";

/**
 * RFC 6749 makes client_secret_basic the method every server supports and OpenID
 * Discovery makes it the default when none is listed; Microsoft lists both.
 */
export function clientAuthMethod(
  metadata: Pick<ProviderMetadata, "token_endpoint_auth_methods_supported">,
  credential: Pick<Credential, "kind">,
): ClientAuthMethod {
  if (credential.kind === "certificate") return "private_key_jwt";
  const supported = metadata.token_endpoint_auth_methods_supported;
  if (!supported || supported.includes("client_secret_basic")) return "client_secret_basic";
  return "client_secret_post";
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded. */
function basicAuthorization(clientId: string, secret: string) {
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return `Basic ${btoa(`${encode(clientId)}:${encode(secret)}`)}`;
}

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * A client assertion (RFC 7523) as Entra ID expects it: RS256, the certificate's
 * thumbprint in x5t (SHA-1) or x5t#S256, aud = the token endpoint, iss = sub = client ID.
 */
export async function clientAssertion(
  credential: Extract<Credential, { kind: "certificate" }>,
  clientId: string,
  tokenEndpoint: string,
  now: number,
) {
  let key = keys.get(credential.privateKeyPem);
  if (!key) keys.set(credential.privateKeyPem, (key = importPKCS8(credential.privateKeyPem, "RS256")));
  const thumbprintHeader =
    credential.thumbprint.length === 20 ? { x5t: base64url(credential.thumbprint) } : { "x5t#S256": base64url(credential.thumbprint) };
  const iat = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...thumbprintHeader })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenEndpoint)
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 300)
    .sign(await key);
}

export async function redeemCode(
  fetcher: Fetch,
  p: {
    tokenEndpoint: string;
    authMethod: ClientAuthMethod;
    clientId: string;
    credential: Credential;
    code: string;
    redirectUri: string;
    verifier: string;
    now: number;
    /** How long Microsoft has to answer: a hung endpoint ends in a retryable error, not a hung sign-in. */
    timeoutMs: number;
  },
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  const { credential } = p;
  if (credential.kind === "certificate") {
    body.set("client_id", p.clientId);
    body.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    body.set("client_assertion", await clientAssertion(credential, p.clientId, p.tokenEndpoint, p.now));
  } else if (p.authMethod === "client_secret_basic") {
    headers.authorization = basicAuthorization(p.clientId, credential.secret);
  } else {
    body.set("client_id", p.clientId);
    body.set("client_secret", credential.secret);
  }
  let response: Response;
  try {
    response = await fetcher(p.tokenEndpoint, { method: "POST", headers, body, signal: AbortSignal.timeout(p.timeoutMs) });
  } catch (err) {
    const timedOut = (err as Error)?.name === "TimeoutError";
    const message = timedOut
      ? `The token endpoint did not answer within ${p.timeoutMs / 1000} s`
      : "The token endpoint could not be reached";
    throw new OidcError("provider_unavailable", message, { reason: String(err) });
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  // Not JSON at all (a proxy's or load balancer's error page): Microsoft is having a bad moment, not refusing this code.
  if (!json) {
    throw new OidcError("provider_unavailable", `The token endpoint answered ${response.status} without JSON`, { status: response.status });
  }
  if (!response.ok) {
    const error = typeof json?.error === "string" ? json.error : undefined;
    const description = typeof json?.error_description === "string" ? json.error_description : "";
    const code =
      response.status >= 500 || response.status === 429 || error === "temporarily_unavailable"
        ? "provider_unavailable"
        : "token_request_failed";
    throw new OidcError(code, `The token endpoint refused the code (${response.status} ${error ?? "no error code"})`, {
      status: response.status,
      error,
      aadsts: /AADSTS(\d+)/.exec(description)?.[1],
    });
  }
  if (typeof json.id_token !== "string") throw new OidcError("token_request_failed", "The token response has no id_token");
  return json as unknown as TokenResponse;
}
