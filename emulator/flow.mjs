/**
 * What the authorize and adminconsent endpoints share: request checks, the account picker,
 * answers sent back to the redirect URI, and the browser session.
 */
import { AADSTS, redirectErrorParams, tokenErrorBody } from "./aad-errors.mjs";
import { expandScopes, parseScopes } from "./consent.mjs";
import { identityProviderOf } from "./directory.mjs";
import { errorPage, signInPage } from "./pages.mjs";
import { redirectUriAllowed } from "./tenants.mjs";

export const encodeCtx = (ctx) => Buffer.from(JSON.stringify(ctx)).toString("base64url");
export const decodeCtx = (text) => JSON.parse(Buffer.from(String(text), "base64url").toString("utf8"));

function withParams(uri, params) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
  return url.href;
}

export function flowKit(h) {
  const { dir, sessions } = h;
  const errorReply = (entry, ...args) => ({ error: { status: 400, html: errorPage(tokenErrorBody(entry, ...args)) } });

  /** Checks shared by authorize and adminconsent; returns an error page or the request context. */
  function begin(url, flow) {
    const segment = decodeURIComponent(url.pathname.split("/")[1]);
    if (!h.tenant(segment)) return errorReply(AADSTS.tenantNotFound, segment);
    const p = Object.fromEntries(url.searchParams);
    const client = h.findClient(p.client_id);
    if (!client) return errorReply(AADSTS.unknownClient, p.client_id ?? "", segment);
    if (!p.redirect_uri || !redirectUriAllowed(client, p.redirect_uri))
      return errorReply(AADSTS.redirectMismatch, p.redirect_uri ?? "", client.clientId);
    return { ctx: { ...p, segment, flow } };
  }

  const authorityOf = (ctx) => h.tenant(ctx.segment);
  const clientOf = (ctx) => h.findClient(ctx.client_id);
  const actionOf = (ctx) => (ctx.flow === "adminconsent" ? `/${ctx.segment}/v2.0/adminconsent` : `/${ctx.segment}/oauth2/v2.0/authorize`);
  /** Requested scopes, short names, with `/.default` standing for the app's configured permissions. */
  const scopesOf = (ctx) => expandScopes(parseScopes(ctx.scope), clientOf(ctx));
  // Microsoft marks every answer of the admin-consent flow, failures included (v2-admin-consent, azure-docs#114009).
  const flowMarker = (ctx) => (ctx.flow === "adminconsent" ? { admin_consent: "True" } : {});

  const back = (ctx, params) => ({ redirect: withParams(ctx.redirect_uri, { ...params, state: ctx.state }) });
  const backWithError = (ctx, entry, args = [], extra = {}) =>
    back(ctx, { ...redirectErrorParams(entry, ...args), ...extra, ...flowMarker(ctx) });

  function picker(ctx) {
    const authority = authorityOf(ctx);
    const organizationsOnly = ctx.flow === "adminconsent";
    return {
      html: signInPage({
        ctx: encodeCtx(ctx),
        users: dir.listed(authority, { organizationsOnly }),
        others: dir.others(authority).filter((u) => !organizationsOnly || !u.tenant.personal),
        appName: clientOf(ctx).displayName,
        action: actionOf(ctx),
      }),
    };
  }

  /**
   * AADSTS50020: this account has no object in the tenant asked for. Microsoft shows it on its own
   * error page and does not go back to the app (the person can only sign out and pick another
   * account). For prompt=none there is no page: AADSTS16000 goes back to the redirect URI.
   */
  function notInTenant(ctx, identity) {
    const client = clientOf(ctx);
    return {
      status: 200,
      html: errorPage(
        tokenErrorBody(
          AADSTS.wrongTenantForUser,
          identityProviderOf(identity.tenant),
          identity.foreignTo.name,
          client.clientId,
          client.displayName,
        ),
      ),
    };
  }

  function notInTenantSilently(ctx, identity) {
    const client = clientOf(ctx);
    return backWithError(ctx, AADSTS.sessionNotInTenant, [
      identityProviderOf(identity.tenant),
      identity.foreignTo.name,
      client.clientId,
      client.displayName,
    ]);
  }

  /** Adds the signed-in account to this browser's emulator session. */
  function remember(reply, req, identity) {
    const cookie = sessions.remember(req, dir.homeOf(identity));
    return { ...reply, cookies: [...(reply.cookies ?? []), cookie] };
  }

  /**
   * Cancel on the picker (AADSTS50058), on the consent page (declined) or on "Need admin approval".
   * A declined admin consent comes back as v2-admin-consent documents it: error=consent_required,
   * AADSTS65004, admin_consent=True.
   */
  function cancelled(ctx, step, extra = {}) {
    if (step === "pick")
      return back(ctx, {
        error: "access_denied",
        error_subcode: "cancel",
        error_description: "AADSTS50058: The user has cancelled the sign-in.",
        ...extra,
      });
    if (step === "no_admin") return backWithError(ctx, AADSTS.adminApprovalRequired);
    return backWithError(ctx, ctx.flow === "adminconsent" ? AADSTS.adminConsentDeclined : AADSTS.userDeclined);
  }

  return {
    begin,
    authorityOf,
    clientOf,
    actionOf,
    scopesOf,
    back,
    backWithError,
    cancelled,
    picker,
    notInTenant,
    notInTenantSilently,
    remember,
  };
}
