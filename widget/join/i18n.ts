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
  /** A school asks; the admin who approves confirms it or changes it. */
  iAm: "I am a",
  types: { student: "student", teacher: "teacher" },
  chooseType: "Choose whether you are a student or a teacher.",
  pending: (org: string, as?: string) => `Your request to join ${org}${as ? ` as a ${as}` : ""} is waiting for an administrator.`,
  cancelRequest: "Cancel request",
  approved: (org: string) => `You joined ${org}.`,
  rejected: (org: string) => `An administrator of ${org} did not approve your request.`,
  /** Hides a decision once read (on every device). */
  seen: "OK",
  seenLabel: "OK, hide this message",
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
  iAm: "Olen",
  types: { student: "oppilas", teacher: "opettaja" },
  chooseType: "Valitse, oletko oppilas vai opettaja.",
  pending: (org, as) => `Pyyntösi liittyä organisaatioon ${org}${as ? ` (${as})` : ""} odottaa ylläpitäjän hyväksyntää.`,
  cancelRequest: "Peru pyyntö",
  approved: (org) => `Liityit organisaatioon ${org}.`,
  rejected: (org) => `Organisaation ${org} ylläpitäjä ei hyväksynyt pyyntöäsi.`,
  seen: "OK",
  seenLabel: "OK, piilota tämä viesti",
  dismiss: "Emme kysy uudelleen 30 päivään millään laitteellasi.",
  cancel: "Pyyntösi peruttiin.",
  // The refusals a person can meet here (a stale prompt, a request cancelled in another tab); the
  // rarer ones (already a member, a request pending at another organization) keep the API's words.
};

export function joinStringsFor(locale: string | undefined): JoinStrings {
  const code = stringsFor(locale).code;
  return { ...(code === "fi" ? fi : en), code };
}
