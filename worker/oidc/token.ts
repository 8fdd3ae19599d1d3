/** The token request (authorization_code grant) as a confidential client. */
import { OidcError } from "./errors";
import type { Fetch, ProviderMetadata } from "./discovery";

export interface TokenResponse {
  id_token: string;
  access_token?: string;
  scope?: string;
}

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

/**
 * RFC 6749 makes client_secret_basic the method every server supports and OpenID
 * Discovery makes it the default when none is listed; Microsoft lists both.
 */
export function clientAuthMethod(metadata: Pick<ProviderMetadata, "token_endpoint_auth_methods_supported">): ClientAuthMethod {
  const supported = metadata.token_endpoint_auth_methods_supported;
  if (!supported || supported.includes("client_secret_basic")) return "client_secret_basic";
  return "client_secret_post";
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded. */
function basicAuthorization(clientId: string, secret: string) {
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return `Basic ${btoa(`${encode(clientId)}:${encode(secret)}`)}`;
}

export async function redeemCode(
  fetcher: Fetch,
  p: {
    tokenEndpoint: string;
    authMethod: ClientAuthMethod;
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
    verifier: string;
  },
): Promise<TokenResponse> {
  const body = new URLSearchParams({ grant_type: "authorization_code", code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (p.authMethod === "client_secret_basic") headers.authorization = basicAuthorization(p.clientId, p.clientSecret);
  else {
    body.set("client_id", p.clientId);
    body.set("client_secret", p.clientSecret);
  }
  let response: Response;
  try {
    response = await fetcher(p.tokenEndpoint, {
      method: "POST",
      headers,
      body,
    });
  } catch (err) {
    throw new OidcError("provider_unavailable", "The token endpoint could not be reached", { reason: String(err) });
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || !json) {
    const error = typeof json?.error === "string" ? json.error : undefined;
    const description = typeof json?.error_description === "string" ? json.error_description : "";
    const code = response.status >= 500 || response.status === 429 || error === "temporarily_unavailable" ? "provider_unavailable" : "token_request_failed";
    throw new OidcError(code, `The token endpoint refused the code (${response.status} ${error ?? "no error code"})`, {
      status: response.status,
      error,
      aadsts: /AADSTS(\d+)/.exec(description)?.[1],
    });
  }
  if (typeof json.id_token !== "string") throw new OidcError("token_request_failed", "The token response has no id_token");
  return json as unknown as TokenResponse;
}
