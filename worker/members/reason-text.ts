/**
 * Why a member has their account type, in the admin's language. The reason is kept in
 * English as it was decided (account-type.ts, graph.ts, roster.ts, people.ts): the Users
 * tab asks in Finnish too (Accept-Language), so each English form has its Finnish one here.
 * test/unit/reason-text.test.ts holds every English form the code makes to this table.
 */
import type { Lang } from "../pages/strings";

const HOW: Record<string, string> = {
  "Added by an organization admin": "Ylläpitäjä lisäsi",
  "Joined by request": "Liittyi pyynnöstä",
};

const FI: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Business organization$/, () => "Yritysorganisaatio"],
  [/^Set by an organization admin$/, () => "Ylläpitäjän asettama"],
  [
    /^Joined without a School Data Sync reading \(it is read at the next sign-in\)$/,
    () => "Liittyi ilman School Data Sync -tietoa (se luetaan seuraavalla kirjautumisella)",
  ],
  [
    /^(.+); School Data Sync is read at their next sign-in$/,
    (m) => `${HOW[m[1]] ?? m[1]}; School Data Sync -tieto luetaan seuraavalla kirjautumisella`,
  ],
  [/^School Data Sync primaryRole: (.+)$/, (m) => `School Data Syncin rooli: ${m[1]}`],
  [/^No School Data Sync role \(primaryRole: (.+)\)$/, (m) => `Ei School Data Sync -roolia (primaryRole: ${m[1]})`],
  [/^Microsoft Graph did not answer within (\S+) s$/, (m) => `Microsoft Graph ei vastannut ${m[1]} sekunnissa`],
  [/^Microsoft Graph could not be reached$/, () => "Microsoft Graphiin ei saatu yhteyttä"],
  [/^Microsoft Graph was busy \(429\)$/, () => "Microsoft Graph oli ruuhkautunut (429)"],
  [/^Microsoft Graph refused the roster read \(403\)$/, () => "Microsoft Graph ei sallinut roolin lukemista (403)"],
  [/^No School Data Sync data \(Graph (\d+)\)$/, (m) => `Ei School Data Sync -tietoja (Graph ${m[1]})`],
  [/^Microsoft Graph answered (\d+)$/, (m) => `Microsoft Graph vastasi ${m[1]}`],
  [/^A different Microsoft account answered the roster read$/, () => "Roolin lukemiseen vastasi eri Microsoft-tili"],
  [/^Microsoft sent no access token for the roster read$/, () => "Microsoft ei antanut käyttöoikeustunnusta roolin lukemiseen"],
  [/^Microsoft could not be reached for the roster read$/, () => "Microsoftiin ei saatu yhteyttä roolin lukemista varten"],
  [
    /^Microsoft did not grant the roster read silently \((.+)\)$/,
    (m) => `Microsoft ei sallinut roolin lukemista ilman kysymystä (${m[1]})`,
  ],
];

export function accountTypeReasonText(lang: Lang, reason: string | null): string | null {
  if (lang === "en" || !reason) return reason;
  for (const [pattern, say] of FI) {
    const m = reason.match(pattern);
    if (m) return say(m);
  }
  return reason;
}
