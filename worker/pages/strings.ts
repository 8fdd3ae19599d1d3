/**
 * What the worker's own pages say, in English and Finnish: the widget passes its
 * language along (`lang`), so the popup and any error page speak the same language.
 * Error messages are in error-messages.ts; a page words a few of them its own way (pageErrors).
 */
import type { Context } from "hono";
import { codeOf, errorMessage, type ErrorCode, type PlainErrorKey } from "../error-messages";
import { langOf, type Lang } from "../lang";

export { langOf, type Lang };

const en = {
  htmlLang: "en",
  signingIn: "Signing in with Microsoft…",
  connecting: "Connecting to the page that opened this window…",
  continuesInPage: "Signing in continues in the page you came from. This window closes by itself.",
  cannotContinue: "This window cannot continue the sign-in. Close it and use the Sign in button on the page instead.",
  /** The title above cannotContinue: nothing is signing in any more. */
  notHere: "Signing in does not continue here",
  signedInAs: (name: string) => `Signed in as ${name}`,
  signedInClosing: "You are signed in. This window closes by itself; if it does not, you can close it.",
  notSignedIn: "You are not signed in",
  somethingWrong: "Something is not right",
  close: "Close this window",
  canClose: "You can close this window.",
  tryAgain: "Try again",
  reference: "Reference",
  consentTitle: "Connect Microsoft to ThingLink",
  consentActive: (org: string) => `Sign in with Microsoft is now active for ${org}`,
  consentActiveBody: "New people from your Microsoft tenant will join the organization when they first sign in.",
  consentNotFinished: "The Microsoft integration is not active yet",
  linkNoLongerWorks: "This link no longer works",
  consentAlreadyActive: (org: string) => `Sign in with Microsoft is already active for ${org}`,
  consentAlreadyActiveBody: "Nothing more is needed from you: the tenant is connected. You can close this window.",
  /** Where a page words an error otherwise than the API: a person followed a link, and needs no field names. */
  pageErrors: {
    invalid_request: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_form: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_return_to: "This sign-in was started from a page that may not use ThingLink sign-in.",
  },
};

const fi: typeof en = {
  htmlLang: "fi",
  signingIn: "Kirjaudutaan Microsoft-tilillä…",
  connecting: "Yhdistetään sivuun, joka avasi tämän ikkunan…",
  continuesInPage: "Kirjautuminen jatkuu sivulla, jolta tulit. Tämä ikkuna sulkeutuu itsestään.",
  cannotContinue: "Tässä ikkunassa kirjautumista ei voi jatkaa. Sulje ikkuna ja käytä sivun Kirjaudu-painiketta.",
  notHere: "Kirjautuminen ei jatku tässä",
  signedInAs: (name: string) => `Kirjautuneena: ${name}`,
  signedInClosing: "Olet kirjautunut sisään. Tämä ikkuna sulkeutuu itsestään; jos ei, voit sulkea sen.",
  notSignedIn: "Et ole kirjautunut sisään",
  somethingWrong: "Jokin meni vikaan",
  close: "Sulje ikkuna",
  canClose: "Voit sulkea tämän ikkunan.",
  tryAgain: "Yritä uudelleen",
  reference: "Viite",
  consentTitle: "Yhdistä Microsoft ThingLinkiin",
  consentActive: (org: string) => `Microsoft-kirjautuminen on nyt käytössä: ${org}`,
  consentActiveBody: "Microsoft-vuokraajasi uudet käyttäjät liittyvät organisaatioon ensimmäisellä kirjautumisellaan.",
  consentNotFinished: "Microsoft-integraatio ei ole vielä käytössä",
  linkNoLongerWorks: "Tämä linkki ei ole enää voimassa",
  consentAlreadyActive: (org: string) => `Microsoft-kirjautuminen on jo käytössä: ${org}`,
  consentAlreadyActiveBody: "Sinulta ei tarvita enää mitään: vuokraaja on yhdistetty. Voit sulkea tämän ikkunan.",
  pageErrors: {
    invalid_request: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    invalid_form: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    invalid_return_to: "Kirjautuminen aloitettiin sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
  },
};

const STRINGS: Record<Lang, typeof en> = { en, fi };

/** An explicit `lang` wins; otherwise the browser's first preference we speak. */
export function pageLang(c: Context, explicit?: string | null): Lang {
  const chosen = langOf(explicit);
  if (chosen) return chosen;
  for (const part of (c.req.header("accept-language") ?? "").split(",")) {
    const lang = langOf(part.split(";")[0]);
    if (lang) return lang;
  }
  return "en";
}

export function strings(lang: Lang) {
  return STRINGS[lang];
}

/** What a page says for an error: its page wording where it has one, its own words (in this language) otherwise. */
export function pageErrorText(lang: Lang, code: ErrorCode, words: string): string {
  const pageWording: Partial<Record<ErrorCode, string>> = STRINGS[lang].pageErrors;
  return pageWording[code] ?? words;
}

/** A flow's failure, as its page says it. */
export function failureText(lang: Lang, key: PlainErrorKey): string {
  return pageErrorText(lang, codeOf(key), errorMessage(lang, key));
}
