/** The token request (authorization_code grant) as a confidential client. */
import { OidcError } from "./errors";
import type { Fetch } from "./discovery";

export interface TokenResponse {
  id_token: string;
  access_token?: string;
  scope?: string;
}

export async function redeemCode(
  fetcher: Fetch,
  p: { tokenEndpoint: string; clientId: string; clientSecret: string; code: string; redirectUri: string; verifier: string; scope?: string },
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: p.clientId,
    client_secret: p.clientSecret,
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  });
  if (p.scope) body.set("scope", p.scope);
  let response: Response;
  try {
    response = await fetcher(p.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
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
