/** The authorization request: code + PKCE (S256) + state + nonce, response_mode=query. */
import { randomToken, sha256 } from "../crypto";
import type { ProviderMetadata } from "./discovery";

/** Basic profile plus User.Read for Graph /me at sign-up. */
export const SIGN_IN_SCOPES = "openid profile email User.Read";

export interface FlowSecrets {
  state: string;
  nonce: string;
  verifier: string;
}

export function newFlowSecrets(): FlowSecrets {
  return { state: randomToken(32), nonce: randomToken(32), verifier: randomToken(48) };
}

export async function authorizeUrl(
  metadata: ProviderMetadata,
  p: {
    clientId: string;
    redirectUri: string;
    secrets: FlowSecrets;
    scope?: string;
    prompt?: string;
    loginHint?: string;
    domainHint?: string;
    uiLocales?: string;
  },
): Promise<string> {
  const url = new URL(metadata.authorization_endpoint);
  const params: Record<string, string | undefined> = {
    client_id: p.clientId,
    response_type: "code",
    redirect_uri: p.redirectUri,
    response_mode: "query",
    scope: p.scope ?? SIGN_IN_SCOPES,
    state: p.secrets.state,
    nonce: p.secrets.nonce,
    code_challenge: await sha256(p.secrets.verifier),
    code_challenge_method: "S256",
    prompt: p.prompt,
    login_hint: p.loginHint,
    domain_hint: p.domainHint,
    ui_locales: p.uiLocales,
  };
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.href;
}
