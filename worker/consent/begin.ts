/**
 * Sending a browser to Microsoft for admin consent (docs/security.md): the v2
 * admin-consent endpoint of the tenant, and the proof sign-in at the tenant's authority. Each step's state is
 * bound to this browser by a sealed flow cookie; nothing is written to D1.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { ownOrigin } from "../http/origins";
import { authorizeUrl, newFlowSecrets } from "../oidc/authorize";
import type { Lang } from "../pages/strings";
import { providers } from "../services";
import { FLOW_LIFETIME_MS, setFlowCookie, type ConsentTarget, type PendingSignIn, type ProofFlow } from "../session/flow-cookie";
import { CALLBACK_PATH } from "../sign-in/exchange";
import { randomToken } from "../crypto";

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

export async function beginAdminConsent(c: Context<AppEnv>, target: ConsentTarget, o: ConsentOptions) {
  const state = randomToken(32);
  await setFlowCookie(c, {
    kind: "consent",
    state,
    lang: o.lang,
    signIn: o.signIn,
    loginHint: o.loginHint,
    expiresAt: c.var.now() + FLOW_LIFETIME_MS,
    ...target,
  });
  const url = new URL(`${c.var.config.authority}/${encodeURIComponent(target.tenantId)}/v2.0/adminconsent`);
  url.searchParams.set("client_id", c.var.config.clientId);
  url.searchParams.set("scope", ADMIN_CONSENT_SCOPE);
  url.searchParams.set("redirect_uri", `${ownOrigin(c)}${ADMIN_CONSENT_CALLBACK_PATH}`);
  url.searchParams.set("state", state);
  if (o.loginHint) url.searchParams.set("login_hint", o.loginHint);
  c.header("cache-control", "no-store");
  return c.redirect(url.href, 302);
}

export interface ProofOptions {
  lang: Lang;
  /** false: prompt=none, reusing the Microsoft session of the consent step. */
  interactive: boolean;
  loginHint?: string;
  signIn?: ProofFlow["signIn"];
}

/** The proof sign-in happens at the tenant's own authority, so its issuer is that tenant's alone. */
export async function beginProof(c: Context<AppEnv>, target: ConsentTarget, o: ProofOptions) {
  const now = c.var.now();
  const metadata = await providers.discover(c.var.config.authority, target.tenantId, now);
  const secrets = newFlowSecrets();
  await setFlowCookie(c, {
    kind: "proof",
    ...secrets,
    ...target,
    lang: o.lang,
    interactive: o.interactive,
    signIn: o.signIn,
    expiresAt: now + FLOW_LIFETIME_MS,
  });
  const url = await authorizeUrl(metadata, {
    clientId: c.var.config.clientId,
    redirectUri: `${ownOrigin(c)}${CALLBACK_PATH}`,
    secrets,
    scope: PROOF_SCOPE,
    prompt: o.interactive ? "select_account" : "none",
    loginHint: o.loginHint,
    uiLocales: o.lang === "en" ? undefined : o.lang,
  });
  c.header("cache-control", "no-store");
  return c.redirect(url, 302);
}
