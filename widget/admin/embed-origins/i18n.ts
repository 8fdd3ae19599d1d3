/**
 * The embed origins section's strings, merged into the panel's strings by adminStringsFor.
 * How a site proves it is the organization's: docs/security.md, "Who owns a site".
 */
export const originsEn = {
  origins: "Embed origins",
  originsHint:
    "Your own sites where ThingLink sign-in may run for your people, such as your learning platform: one https:// origin per line, for example https://lms.example.edu. A site counts only once it is proven.",
  saveOrigins: "Save origins",
  originList: "Your sites",
  noOrigins: "No sites listed.",
  verified: "Proven",
  verifiedBySupport: "Proven (approved by ThingLink support)",
  pendingOrigin: "Not proven yet, so sign-in does not run there",
  checkNow: "Check now",
  checking: "Checking…",
  checked: (origin: string) => `${origin} is proven.`,
  lastCheck: (date: string, why: string) => `Last check ${date}: ${why}`,
  proveHow: (path: string) =>
    `To prove a site, serve this line as plain text at https://<your site>${path}, then choose Check now. (Or ask ThingLink support to approve it.)`,
  token: "Your organization's line",
};

export const originsFi: typeof originsEn = {
  origins: "Upotussivustot",
  originsHint:
    "Omat sivustonne, joilla ThingLink-kirjautuminen saa toimia käyttäjillenne, kuten oppimisalusta: yksi https://-osoite riviä kohden, esimerkiksi https://lms.example.edu. Sivusto otetaan huomioon vasta, kun se on todennettu.",
  saveOrigins: "Tallenna sivustot",
  originList: "Sivustonne",
  noOrigins: "Ei sivustoja.",
  verified: "Todennettu",
  verifiedBySupport: "Todennettu (ThingLinkin tuki hyväksyi)",
  pendingOrigin: "Ei vielä todennettu, joten kirjautuminen ei toimi siellä",
  checkNow: "Tarkista nyt",
  checking: "Tarkistetaan…",
  checked: (origin: string) => `${origin} on todennettu.`,
  lastCheck: (date: string, why: string) => `Viimeisin tarkistus ${date}: ${why}`,
  proveHow: (path: string) =>
    `Todenna sivusto julkaisemalla tämä rivi tekstinä osoitteessa https://<sivustonne>${path} ja valitse Tarkista nyt. (Tai pyydä ThingLinkin tukea hyväksymään se.)`,
  token: "Organisaationne rivi",
};
