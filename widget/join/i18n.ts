/**
 * The join prompt's English and Finnish strings. They live in its lazily loaded chunk, not in
 * widget/i18n.ts, so that sign-in never downloads them; the language is chosen exactly as the
 * sign-in view chooses it (stringsFor).
 */
import { stringsFor } from "../i18n";

const en = {
  ask: (org: string) => `${org} uses ThingLink. Ask to join it?`,
  moves: (from: string, to: string) => `You are now in ${from}; joining moves your account to ${to}.`,
  request: "Request to join",
  notNow: "Not now",
  pending: (org: string) => `Your request to join ${org} is waiting for an administrator.`,
  cancelRequest: "Cancel request",
  approved: (org: string) => `You joined ${org}.`,
  rejected: (org: string) => `An administrator of ${org} did not approve your request.`,
  /** After Not now, and after Cancel request. */
  dismiss: "We will not ask again for 30 days, on any of your devices.",
  cancel: "Your request was cancelled.",
};

export type JoinStrings = typeof en & { code: string };

const fi: typeof en = {
  ask: (org) => `${org} käyttää ThingLinkiä. Haluatko pyytää liittymistä?`,
  moves: (from, to) => `Olet nyt organisaatiossa ${from}; liittyminen siirtää tilisi organisaatioon ${to}.`,
  request: "Pyydä liittymistä",
  notNow: "Ei nyt",
  pending: (org) => `Pyyntösi liittyä organisaatioon ${org} odottaa ylläpitäjän hyväksyntää.`,
  cancelRequest: "Peru pyyntö",
  approved: (org) => `Liityit organisaatioon ${org}.`,
  rejected: (org) => `Organisaation ${org} ylläpitäjä ei hyväksynyt pyyntöäsi.`,
  dismiss: "Emme kysy uudelleen 30 päivään millään laitteellasi.",
  cancel: "Pyyntösi peruttiin.",
  // The refusals a person can meet here (a stale prompt, a request cancelled in another tab); the
  // rarer ones (already a member, a request pending at another organization) keep the API's words.
};

export function joinStringsFor(locale: string | undefined): JoinStrings {
  const code = stringsFor(locale).code;
  return { ...(code === "fi" ? fi : en), code };
}
