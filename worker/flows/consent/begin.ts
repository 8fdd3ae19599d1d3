/**
 * Sending a browser to Microsoft for admin consent (docs/security.md): the v2 admin-consent
 * endpoint of the tenant, and the proof sign-in at the tenant's authority. Each step's state
 * is bound to this browser by a sealed flow cookie; nothing is written to D1.
 */
import { randomToken } from "../../crypto";
import { authorizeUrl, newFlowSecrets } from "../../oidc/authorize";
import type { Lang } from "../../pages/strings";
import { providers } from "../../oidc/providers";
import { FLOW_LIFETIME_MS, type ConsentTarget, type PendingSignIn, type ProofFlow } from "../../session/flow-cookie";
import { redirect, type FlowDeps, type Outcome } from "../core";
import { CALLBACK_PATH } from "../sign-in/exchange";

export const ADMIN_CONSENT_CALLBACK_PATH = "/auth/microsoft/admin-consent/callback";
/** Everything the app registration is configured to ask for, tenant-wide. */
export const ADMIN_CONSENT_SCOPE = "https://graph.microsoft.com/.default";
/** The proof only needs to know who signed in, in which tenant, with which roles. */
const PROOF_SCOPE = "openid profile";

export interface ConsentOptions {
  lang: Lang;
  /** Way (c): the sign-in that asked, finished once consent and proof are done (either way). */
  signIn?: PendingSignIn;
  /** The administrator's sign-in name, so Microsoft need not ask who they are again. */
  loginHint?: string;
}

export function beginAdminConsent(target: ConsentTarget, o: ConsentOptions, deps: FlowDeps): Outcome {
  const state = randomToken(32);
  const url = new URL(`${deps.config.authority}/${encodeURIComponent(target.tenantId)}/v2.0/adminconsent`);
  url.searchParams.set("client_id", deps.config.clientId);
  url.searchParams.set("scope", ADMIN_CONSENT_SCOPE);
  url.searchParams.set("redirect_uri", `${deps.ownOrigin}${ADMIN_CONSENT_CALLBACK_PATH}`);
  url.searchParams.set("state", state);
  if (o.loginHint) url.searchParams.set("login_hint", o.loginHint);
  return redirect(url.href, {
    setFlow: {
      kind: "consent",
      state,
      lang: o.lang,
      signIn: o.signIn,
      loginHint: o.loginHint,
      expiresAt: deps.now + FLOW_LIFETIME_MS,
      ...target,
    },
  });
}

export interface ProofOptions {
  lang: Lang;
  /** false: prompt=none, reusing the Microsoft session of the consent step. */
  interactive: boolean;
  loginHint?: string;
  signIn?: ProofFlow["signIn"];
}

/** The proof sign-in happens at the tenant's own authority, so its issuer is that tenant's alone. */
export async function beginProof(target: ConsentTarget, o: ProofOptions, deps: FlowDeps): Promise<Outcome> {
  const { config, now } = deps;
  const metadata = await providers.discover(config.authority, target.tenantId, now);
  const secrets = newFlowSecrets();
  const url = await authorizeUrl(metadata, {
    clientId: config.clientId,
    redirectUri: `${deps.ownOrigin}${CALLBACK_PATH}`,
    secrets,
    scope: PROOF_SCOPE,
    prompt: o.interactive ? "select_account" : "none",
    loginHint: o.loginHint,
    uiLocales: o.lang === "en" ? undefined : o.lang,
  });
  return redirect(url, {
    setFlow: {
      kind: "proof",
      ...secrets,
      ...target,
      lang: o.lang,
      interactive: o.interactive,
      signIn: o.signIn,
      expiresAt: now + FLOW_LIFETIME_MS,
    },
  });
}
