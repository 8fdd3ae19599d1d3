/** English and Finnish strings. Error messages are keyed by the worker's error codes. */
const en = {
  signIn: "Sign in with Microsoft",
  signOut: "Sign out",
  signedInAs: "Signed in as",
  waiting: "Finish signing in in the Microsoft window…",
  cancel: "Cancel",
  checking: "Checking your sign-in…",
  popupBlocked: "The sign-in window was blocked, so we are taking you to Microsoft in this tab.",
  errors: {
    sign_in_cancelled: "Signing in with Microsoft was cancelled.",
    consent_declined: "You declined the permissions ThingLink asked for, so signing in did not finish.",
    admin_approval_required: "Your organization needs an administrator to approve ThingLink before you can sign in. Ask your IT administrator.",
    microsoft_unavailable: "Microsoft sign-in is not answering right now. Please try again in a minute.",
    network: "Could not reach the sign-in service. Check your connection and try again.",
    timeout: "Signing in took too long. Please try again.",
  } as Record<string, string>,
};

type Strings = typeof en;

const fi: Strings = {
  signIn: "Kirjaudu Microsoft-tilillä",
  signOut: "Kirjaudu ulos",
  signedInAs: "Kirjautuneena",
  waiting: "Viimeistele kirjautuminen Microsoftin ikkunassa…",
  cancel: "Peruuta",
  checking: "Tarkistetaan kirjautumista…",
  popupBlocked: "Kirjautumisikkuna estettiin, joten siirryt Microsoftin kirjautumiseen tällä välilehdellä.",
  errors: {
    sign_in_cancelled: "Microsoft-kirjautuminen peruttiin.",
    consent_declined: "Et hyväksynyt ThingLinkin pyytämiä oikeuksia, joten kirjautuminen keskeytyi.",
    admin_approval_required: "Organisaatiosi ylläpitäjän on hyväksyttävä ThingLink ennen kuin voit kirjautua. Ota yhteyttä IT-tukeen.",
    microsoft_unavailable: "Microsoftin kirjautumispalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
    network: "Kirjautumispalveluun ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.",
    timeout: "Kirjautuminen kesti liian kauan. Yritä uudelleen.",
  },
};

export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang || document.documentElement.lang || navigator.language || "en").toLowerCase();
  return tag.startsWith("fi") ? fi : en;
}

export type { Strings };
