// The Organization page's own script: picks the organization (?org=<slug>, default westbrook)
// and the language (?lang=fi) for the admin panel. No inline script is needed.
const params = new URLSearchParams(location.search);
const org = params.get("org") || "westbrook";
const lang = params.get("lang");
const admin = document.getElementById("admin");
admin.setAttribute("org", org);
if (lang) admin.setAttribute("lang", lang);

// Keep the chosen language on the organization links, and mark the current one; the page is
// titled after the organization shown (it is one host page for every demo organization).
for (const link of document.querySelectorAll("#orgs a")) {
  if (lang) link.search = `?org=${link.dataset.org}&lang=${lang}`;
  if (link.dataset.org !== org) continue;
  link.setAttribute("aria-current", "page");
  document.querySelector("h1").textContent = `${link.textContent} — LMS`;
  document.title = `${link.textContent} — thinglink-sso demo`;
}
// An organization not in the list is still asked for (its admins may know its slug or id);
// the panel says whether the signed-in person administers it.
if (!document.querySelector("#orgs a[aria-current]")) document.querySelector("h1").textContent = `Organization “${org}” — LMS`;
// The language link offers the other language for the same organization.
const langLink = document.getElementById("lang-link");
langLink.search = lang === "fi" ? `?org=${org}` : `?org=${org}&lang=fi`;
if (lang === "fi") {
  langLink.lang = "en";
  langLink.textContent = "In English";
}
