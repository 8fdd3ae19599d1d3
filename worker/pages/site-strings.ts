/**
 * Why a site's proof failed, in the admin's language. Stored as a code on the origin
 * (storage/embed-origins.ts); worded here, where it is shown.
 */
import type { SiteProofFailure } from "../integration/site-proof";
import type { Lang } from "./strings";

export type SiteCheckError = SiteProofFailure | "origin_taken";

const en: Record<SiteCheckError, (path: string, status?: number) => string> = {
  unreachable: (path) => `The site could not be reached over https to read ${path}.`,
  timeout: (path) => `The site did not answer ${path} within 5 seconds.`,
  redirected: (path, status) =>
    `The site answered ${path} with a redirect (${status}). Serve the file itself there: redirects are not followed.`,
  not_found: (path, status) => `The site has no ${path} (it answered ${status}).`,
  http_error: (path, status) => `The site answered ${path} with ${status} instead of the file.`,
  too_large: (path) => `${path} on the site is larger than 4 KB: it should hold the token line only.`,
  token_missing: (path) => `${path} on the site does not hold this organization's token on a line of its own.`,
  origin_taken: () => "Another ThingLink organization has already proven this site. Contact ThingLink support if it is yours.",
};

const fi: typeof en = {
  unreachable: (path) => `Sivustoon ei saatu https-yhteyttä tiedoston ${path} lukemiseksi.`,
  timeout: (path) => `Sivusto ei vastannut pyyntöön ${path} 5 sekunnissa.`,
  redirected: (path, status) =>
    `Sivusto vastasi pyyntöön ${path} uudelleenohjauksella (${status}). Tarjoa tiedosto itse siinä osoitteessa: uudelleenohjauksia ei seurata.`,
  not_found: (path, status) => `Sivustolla ei ole tiedostoa ${path} (vastaus ${status}).`,
  http_error: (path, status) => `Sivusto vastasi pyyntöön ${path} koodilla ${status} tiedoston sijaan.`,
  too_large: (path) => `Sivuston ${path} on yli 4 kt: siinä pitäisi olla vain tunnusrivi.`,
  token_missing: (path) => `Sivuston tiedostossa ${path} ei ole tämän organisaation tunnusta omalla rivillään.`,
  origin_taken: () => "Toinen ThingLink-organisaatio on jo todentanut tämän sivuston. Ota yhteyttä ThingLinkin tukeen, jos se on teidän.",
};

export function siteCheckText(lang: Lang, code: string, path: string, status?: number): string {
  const say = (lang === "fi" ? fi : en)[code as SiteCheckError];
  return say ? say(path, status) : code;
}
