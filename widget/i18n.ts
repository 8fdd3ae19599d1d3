/** English and Finnish strings. Error messages are keyed by the worker's error codes. */
const en = {
  code: "en",
  signIn: "Sign in with Microsoft",
  signOut: "Sign out",
  signedInAs: "Signed in as",
  waiting: "Continue in the Microsoft window…",
  cancel: "Cancel",
  checking: "Checking your sign-in…",
  notFinished: "Sign-in was not finished.",
  errors: {
    sign_in_cancelled: "Signing in with Microsoft was cancelled.",
    consent_declined: "You declined the permissions ThingLink asked for, so signing in did not finish.",
    admin_approval_required: "Your organization needs an administrator to approve ThingLink before you can sign in. Ask your IT administrator.",
    account_not_in_tenant: "This Microsoft account does not belong to the organization you tried to sign in to. Sign in with your school or work account.",
    microsoft_unavailable: "Microsoft sign-in is not answering right now. Please try again in a minute.",
    rate_limited: "Too many attempts. Please wait a moment and try again.",
    network: "Could not reach the sign-in service. Check your connection and try again.",
  } as Record<string, string>,
};

type Strings = typeof en;

const fi: Strings = {
  code: "fi",
  signIn: "Kirjaudu Microsoft-tilillä",
  signOut: "Kirjaudu ulos",
  signedInAs: "Kirjautuneena",
  waiting: "Jatka Microsoftin ikkunassa…",
  cancel: "Peruuta",
  checking: "Tarkistetaan kirjautumista…",
  notFinished: "Kirjautuminen jäi kesken.",
  errors: {
    sign_in_cancelled: "Microsoft-kirjautuminen peruttiin.",
    consent_declined: "Et hyväksynyt ThingLinkin pyytämiä oikeuksia, joten kirjautuminen keskeytyi.",
    admin_approval_required: "Organisaatiosi ylläpitäjän on hyväksyttävä ThingLink ennen kuin voit kirjautua. Ota yhteyttä IT-tukeen.",
    account_not_in_tenant: "Tämä Microsoft-tili ei kuulu organisaatioon, johon yritit kirjautua. Kirjaudu koulu- tai työtililläsi.",
    microsoft_unavailable: "Microsoftin kirjautumispalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
    rate_limited: "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
    network: "Kirjautumispalveluun ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.",
    sign_in_failed: "Microsoftin vastausta ei voitu varmistaa, joten kirjautuminen ei onnistunut. Yritä uudelleen.",
    flow_not_found: "Kirjautumista ei voitu viedä loppuun. Yritä uudelleen.",
    access_denied: "Microsoft ei päästänyt tätä kirjautumista läpi. Yritä uudelleen tai kysy IT-ylläpitäjältä.",
    microsoft_error: "Microsoft ei voinut kirjata sinua sisään. Yritä uudelleen.",
    misconfigured: "ThingLinkin Microsoft-kirjautumisen asetuksissa on vikaa. Ota yhteyttä ThingLinkin tukeen.",
    internal_error: "Palvelussamme tapahtui virhe. Yritä uudelleen.",
    handoff_code_mismatch: "Kirjautuminen viimeisteltiin toisessa selaimessa, joten sitä ei luovutettu tälle sivulle. Kirjaudu uudelleen.",
  },
};

export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang || document.documentElement.lang || navigator.language || "en").toLowerCase();
  return tag.startsWith("fi") ? fi : en;
}

export type { Strings };
