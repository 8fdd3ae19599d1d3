// The host page's own script: listens to the widget's events. No inline script is needed.
const sso = document.getElementById("sso");
const log = document.getElementById("log");
const identity = document.getElementById("identity");
document.getElementById("here").textContent = location.origin;

const lang = new URLSearchParams(location.search).get("lang");
if (lang) sso.setAttribute("lang", lang);
// The language link always offers the other language: Finnish from English, and back.
if (lang === "fi") {
  const link = document.getElementById("lang-link");
  link.href = "/";
  link.lang = "en";
  link.textContent = "In English";
}

function entry(text) {
  const li = document.createElement("li");
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  log.prepend(li);
}

function decode(jwt) {
  const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

sso.addEventListener("thinglink-sso-signed-in", (e) => {
  entry(`signed in: ${e.detail.account.displayName}${e.detail.restored ? " (session restored)" : ""}`);
  identity.textContent = JSON.stringify(
    { account: e.detail.account, organization: e.detail.organization, assertion: decode(e.detail.assertion) },
    null,
    2,
  );
});
sso.addEventListener("thinglink-sso-signed-out", (e) => {
  entry(`signed out (${e.detail.reason})`);
  identity.textContent = "(not signed in)";
});
sso.addEventListener("thinglink-sso-error", (e) => entry(`error ${e.detail.code}: ${e.detail.message}`));
sso.addEventListener("thinglink-sso-join-requested", (e) => entry(`asked to join organization ${e.detail.organizationId}`));
