/** Starting a sign-in: the flow's secrets into its sealed cookie, then off to Microsoft. */
import { authorizeUrl, newFlowSecrets } from "../../oidc/authorize";
import type { Lang } from "../../pages/strings";
import { providers } from "../../oidc/providers";
import { FLOW_LIFETIME_MS, type FlowMode } from "../../session/flow-cookie";
import { redirect, type FlowDeps, type Outcome, type ReturnTo } from "../core";
import { CALLBACK_PATH } from "./exchange";

export interface StartRequest {
  returnTo: ReturnTo;
  mode: FlowMode;
  handoff: string | null;
  loginHint?: string;
  prompt?: string;
  lang: Lang;
}

export async function beginSignIn(p: StartRequest, deps: FlowDeps): Promise<Outcome> {
  const { config, now } = deps;
  const tenant = config.defaultTenant;
  const metadata = await providers.discover(config.authority, tenant, now);
  const secrets = newFlowSecrets();
  const url = await authorizeUrl(metadata, {
    clientId: config.clientId,
    redirectUri: `${deps.ownOrigin}${CALLBACK_PATH}`,
    secrets,
    loginHint: p.loginHint,
    prompt: p.prompt,
    uiLocales: p.lang === "en" ? undefined : p.lang,
  });
  return redirect(url, {
    setFlow: {
      kind: "sign_in",
      ...secrets,
      returnTo: p.returnTo.url,
      returnOrigin: p.returnTo.origin,
      mode: p.mode,
      handoff: p.handoff,
      tenant,
      lang: p.lang,
      expiresAt: now + FLOW_LIFETIME_MS,
    },
  });
}
