/** The emulator's HTML pages, deliberately plain; every value is escaped. */
const escapeHtml = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:44px;width:min(440px,90vw);box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:16px 0}.brand{font-weight:600;color:#737373}
button{font:inherit;padding:8px 16px;margin:4px 0;cursor:pointer}
.user{display:block;width:100%;text-align:left;background:#fff;border:1px solid #ccc}
.user small{display:block;color:#555}.primary{background:#0067b8;color:#fff;border:0}
.note{font-size:13px;color:#555}label{display:block;margin:12px 0}`;

export function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><main><div class="brand">Microsoft (emulator)</div><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const hidden = (ctx) => `<input type="hidden" name="ctx" value="${escapeHtml(ctx)}">`;

export function signInPage({ ctx, users, appName, action }) {
  const list = users.length
    ? users
        .map((u) => `<button class="user" name="oid" value="${escapeHtml(u.oid)}">${escapeHtml(u.name)}<small>${escapeHtml(u.upn)}</small></button>`)
        .join("")
    : `<p>No accounts can sign in here.</p>`;
  return page(
    "Pick an account",
    `<p class="note">to continue to ${escapeHtml(appName)}</p>
<form method="post" action="${escapeHtml(action)}">${hidden(ctx)}<input type="hidden" name="step" value="pick">${list}
<button name="cancel" value="1">Cancel</button></form>`,
  );
}

export function consentPage({ ctx, user, appName, scopes, canConsentForOrg, action, adminConsent }) {
  const forOrg = adminConsent
    ? `<p class="note">Accepting grants these permissions for everyone in your organization.</p>`
    : canConsentForOrg
      ? `<label><input type="checkbox" name="consent_for_org" value="1"> Consent on behalf of your organization</label>`
      : "";
  return page(
    "Permissions requested",
    `<p>${escapeHtml(user.upn)}</p><p><strong>${escapeHtml(appName)}</strong> would like to:</p>
<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>${`<form method="post" action="${escapeHtml(action)}">`}
${hidden(ctx)}<input type="hidden" name="step" value="consent"><input type="hidden" name="oid" value="${escapeHtml(user.oid)}">
${forOrg}<button class="primary" name="accept" value="1">Accept</button> <button name="cancel" value="1">Cancel</button></form>`,
  );
}

export function needAdminApprovalPage({ ctx, user, appName, action }) {
  return page(
    "Need admin approval",
    `<p>${escapeHtml(user.upn)}</p><p>${escapeHtml(appName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<form method="post" action="${escapeHtml(action)}">${hidden(ctx)}<input type="hidden" name="step" value="no_admin">
<input type="hidden" name="oid" value="${escapeHtml(user.oid)}"><button name="cancel" value="1">Return to the application without consenting</button></form>`,
  );
}

export function errorPage(message) {
  return page("Sorry, but we're having trouble signing you in.", `<p>${escapeHtml(message)}</p>`);
}
