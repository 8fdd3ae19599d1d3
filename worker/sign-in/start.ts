/** Starting §3.1: flow secrets into the sealed cookie, then off to Microsoft. */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { authorizeUrl, newFlowSecrets } from "../oidc/authorize";
import { providers } from "../services";
import { ownOrigin, type ReturnTo } from "../http/origins";
import type { Lang } from "../pages/strings";
import { FLOW_LIFETIME_MS, setFlowCookie, type FlowMode } from "../session/flow-cookie";
import { CALLBACK_PATH } from "./exchange";

export interface StartRequest {
  returnTo: ReturnTo;
  mode: FlowMode;
  handoff: string | null;
  loginHint?: string;
  prompt?: string;
  lang: Lang;
}

export async function beginSignIn(c: Context<AppEnv>, p: StartRequest) {
  const { config } = c.var;
  const now = c.var.now();
  const tenant = config.defaultTenant;
  const metadata = await providers.discover(config.authority, tenant, now);
  const secrets = newFlowSecrets();
  await setFlowCookie(c, {
    kind: "sign_in",
    ...secrets,
    returnTo: p.returnTo.url,
    returnOrigin: p.returnTo.origin,
    mode: p.mode,
    handoff: p.handoff,
    tenant,
    lang: p.lang,
    expiresAt: now + FLOW_LIFETIME_MS,
  });
  const url = await authorizeUrl(metadata, {
    clientId: config.clientId,
    redirectUri: `${ownOrigin(c)}${CALLBACK_PATH}`,
    secrets,
    loginHint: p.loginHint,
    prompt: p.prompt,
    uiLocales: p.lang === "en" ? undefined : p.lang,
  });
  c.header("cache-control", "no-store");
  return c.redirect(url, 302);
}
