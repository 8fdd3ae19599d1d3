/**
 * What the worker's own pages say, in English and Finnish: the widget passes its
 * language along (`lang`), so the popup and any error page speak the same language.
 * Error texts are keyed by the stable error code; English comes from the thrower.
 */
import type { Context } from "hono";

export type Lang = "en" | "fi";

const en = {
  htmlLang: "en",
  signingIn: "Signing in with Microsoft…",
  connecting: "Connecting to the page that opened this window…",
  continuesInPage: "Signing in continues in the page you came from. This window closes by itself.",
  cannotContinue: "This window cannot continue the sign-in. Close it and use the Sign in button on the page instead.",
  signedInAs: (name: string) => `Signed in as ${name}`,
  signedInClosing: "You are signed in. This window closes by itself; if it does not, you can close it.",
  notSignedIn: "You are not signed in",
  somethingWrong: "Something is not right",
  close: "Close this window",
  tryAgain: "Try again",
  reference: "Reference",
  errors: {
    invalid_request: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_form: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_return_to: "This sign-in was started from a page that may not use ThingLink sign-in.",
  } as Record<string, string>,
};

const fi: typeof en = {
  htmlLang: "fi",
  signingIn: "Kirjaudutaan Microsoft-tilillä…",
  connecting: "Yhdistetään sivuun, joka avasi tämän ikkunan…",
  continuesInPage: "Kirjautuminen jatkuu sivulla, jolta tulit. Tämä ikkuna sulkeutuu itsestään.",
  cannotContinue: "Tässä ikkunassa kirjautumista ei voi jatkaa. Sulje ikkuna ja käytä sivun Kirjaudu-painiketta.",
  signedInAs: (name: string) => `Kirjautuneena: ${name}`,
  signedInClosing: "Olet kirjautunut sisään. Tämä ikkuna sulkeutuu itsestään; jos ei, voit sulkea sen.",
  notSignedIn: "Et ole kirjautunut sisään",
  somethingWrong: "Jokin meni vikaan",
  close: "Sulje ikkuna",
  tryAgain: "Yritä uudelleen",
  reference: "Viite",
  errors: {
    invalid_request: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    invalid_form: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    invalid_return_to: "Kirjautuminen aloitettiin sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
    flow_not_found: "Kirjautumista ei voi viedä loppuun tässä selaimessa: se aloitettiin muualla tai yli 10 minuuttia sitten. Aloita uudelleen sivulta, jolta tulit.",
    sign_in_failed: "Microsoftin vastausta ei voitu varmistaa, joten kirjautuminen ei onnistunut. Yritä uudelleen.",
    sign_in_replayed: "Tämä kirjautuminen on jo käytetty. Aloita uudelleen.",
    sign_in_cancelled: "Microsoft-kirjautuminen peruttiin.",
    consent_declined: "Et hyväksynyt ThingLinkin pyytämiä oikeuksia, joten kirjautuminen keskeytyi. Yritä uudelleen ja valitse Hyväksy.",
    admin_approval_required: "Organisaatiosi ylläpitäjän on hyväksyttävä ThingLink ennen kuin voit kirjautua. Pyydä IT-ylläpitäjää antamaan suostumus ja yritä sitten uudelleen.",
    account_not_in_tenant: "Tämä Microsoft-tili ei kuulu organisaatioon, johon yritit kirjautua. Kirjaudu koulu- tai työtililläsi.",
    microsoft_unavailable: "Microsoftin kirjautumispalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
    misconfigured: "ThingLinkin Microsoft-kirjautumisen asetuksissa on vikaa. Ota yhteyttä ThingLinkin tukeen.",
    access_denied: "Microsoft ei päästänyt tätä kirjautumista läpi. Yritä uudelleen tai kysy IT-ylläpitäjältä.",
    microsoft_error: "Microsoft ei voinut kirjata sinua sisään. Yritä uudelleen.",
    invalid_callback: "Microsoftin vastaus oli puutteellinen. Yritä uudelleen.",
    internal_error: "Palvelussamme tapahtui virhe kirjautumisen aikana. Yritä uudelleen.",
    rate_limited: "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
    forbidden_origin: "Pyyntö tuli sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
    fallback_needs_post: "Tämä kirjautuminen on aloitettava sivulta itseltään. Palaa sivulle ja valitse Kirjaudu.",
  },
};

const STRINGS: Record<Lang, typeof en> = { en, fi };

export function langOf(value: string | undefined | null): Lang | undefined {
  const tag = value?.trim().toLowerCase();
  if (!tag) return undefined;
  return tag.startsWith("fi") ? "fi" : tag.startsWith("en") ? "en" : undefined;
}

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

/** The message for an error code in this language; English as the thrower worded it otherwise. */
export function errorText(lang: Lang, code: string, english: string): string {
  return (lang === "en" ? en.errors[code] : STRINGS[lang].errors[code]) ?? english;
}
