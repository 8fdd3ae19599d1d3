/**
 * The v2 admin consent endpoint (`/{tenant}/v2.0/adminconsent`): a consent-capable
 * administrator grants the app's permissions for the whole tenant.
 */
import { canConsentForTenant } from "./directory.mjs";
import { decodeCtx, encodeCtx, flowKit } from "./flow.mjs";
import { consentPage, errorPage, needAdminApprovalPage } from "./pages.mjs";

export function adminConsentRoutes(h) {
  const { dir, consent } = h;
  const kit = flowKit(h);

  function afterPick(ctx, identity, req) {
    if (identity.foreign) return kit.remember(kit.notInTenant(ctx, identity), req, identity);
    const appName = kit.clientOf(ctx).displayName;
    const encoded = encodeCtx(ctx);
    const reply = canConsentForTenant(identity)
      ? {
          html: consentPage({
            ctx: encoded,
            user: identity,
            appName,
            scopes: kit.scopesOf(ctx),
            adminConsent: true,
            action: kit.actionOf(ctx),
          }),
        }
      : { html: needAdminApprovalPage({ ctx: encoded, user: identity, appName, action: kit.actionOf(ctx) }) };
    return kit.remember(reply, req, identity);
  }

  function start(ctx, req) {
    // Personal accounts cannot consent for a tenant, so `common` (and `consumers`) are refused;
    // this is the answer seen at /common/v2.0/adminconsent (MicrosoftDocs/azure-docs#45151).
    if (["common", "consumers"].includes(ctx.segment.toLowerCase())) {
      return kit.back(ctx, {
        error: "invalid_request",
        error_description: "The provided request must include a 'response_type' input parameter.",
      });
    }
    const authority = kit.authorityOf(ctx);
    const hinted = ctx.prompt === "select_account" ? null : dir.find(authority, ctx.login_hint, { organizationsOnly: true });
    return hinted ? afterPick(ctx, dir.at(authority, hinted, ctx.domain_hint), req) : kit.picker(ctx);
  }

  function submit({ body, req }) {
    const form = new URLSearchParams(body);
    const ctx = decodeCtx(form.get("ctx"));
    const step = form.get("step");
    if (form.get("cancel")) return kit.cancelled(ctx, step, { admin_consent: "True" });
    const authority = kit.authorityOf(ctx);
    const picked = dir.find(authority, form.get("oid"), { organizationsOnly: true });
    if (!picked) return { status: 400, html: errorPage("That account is not available here.") };
    if (step === "pick") return afterPick(ctx, dir.at(authority, picked, ctx.domain_hint), req);
    if (step !== "consent" || !canConsentForTenant(picked))
      return { status: 403, html: errorPage("This account may not grant consent for the organization.") };
    consent.grantTenant(picked.tenant.id, ctx.client_id, kit.scopesOf(ctx));
    // `tenant` is where consent was granted; the docs warn it is no proof of anything to the app.
    return kit.remember(kit.back(ctx, { admin_consent: "True", tenant: picked.tenant.id, scope: ctx.scope }), req, picked);
  }

  return [
    {
      method: "GET",
      path: /^\/([^/]+)\/v2\.0\/adminconsent$/,
      handle: ({ url, req }) => {
        const { error, ctx } = kit.begin(url, "adminconsent");
        return error ?? start(ctx, req);
      },
    },
    { method: "POST", path: /^\/([^/]+)\/v2\.0\/adminconsent$/, handle: submit },
  ];
}
