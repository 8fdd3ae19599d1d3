/** The emulator's HTML pages, deliberately plain; every value is escaped. */
const escapeHtml = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;display:grid;place-items:center;min-height:100vh}
main{box-sizing:border-box;background:#fff;padding:44px;width:min(440px,100vw);box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:16px 0}.brand{font-weight:600;color:#737373}
button{font:inherit;padding:8px 16px;margin:4px 0;cursor:pointer}
.user{display:block;width:100%;text-align:left;background:#fff;border:1px solid #ccc}
.user small{display:block;color:#555}.primary{background:#0067b8;color:#fff;border:0}
.note{font-size:13px;color:#555}label{display:block;margin:12px 0}summary{cursor:pointer;margin:12px 0}
.details{font-size:13px;color:#555;white-space:pre-wrap}`;

/** What Microsoft's consent screens say for each delegated Graph permission. */
const PERMISSION_TEXT = {
  openid: "Sign users in",
  profile: "View users' basic profile",
  email: "View users' email address",
  offline_access: "Maintain access to data you have given it access to",
  "User.Read": "Sign in and read user profile",
  "EduRoster.ReadBasic": "Read a limited subset of users' view of the roster",
};

export function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><main><div class="brand">Microsoft (emulator)</div><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const hidden = (ctx) => `<input type="hidden" name="ctx" value="${escapeHtml(ctx)}">`;

const userButton = (u) => {
  // A guest is listed under their home sign-in name, as Microsoft's picker shows it.
  const label = u.home ? `${u.name} (guest)` : u.name;
  return `<button class="user" name="oid" value="${escapeHtml(u.oid)}">${escapeHtml(label)}<small>${escapeHtml(u.home?.user.upn ?? u.upn)}</small></button>`;
};

/** The account picker; `others` are accounts of other tenants, folded away as Microsoft's "Use another account". */
export function signInPage({ ctx, users, others = [], appName, action }) {
  const list = users.length ? users.map(userButton).join("") : `<p>No accounts can sign in here.</p>`;
  const another = others.length ? `<details><summary>Use another account</summary>${others.map(userButton).join("")}</details>` : "";
  return page(
    "Pick an account",
    `<p class="note">to continue to ${escapeHtml(appName)}</p>
<form method="post" action="${escapeHtml(action)}">${hidden(ctx)}<input type="hidden" name="step" value="pick">${list}${another}
<button name="cancel" value="1">Cancel</button></form>`,
  );
}

export function consentPage({ ctx, user, appName, scopes, canConsentForOrg, action, adminConsent }) {
  const forOrg = adminConsent
    ? `<p><strong>Review for your organization</strong></p><p class="note">Accepting grants these permissions for everyone in your organization. No one else will be prompted to review these permissions.</p>`
    : canConsentForOrg
      ? `<label><input type="checkbox" name="consent_for_org" value="1"> Consent on behalf of your organization</label>`
      : "";
  const items = scopes.map((s) => `<li>${escapeHtml(PERMISSION_TEXT[s] ?? s)} <small>(${escapeHtml(s)})</small></li>`).join("");
  return page(
    "Permissions requested",
    `<p>${escapeHtml(user.home?.user.upn ?? user.upn)}</p><p><strong>${escapeHtml(appName)}</strong> would like to:</p>
<ul>${items}</ul><form method="post" action="${escapeHtml(action)}">
${hidden(ctx)}<input type="hidden" name="step" value="consent"><input type="hidden" name="oid" value="${escapeHtml(user.oid)}">
${forOrg}<button class="primary" name="accept" value="1">Accept</button> <button name="cancel" value="1">Cancel</button></form>`,
  );
}

export function needAdminApprovalPage({ ctx, user, appName, action }) {
  return page(
    "Need admin approval",
    `<p>${escapeHtml(user.home?.user.upn ?? user.upn)}</p><p>${escapeHtml(appName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<form method="post" action="${escapeHtml(action)}">${hidden(ctx)}<input type="hidden" name="step" value="no_admin">
<input type="hidden" name="oid" value="${escapeHtml(user.oid)}"><button name="cancel" value="1">Return to the application without consenting</button></form>`,
  );
}

/** Microsoft's error page: a message, then the ids support asks for. Takes a string or an error body. */
export function errorPage(error) {
  if (typeof error === "string") return page("Sorry, but we're having trouble signing you in.", `<p>${escapeHtml(error)}</p>`);
  const [message] = error.error_description.split("\r\n");
  const details = `Request Id: ${error.trace_id}\nCorrelation Id: ${error.correlation_id}\nTimestamp: ${error.timestamp}\nMessage: ${message}`;
  return page(
    "Sorry, but we're having trouble signing you in.",
    `<p>${escapeHtml(message)}</p><p class="details">${escapeHtml(details)}</p>`,
  );
}
