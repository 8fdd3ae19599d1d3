/** The authorize endpoint: account picker, prompt handling, consent, and the authorization code. */
import { AADSTS } from "./aad-errors.mjs";
import { OIDC_SCOPES, needsAdmin, resourceScopes } from "./consent.mjs";
import { canConsentForTenant, isGlobalAdministrator } from "./directory.mjs";
import { decodeCtx, encodeCtx, flowKit } from "./flow.mjs";
import { consentPage, errorPage, needAdminApprovalPage } from "./pages.mjs";

export function authorizeRoutes(h) {
  const { dir, consent, sessions } = h;
  const kit = flowKit(h);

  /** What this person still has to agree to before the app gets a code, and whether they may. */
  function consentState(ctx, identity) {
    const client = kit.clientOf(ctx);
    const requested = kit.scopesOf(ctx);
    const missing = consent.missing(identity, dir.record(identity), client, requested);
    const admin = canConsentForTenant(identity);
    const userConsentAllowed = identity.tenant.personal || identity.tenant.userConsent !== "admin_only";
    // "Consent on behalf of your organization" is offered to Global Administrators only (consent
    // framework docs); other consent-capable roles use the admin-consent endpoint or the portal.
    return {
      client,
      requested,
      missing,
      admin,
      forOrg: isGlobalAdministrator(identity),
      mayConsent: admin || (userConsentAllowed && !missing.some(needsAdmin)),
    };
  }

  function issue(ctx, identity) {
    const { client, requested } = consentState(ctx, identity);
    const granted = consent.granted(identity, dir.record(identity), client);
    const code = h.issueCode({
      clientId: ctx.client_id,
      redirectUri: ctx.redirect_uri,
      scope: ctx.scope ?? "",
      oidcScopes: requested.filter((s) => OIDC_SCOPES.includes(s)),
      grantedScopes: resourceScopes([...new Set([...requested, ...granted])]),
      nonce: ctx.nonce,
      codeChallenge: ctx.code_challenge,
      codeChallengeMethod: ctx.code_challenge_method,
      user: identity,
      tenant: identity.tenant,
    });
    return kit.back(ctx, { code, session_state: "emu-session" });
  }

  /** After the person is known: the tenant check, consent if needed, then the code. */
  function afterPick(ctx, identity, req) {
    if (identity.foreign) return kit.remember(kit.notInTenant(ctx, identity), req, identity);
    const s = consentState(ctx, identity);
    const encoded = encodeCtx(ctx);
    let reply;
    if (ctx.prompt === "consent" || s.missing.length) {
      reply = s.mayConsent
        ? {
            html: consentPage({
              ctx: encoded,
              user: identity,
              appName: s.client.displayName,
              scopes: s.requested,
              canConsentForOrg: s.forOrg,
              action: kit.actionOf(ctx),
            }),
          }
        : { html: needAdminApprovalPage({ ctx: encoded, user: identity, appName: s.client.displayName, action: kit.actionOf(ctx) }) };
    } else {
      reply = issue(ctx, identity);
    }
    return kit.remember(reply, req, identity);
  }

  /** prompt=none: answer from the browser's emulator session, never with a page. */
  function silent(ctx, req) {
    const authority = kit.authorityOf(ctx);
    const signedIn = (sessions.read(req)?.users ?? []).map(dir.byHome).filter(Boolean);
    const hinted = ctx.login_hint ? dir.find(authority, ctx.login_hint) : null;
    const home = hinted && dir.homeOf(hinted);
    const candidates = ctx.login_hint ? signedIn.filter((u) => home && home.oid === u.oid && home.tenant.id === u.tenant.id) : signedIn;
    if (!candidates.length) return kit.backWithError(ctx, AADSTS.loginRequired);
    const here = candidates.map((u) => dir.at(authority, u, ctx.domain_hint));
    const usable = here.filter((u) => !u.foreign);
    if (!usable.length) return kit.notInTenantSilently(ctx, here[0]);
    if (usable.length > 1) return kit.backWithError(ctx, AADSTS.multipleSessions);
    const [identity] = usable;
    const s = consentState(ctx, identity);
    if (s.missing.length || ctx.prompt === "consent")
      return kit.backWithError(ctx, AADSTS.consentRequired, [s.client.clientId, s.client.displayName]);
    return issue(ctx, identity);
  }

  function start(ctx, req) {
    if (ctx.response_type !== "code")
      return kit.back(ctx, {
        error: "unsupported_response_type",
        error_description: "AADSTS700054: response_type 'id_token' is not enabled for the application.",
      });
    if (ctx.code_challenge && (ctx.code_challenge_method ?? "plain") !== "S256" && ctx.code_challenge_method !== "plain") {
      return kit.back(ctx, { error: "invalid_request", error_description: "AADSTS501491: Invalid size of Code_Challenge parameter." });
    }
    if (ctx.prompt === "none") return silent(ctx, req);
    const authority = kit.authorityOf(ctx);
    // login_hint stands in for typing the password: the hinted account signs in without a click.
    const hinted = ctx.prompt === "select_account" ? null : dir.find(authority, ctx.login_hint);
    return hinted ? afterPick(ctx, dir.at(authority, hinted, ctx.domain_hint), req) : kit.picker(ctx);
  }

  function submit({ body, req }) {
    const form = new URLSearchParams(body);
    const ctx = decodeCtx(form.get("ctx"));
    const step = form.get("step");
    if (form.get("cancel")) return kit.cancelled(ctx, step);
    const authority = kit.authorityOf(ctx);
    const picked = dir.find(authority, form.get("oid"));
    if (!picked) return { status: 400, html: errorPage("That account is not available here.") };
    if (step === "pick") return afterPick(ctx, dir.at(authority, picked, ctx.domain_hint), req);
    if (step !== "consent") return { status: 400, html: errorPage("Unexpected step.") };
    const s = consentState(ctx, picked);
    if (!s.mayConsent) return { status: 403, html: errorPage("This account may not consent to these permissions.") };
    consent.grantUser(picked, ctx.client_id, s.requested);
    if (form.get("consent_for_org") && s.forOrg) consent.grantTenant(picked.tenant.id, ctx.client_id, s.requested);
    return kit.remember(issue(ctx, picked), req, picked);
  }

  return [
    {
      method: "GET",
      path: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/,
      handle: ({ url, req }) => {
        const { error, ctx } = kit.begin(url, "authorize");
        return error ?? start(ctx, req);
      },
    },
    { method: "POST", path: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, handle: submit },
  ];
}
