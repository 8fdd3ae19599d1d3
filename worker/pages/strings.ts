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
  errors: {
    invalid_request: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_form: "This sign-in link is incomplete or not valid. Please start again from the page you came from.",
    invalid_return_to: "This sign-in was started from a page that may not use ThingLink sign-in.",
    link_invalid: "It has expired, a newer one was made, or the settings changed. Ask the administrator who sent it for a new link.",
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
  errors: {
    invalid_request: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    consent_declined_admin: "Suostumusta ei annettu, joten integraatio ei ole käytössä.",
    tenant_consent_missing:
      "Microsoft pyytää jokaiselta uudelta henkilöltä suostumuksen, eikä School Data Sync -rooleja voi lukea: koko organisaation suostumus puuttuu. Vuokraajan Microsoft-järjestelmänvalvoja voi antaa sen nyt.",
    consent_not_granted: "Microsoft ei ilmoittanut suostumuksen antamisesta.",
    consent_cancelled: "Microsoftin kirjautuminen peruttiin ennen kuin keneltäkään kysyttiin, joten mikään ei muuttunut.",
    proof_invalid: "Microsoftin vastausta ylläpitäjän kirjautumiseen ei voitu varmistaa. Yritä uudelleen.",
    proof_replayed: "Tämä ylläpitäjän kirjautuminen oli jo käytetty. Aloita uudelleen.",
    consent_postponed:
      "Microsoft-ylläpitäjä valitsi kirjautuessaan ”Ei nyt”. Häneltä kysytään uudelleen vuorokauden kuluttua; voit myös lähettää hänelle linkin.",
    not_admin:
      "Kirjautunut henkilö ei ole kyseisen Microsoft-vuokraajan ylläpitäjä (yleinen järjestelmänvalvoja, etuoikeutettujen roolien, pilvisovellusten tai sovellusten järjestelmänvalvoja). Lähetä yleiselle järjestelmänvalvojallesi Integraatiot-välilehden linkki (Linkki yleiselle järjestelmänvalvojalle). Jos ylläpitäjän roolisi on Privileged Identity Managementissa vain käyttöoikeutettu (eligible), aktivoi se ensin ja yritä uudelleen: Microsoft ilmoittaa vain aktiiviset roolit.",
    ticket_invalid:
      "Tämä suostumussivu on vanhentunut (se toimii 10 minuuttia) tai jo käytetty. Aloita uudelleen hallintapaneelista valitsemalla Anna suostumus nyt.",
    not_org_admin:
      "Vain organisaation kirjautunut ylläpitäjä voi antaa suostumuksen sen hallintapaneelista. Kirjaudu uudelleen ja aloita hallintapaneelista.",
    origin_taken: "Toinen organisaatio on jo todentanut tämän sivuston.",
    origin_not_listed: "Tämä sivusto ei ole organisaation upotusosoitteiden listalla: lisää se ensin listaan.",
    wrong_tenant:
      "Kirjautunut henkilö kuuluu toiseen Microsoft-vuokraajaan kuin annettuun. Kirjaudu kyseisen vuokraajan ylläpitäjän tilillä.",
    roles_not_sent:
      "Microsoft ei lähettänyt ylläpitäjän rooleja (wids-väite). Aseta sovelluksen rekisteröinnin manifestissa groupMembershipClaims sisältämään DirectoryRole ja yritä uudelleen.",
    tenant_taken: "Tämä Microsoft-vuokraaja on jo käytössä toisella ThingLink-organisaatiolla. Ota yhteyttä ThingLinkin tukeen.",
    link_invalid:
      "Se on vanhentunut, tilalle on tehty uusi tai asetukset ovat muuttuneet. Pyydä linkin lähettäneeltä ylläpitäjältä uusi linkki.",
    consent_not_pending: "Tälle organisaatiolle ei odoteta suostumusta juuri nyt.",
    invalid_form: "Tämä kirjautumislinkki on puutteellinen tai virheellinen. Aloita uudelleen sivulta, jolta tulit.",
    invalid_return_to: "Kirjautuminen aloitettiin sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
    flow_not_found:
      "Kirjautumista ei voi viedä loppuun tässä selaimessa: se aloitettiin muualla tai yli 10 minuuttia sitten. Aloita uudelleen sivulta, jolta tulit.",
    sign_in_failed: "Microsoftin vastausta ei voitu varmistaa, joten kirjautuminen ei onnistunut. Yritä uudelleen.",
    sign_in_replayed: "Tämä kirjautuminen on jo käytetty. Aloita uudelleen.",
    sign_in_cancelled: "Microsoft-kirjautuminen peruttiin.",
    consent_declined: "Et hyväksynyt ThingLinkin pyytämiä oikeuksia, joten kirjautuminen keskeytyi. Yritä uudelleen ja valitse Hyväksy.",
    admin_approval_required:
      "Organisaatiosi ylläpitäjän on hyväksyttävä ThingLink ennen kuin voit kirjautua. Pyydä IT-ylläpitäjää antamaan suostumus ja yritä sitten uudelleen.",
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
    handoff_code_mismatch: "Kirjautuminen viimeisteltiin toisessa selaimessa, joten sitä ei luovutettu tälle sivulle. Kirjaudu uudelleen.",
    site_not_for_account:
      "Tämä sivusto on toisen organisaation käyttäjille. Kirjaudu siellä, missä oma organisaatiosi käyttää ThingLinkiä.",
    not_signed_in: "Kirjaudu ensin sisään.",
    // The admin panel and the join prompt (the API speaks the widget's language: Accept-Language).
    unknown_tenant: "Microsoft ei tunne tätä vuokraajaa. Tarkista tunnus tai toimialue.",
    invalid_tenant_id: "Tämä ei ole vuokraajan tunnus (GUID) eikä vahvistettu toimialue.",
    integration_unavailable: "Microsoft-integraatio ei ole saatavilla tämän organisaation lisenssillä.",
    last_admin: "Tämä on organisaation ainoa ylläpitäjä: tee ensin joku muu ylläpitäjäksi.",
    member_not_found: "Tämä käyttäjä ei ole (enää) organisaation jäsen.",
    no_tenant:
      "Liitä ensin organisaation Microsoft-vuokraaja (Integraatiot): sen käyttäjät näkyvät ja heitä voi lisätä, kun integraatio on käytössä.",
    not_joinable: "Voit pyytää liittymistä vain organisaatioon, johon Microsoft-vuokraajasi on liitetty.",
    no_pending_request: "Sinulla ei ole odottavaa liittymispyyntöä.",
    already_member: "Olet jo tämän organisaation jäsen.",
    request_pending_elsewhere: "Olet jo pyytänyt liittymistä toiseen organisaatioon. Peru se pyyntö ensin.",
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

/** Page wording that does not fit an API answer (a validation message names its field in English). */
const PAGE_ONLY = new Set(["invalid_request", "invalid_form"]);

/** An API error's message in the caller's language (Accept-Language); the thrower's English otherwise. */
export function apiErrorText(lang: Lang, code: string, english: string): string {
  return lang === "en" || PAGE_ONLY.has(code) ? english : (STRINGS[lang].errors[code] ?? english);
}

/** Why an admin consent did not finish, said to the admin (a decline is theirs, not a sign-in's). */
export const consentReasonText = (lang: Lang, code: string, english: string) =>
  errorText(lang, code === "consent_declined" ? "consent_declined_admin" : code, english);
