/**
 * Why a member has their account type, kept on the membership as a code (`code` or
 * `code:detail`, such as `sds_role:teacher`) and worded when an admin reads it, in their
 * language. Finnish is typed from English: a reason without Finnish words does not compile.
 * Rows from before reasons were codes hold English sentences; those are shown as they are.
 */
import type { Lang } from "./lang";

const en = {
  business: () => "Business organization",
  set_by_admin: () => "Set by an organization admin",
  made_admin_by_support: () => "Made an organization admin by ThingLink support",
  joined_unread: () => "Joined without a School Data Sync reading",
  added_by_admin: () => "Added by an organization admin",
  joined_by_request: () => "Joined by request, without saying student or teacher",
  asked_in_request: () => "As asked in the request to join",
  changed_on_approval: () => "Set by the admin who approved the request",
  sds_role: (role: string) => `School Data Sync primaryRole: ${role}`,
  no_sds_role: (role: string) => `No School Data Sync role (primaryRole: ${role})`,
  graph_timeout: (seconds: string) => `Microsoft Graph did not answer within ${seconds} s`,
  graph_unreachable: () => "Microsoft Graph could not be reached",
  graph_busy: () => "Microsoft Graph was busy (429)",
  graph_refused: () => "Microsoft Graph refused the roster read (403)",
  no_sds_data: (status: string) => `No School Data Sync data (Graph ${status})`,
  graph_status: (status: string) => `Microsoft Graph answered ${status}`,
  roster_other_account: () => "A different Microsoft account answered the roster read",
  roster_no_token: () => "Microsoft sent no access token for the roster read",
  roster_unreachable: () => "Microsoft could not be reached for the roster read",
  roster_not_silent: (error: string) => `Microsoft did not grant the roster read silently (${error})`,
};

export type ReasonCode = keyof typeof en;

const fi: { [C in ReasonCode]: (typeof en)[C] } = {
  business: () => "Yritysorganisaatio",
  set_by_admin: () => "Ylläpitäjän asettama",
  made_admin_by_support: () => "ThingLinkin tuki teki ylläpitäjäksi",
  joined_unread: () => "Liittyi ilman School Data Sync -tietoa",
  added_by_admin: () => "Ylläpitäjä lisäsi",
  joined_by_request: () => "Liittyi pyynnöstä kertomatta, onko oppilas vai opettaja",
  asked_in_request: () => "Kuten liittymispyynnössä pyydettiin",
  changed_on_approval: () => "Pyynnön hyväksyneen ylläpitäjän asettama",
  sds_role: (role) => `School Data Syncin rooli: ${role}`,
  no_sds_role: (role) => `Ei School Data Sync -roolia (primaryRole: ${role})`,
  graph_timeout: (seconds) => `Microsoft Graph ei vastannut ${seconds} sekunnissa`,
  graph_unreachable: () => "Microsoft Graphiin ei saatu yhteyttä",
  graph_busy: () => "Microsoft Graph oli ruuhkautunut (429)",
  graph_refused: () => "Microsoft Graph ei sallinut roolin lukemista (403)",
  no_sds_data: (status) => `Ei School Data Sync -tietoja (Graph ${status})`,
  graph_status: (status) => `Microsoft Graph vastasi ${status}`,
  roster_other_account: () => "Roolin lukemiseen vastasi eri Microsoft-tili",
  roster_no_token: () => "Microsoft ei antanut käyttöoikeustunnusta roolin lukemiseen",
  roster_unreachable: () => "Microsoftiin ei saatu yhteyttä roolin lukemista varten",
  roster_not_silent: (error) => `Microsoft ei sallinut roolin lukemista ilman kysymystä (${error})`,
};

const WORDS: Record<Lang, { [C in ReasonCode]: (detail: string) => string }> = { en, fi };

/** A reason as it is stored: its code, and the detail its words need (a role, a status). */
export type AccountTypeReason = ReasonCode | `${ReasonCode}:${string}`;

export function reason(code: ReasonCode, detail?: string | number): AccountTypeReason {
  return detail === undefined ? code : `${code}:${detail}`;
}

/** A stored reason in the admin's language; null stays null, and an older English sentence is shown as it is. */
export function reasonText(lang: Lang, stored: string | null): string | null {
  if (!stored) return stored;
  const at = stored.indexOf(":");
  const code = at < 0 ? stored : stored.slice(0, at);
  if (!Object.hasOwn(en, code)) return stored;
  return WORDS[lang][code as ReasonCode](at < 0 ? "" : stored.slice(at + 1));
}
