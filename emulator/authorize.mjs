/** Discovery, JWKS, the authorize endpoint and the v2 adminconsent endpoint. */
import { AADSTS, redirectErrorParams, tokenErrorBody } from "./aad-errors.mjs";
import { PERSONAL_TENANT_ID } from "./fixture.mjs";
import { redirectUriAllowed } from "./tenants.mjs";
import { consentPage, errorPage, needAdminApprovalPage, signInPage } from "./pages.mjs";

const encodeCtx = (ctx) => Buffer.from(JSON.stringify(ctx)).toString("base64url");
const decodeCtx = (text) => JSON.parse(Buffer.from(String(text), "base64url").toString("utf8"));

function withParams(uri, params) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
  return url.href;
}

export function authorizeRoutes(h) {
  const { state } = h;

  function discovery(segment, resolved) {
    const issuerTenant = resolved.multi ? "{tenantid}" : resolved.tenant.id;
    const base = state.base;
    return {
      token_endpoint: `${base}/${segment}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/${segment}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${state.base}/graph/oidc/userinfo`,
      authorization_endpoint: `${base}/${segment}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${segment}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${segment}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
      kerberos_endpoint: `${base}/${segment}/kerberos`,
      tenant_region_scope: resolved.multi ? null : "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    };
  }

  const tenantNotFound = (segment) => ({ status: 400, json: tokenErrorBody(AADSTS.tenantNotFound, segment) });

  /** Checks shared by authorize and adminconsent; returns an error reply or the context. */
  function begin(url, flow) {
    const segment = decodeURIComponent(url.pathname.split("/")[1]);
    const resolved = h.tenant(segment);
    if (!resolved) return { error: { status: 400, html: errorPage(tokenErrorBody(AADSTS.tenantNotFound, segment).error_description) } };
    const p = Object.fromEntries(url.searchParams);
    const client = h.findClient(p.client_id);
    if (!client) return { error: { status: 400, html: errorPage(tokenErrorBody(AADSTS.unknownClient, p.client_id ?? "", segment).error_description) } };
    if (!p.redirect_uri || !redirectUriAllowed(client, p.redirect_uri)) {
      return { error: { status: 400, html: errorPage(tokenErrorBody(AADSTS.redirectMismatch, p.redirect_uri ?? "", client.clientId).error_description) } };
    }
    return { ctx: { ...p, segment, flow } };
  }

  const back = (ctx, params) => ({ redirect: withParams(ctx.redirect_uri, { ...params, state: ctx.state }) });
  const backWithError = (ctx, entry, extra = {}) => back(ctx, { ...redirectErrorParams(entry), ...extra });

  function usersFor(ctx) {
    const users = h.tenant(ctx.segment)?.users ?? [];
    return ctx.flow === "adminconsent" ? users.filter((u) => !u.tenant.personal) : users;
  }

  function pickPage(ctx) {
    const client = h.findClient(ctx.client_id);
    return { html: signInPage({ ctx: encodeCtx(ctx), users: usersFor(ctx), appName: client.displayName, action: actionOf(ctx) }) };
  }

  const actionOf = (ctx) =>
    ctx.flow === "adminconsent" ? `/${ctx.segment}/v2.0/adminconsent` : `/${ctx.segment}/oauth2/v2.0/authorize`;

  function scopesOf(ctx) {
    return String(ctx.scope ?? "").split(/\s+/).filter(Boolean);
  }

  /** After the user is known: consent if needed, then the code (or the admin-consent answer). */
  function afterPick(ctx, user) {
    const client = h.findClient(ctx.client_id);
    const tenant = user.tenant;
    const appName = client.displayName;
    const encoded = encodeCtx(ctx);
    if (ctx.flow === "adminconsent") {
      if (!user.admin) return { html: needAdminApprovalPage({ ctx: encoded, user, appName, action: actionOf(ctx) }) };
      return { html: consentPage({ ctx: encoded, user, appName, scopes: scopesOf(ctx), canConsentForOrg: true, adminConsent: true, action: actionOf(ctx) }) };
    }
    const consented = user.consented?.includes?.(client.clientId) || user.consented === true || h.hasAdminConsent(tenant.id, client.clientId);
    if (!consented || ctx.prompt === "consent") {
      if (tenant.userConsent === "admin_only" && !user.admin && !h.hasAdminConsent(tenant.id, client.clientId)) {
        return { html: needAdminApprovalPage({ ctx: encoded, user, appName, action: actionOf(ctx) }) };
      }
      return { html: consentPage({ ctx: encoded, user, appName, scopes: scopesOf(ctx), canConsentForOrg: !!user.admin && !tenant.personal, action: actionOf(ctx) }) };
    }
    return issue(ctx, user);
  }

  function issue(ctx, user) {
    const code = h.issueCode({
      clientId: ctx.client_id,
      redirectUri: ctx.redirect_uri,
      scope: ctx.scope ?? "",
      nonce: ctx.nonce,
      codeChallenge: ctx.code_challenge,
      codeChallengeMethod: ctx.code_challenge_method,
      user,
      tenant: user.tenant,
    });
    return back(ctx, { code, session_state: "emu-session" });
  }

  function findUser(ctx, hint) {
    if (!hint) return null;
    const lower = String(hint).toLowerCase();
    return usersFor(ctx).find((u) => u.oid === hint || u.upn.toLowerCase() === lower || u.mail?.toLowerCase() === lower) ?? null;
  }

  function start(ctx) {
    if (ctx.flow === "authorize") {
      if (ctx.response_type !== "code") return back(ctx, { error: "unsupported_response_type", error_description: "AADSTS700054: response_type 'id_token' is not enabled for the application." });
      if (ctx.code_challenge && (ctx.code_challenge_method ?? "plain") !== "S256" && ctx.code_challenge_method !== "plain") {
        return back(ctx, { error: "invalid_request", error_description: "AADSTS501491: Invalid size of Code_Challenge parameter." });
      }
    }
    const hinted = ctx.prompt === "select_account" ? null : findUser(ctx, ctx.login_hint);
    return hinted ? afterPick(ctx, hinted) : pickPage(ctx);
  }

  function submit({ body }) {
    const form = new URLSearchParams(body);
    const ctx = decodeCtx(form.get("ctx"));
    const step = form.get("step");
    const user = findUser(ctx, form.get("oid"));
    if (form.get("cancel")) {
      if (step === "pick") return back(ctx, { error: "access_denied", error_subcode: "cancel", error_description: "AADSTS50058: The user has cancelled the sign-in." });
      if (step === "no_admin") return backWithError(ctx, AADSTS.adminApprovalRequired, ctx.flow === "adminconsent" ? { admin_consent: "False" } : {});
      return backWithError(ctx, AADSTS.userDeclined, ctx.flow === "adminconsent" ? { admin_consent: "False" } : {});
    }
    if (!user) return { status: 400, html: errorPage("That account is not available here.") };
    if (step === "pick") return afterPick(ctx, user);
    if (step !== "consent") return { status: 400, html: errorPage("Unexpected step.") };
    if (ctx.flow === "adminconsent") {
      h.grantAdminConsent(user.tenant.id, ctx.client_id);
      return back(ctx, { admin_consent: "True", tenant: user.tenant.id, scope: ctx.scope });
    }
    const fixtureUser = user.tenant.users.find((u) => u.oid === user.oid);
    fixtureUser.consented = [...(Array.isArray(fixtureUser.consented) ? fixtureUser.consented : []), ctx.client_id];
    if (form.get("consent_for_org") && user.admin) h.grantAdminConsent(user.tenant.id, ctx.client_id);
    return issue(ctx, user);
  }

  return [
    {
      method: "GET",
      path: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/,
      handle: ({ match }) => {
        state.stats.discovery++;
        const segment = decodeURIComponent(match[1]);
        const resolved = h.tenant(segment);
        if (!resolved) return tenantNotFound(segment);
        if (segment.toLowerCase() === "consumers") return { json: { ...discovery(segment, resolved), issuer: `${state.base}/${PERSONAL_TENANT_ID}/v2.0` } };
        return { json: discovery(segment, resolved) };
      },
    },
    {
      method: "GET",
      path: /^\/([^/]+)\/discovery\/v2\.0\/keys$/,
      handle: () => {
        state.stats.jwks++;
        return { json: state.keys.jwks() };
      },
    },
    {
      method: "GET",
      path: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/,
      handle: ({ url }) => {
        const { error, ctx } = begin(url, "authorize");
        return error ?? start(ctx);
      },
    },
    { method: "POST", path: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, handle: submit },
    {
      method: "GET",
      path: /^\/([^/]+)\/v2\.0\/adminconsent$/,
      handle: ({ url }) => {
        const { error, ctx } = begin(url, "adminconsent");
        return error ?? start(ctx);
      },
    },
    { method: "POST", path: /^\/([^/]+)\/v2\.0\/adminconsent$/, handle: submit },
  ];
}
