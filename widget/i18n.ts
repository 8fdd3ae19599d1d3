/** English and Finnish strings. The worker's error messages come in the widget's language (Accept-Language). */
const en = {
  code: "en",
  signIn: "Sign in with Microsoft",
  signOut: "Sign out",
  signedInAs: "Signed in as",
  waiting: "Continue in the Microsoft window…",
  cancel: "Cancel",
  checking: "Checking your sign-in…",
  notFinished: "Sign-in was not finished.",
  // Only what happens in the browser: the worker words its own errors in this language.
  errors: { network: "Could not reach the sign-in service. Check your connection and try again." } as Record<string, string>,
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
  errors: { network: "Kirjautumispalveluun ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen." },
};

export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang || document.documentElement.lang || navigator.language || "en").toLowerCase();
  return tag.startsWith("fi") ? fi : en;
}

export type { Strings };
