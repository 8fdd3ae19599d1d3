/**
 * The admin panel's English and Finnish strings. They live in the lazily loaded chunk,
 * not in widget/i18n.ts, so that sign-in never downloads them; the language is chosen
 * exactly as the sign-in view chooses it (stringsFor).
 */
import { stringsFor } from "../i18n";
import type { AuditEvent, ConsentMethod } from "./admin-api";
import { peopleEn, peopleFi } from "./people/i18n";
import { originsEn, originsFi } from "./embed-origins/i18n";

const en = {
  loading: "Loading…",
  retry: "Try again",
  refused: "You are not an administrator of this organization.",
  refusedHint: "Sign in with an administrator's account, or ask an administrator of the organization to add you.",
  settings: "Organization settings",
  tabs: { integrations: "Integrations", requests: "Requests", users: "Users" } as Record<string, string>,
  pending: "pending",
  microsoft: "Microsoft integration",
  intro:
    "When the integration is active, new people from your Microsoft tenant join this organization automatically when they first sign in with Microsoft.",
  unavailable: "Not available on your license",
  unavailableWhy: {
    enterprise_required: (org: string, license: string) =>
      `The Microsoft integration needs the Enterprise license for business organizations, and ${org} is on the ${license} license.`,
  } as Record<string, (org: string, license: string) => string>,
  upgrade: "To use it, contact ThingLink to upgrade to the Enterprise license.",
  tenant: "Azure tenant ID",
  /** The tenant ID as the object of "Edit" (Finnish takes the partitive). */
  tenantObject: "Azure tenant ID",
  tenantHint: "A tenant ID (GUID) or a verified domain such as contoso.onmicrosoft.com",
  tenantWhere:
    "Where to find it: the Overview page of the Microsoft Entra admin center shows the Tenant ID. Or type your school's own domain (the part after @ in your Microsoft email).",
  entraCenter: "Microsoft Entra admin center",
  permissionsTitle: "What ThingLink asks Microsoft for, and why",
  permissionSignIn:
    "Sign people in and read their basic profile: name, email address and Microsoft account ID (openid, profile, email, User.Read).",
  permissionRoster:
    "Each new person's own School Data Sync role, student or teacher, read once when they first sign in (EduRoster.ReadBasic). Microsoft's consent page calls this “Read a limited subset of users' view of the roster”: ThingLink reads only the signing-up person's own role, never your roster.",
  permissionWhen:
    "Nothing is read about people who do not use ThingLink, and nothing is read from Microsoft after a person has signed up. People who ask to join later say themselves whether they are a student or a teacher, and you confirm it when you approve them.",
  permissionReview:
    "A Microsoft administrator can review or revoke these permissions at any time in the Microsoft Entra admin center: Enterprise applications → ThingLink → Permissions.",
  notConfigured: "Not configured",
  edit: "Edit",
  save: "Save changes",
  cancel: "Cancel",
  saving: "Saving…",
  saved: "Saved.",
  status: "Status",
  awaiting: "Awaiting consent",
  active: (date: string, name: string | null, how: string) => `Active since ${date}, ${name ? `by ${name}, ` : ""}${how}`,
  disabled: (date: string | null) => (date ? `Disabled since ${date}` : "Disabled"),
  lastError: (time: string, message: string) => `Last attempt, ${time}: ${message}`,
  noticed: (time: string, message: string) => `Noticed ${time}: ${message}`,
  how: {
    admin_consent: "admin consent",
    admin_link: "through the administrator link",
    sign_in_consent: "when the administrator signed in",
    support: "set up by ThingLink support",
  } as Record<ConsentMethod, string>,
  awaitingHelp:
    "Next, a Microsoft administrator of this tenant grants consent. If that is you, grant it now; otherwise send your Global Administrator the link below.",
  grant: "Grant consent now",
  grantOpened:
    "Microsoft's consent page opened in a new window. The status here updates when you have finished there; if you closed that window, press Grant consent now again.",
  grantBlocked: "The browser did not open a new window.",
  grantLink: "Open Microsoft's consent page",
  link: "Link for your Global Administrator",
  linkHelp:
    "Your tenant's Global Administrator needs no ThingLink account: the link shows them which organization asks before they consent.",
  createLink: "Create link",
  newLink: "Create a new link",
  linkRevokes: "Making a new link revokes the previous one.",
  copy: "Copy",
  copied: "Copied.",
  copyFailed: "Copying did not work: select the link and copy it yourself.",
  expires: (date: string) => `The link works until ${date}.`,
  disable: "Disable integration",
  enable: "Enable integration",
  confirmDisable: (org: string) =>
    `Disable the Microsoft integration? New people from your Microsoft tenant stop joining ${org} automatically until it is enabled again.`,
  confirmTenant:
    "Save this tenant? If it is not the one connected now, Sign in with Microsoft stops joining people to this organization until an administrator of the new tenant consents.",
  confirmYes: "Disable",
  confirmNo: "Keep it enabled",
  saveTenant: "Save tenant",
  activity: "Recent activity",
  when: "When",
  who: "Who",
  what: "What",
  noActivity: "No activity yet.",
  showMore: "Show more",
  actors: { support: "ThingLink support", system: "ThingLink", tenant_admin: "A Microsoft administrator", account: "Someone" } as Record<
    string,
    string
  >,
  actions: {
    "integration.tenant_set": (e) => `Set the Azure tenant ID${after(" to ", tenantOf(e))}`,
    "integration.consent_started": "Started Microsoft admin consent",
    "integration.consent_link_created": "Created a link for the Global Administrator",
    "integration.consent_failed": (e) => `Admin consent did not finish${after(": ", reasonOf(e))}`,
    "integration.activated": (e) => `Activated the integration${methodOf(e, en.how)}`,
    "integration.disabled": "Disabled the integration",
    "integration.enabled": "Enabled the integration",
    "embed_origins.updated": "Changed the embed origins",
    "embed_origin.verified": (e) =>
      `Proved ${typeof e.detail?.origin === "string" ? e.detail.origin : "a site"}${e.detail?.by === "support" ? " (ThingLink support)" : ""}`,
    "integration.cleared": "Cleared the Microsoft integration",
    "organization.created": "Created the organization",
    "organization.updated": "Changed the organization",
    "organization.admin_added": (e) => `Made ${e.targetName} an administrator`,
    "integration.consent_postponed": "Chose “Not now” when asked at sign-in",
    "integration.consent_missing": "Found consent for the whole organization missing",
    "join_request.created": "Asked to join",
    "join_request.cancelled": "Cancelled the request to join",
    "join_request.approved": (e) => `Approved ${e.targetName}’s request`,
    "join_request.rejected": (e) => `Rejected ${e.targetName}’s request`,
    "member.joined": (e) => `${e.targetName} joined at sign-up`,
    "member.added": (e) => `Added ${e.targetName}`,
    "member.updated": (e) => `Changed ${e.targetName}: ${changes(e, peopleEn)}`,
    "member.removed": (e) => `Removed ${e.targetName}`,
  } as Record<string, string | ((e: AuditEvent) => string)>,
};

export type AdminStrings = typeof en & typeof peopleEn & typeof originsEn & { code: string };

const fi: typeof en = {
  loading: "Ladataan…",
  retry: "Yritä uudelleen",
  refused: "Et ole tämän organisaation ylläpitäjä.",
  refusedHint: "Kirjaudu ylläpitäjän tilillä tai pyydä organisaation ylläpitäjää lisäämään sinut.",
  settings: "Organisaation asetukset",
  tabs: { integrations: "Integraatiot", requests: "Pyynnöt", users: "Käyttäjät" },
  pending: "odottaa",
  microsoft: "Microsoft-integraatio",
  intro:
    "Kun integraatio on käytössä, Microsoft-vuokraajasi uudet käyttäjät liittyvät tähän organisaatioon automaattisesti kirjautuessaan ensimmäisen kerran Microsoft-tilillä.",
  unavailable: "Ei saatavilla lisenssilläsi",
  unavailableWhy: {
    enterprise_required: (org, license) =>
      `Yritysorganisaatiot tarvitsevat Microsoft-integraatioon Enterprise-lisenssin, ja organisaation ${org} lisenssi on ${license}.`,
  },
  upgrade: "Ota yhteyttä ThingLinkiin, niin lisenssisi päivitetään Enterprise-tasoon.",
  tenant: "Azure-vuokraajan tunnus",
  tenantObject: "Azure-vuokraajan tunnusta",
  tenantHint: "Vuokraajan tunnus (GUID) tai vahvistettu toimialue, kuten contoso.onmicrosoft.com",
  tenantWhere:
    "Mistä sen löytää: Microsoft Entra -hallintakeskuksen Yleiskatsaus-sivulla näkyy vuokraajan tunnus. Voit myös kirjoittaa koulusi oman toimialueen (Microsoft-sähköpostiosoitteesi @-merkin jälkeinen osa).",
  entraCenter: "Microsoft Entra -hallintakeskus",
  permissionsTitle: "Mitä ThingLink pyytää Microsoftilta ja miksi",
  permissionSignIn:
    "Käyttäjien kirjaaminen sisään ja heidän perustietojensa lukeminen: nimi, sähköpostiosoite ja Microsoft-tilin tunnus (openid, profile, email, User.Read).",
  permissionRoster:
    "Jokaisen uuden käyttäjän oma School Data Sync -rooli, oppilas tai opettaja, luetaan kerran ensimmäisellä kirjautumisella (EduRoster.ReadBasic). Microsoftin suostumussivulla tämä on ”Lue rajattu osa käyttäjien näkymästä luetteloon”: ThingLink lukee vain rekisteröityvän henkilön oman roolin eikä koskaan luetteloanne.",
  permissionWhen:
    "Henkilöistä, jotka eivät käytä ThingLinkiä, ei lueta mitään, eikä Microsoftilta lueta mitään käyttäjän rekisteröitymisen jälkeen. Myöhemmin liittymistä pyytävät kertovat itse, ovatko oppilaita vai opettajia, ja vahvistat sen hyväksyessäsi heidät.",
  permissionReview:
    "Microsoft-järjestelmänvalvoja voi tarkistaa tai perua nämä oikeudet milloin tahansa Microsoft Entra -hallintakeskuksessa: Yrityssovellukset → ThingLink → Käyttöoikeudet.",
  notConfigured: "Ei määritetty",
  edit: "Muokkaa",
  save: "Tallenna muutokset",
  cancel: "Peruuta",
  saving: "Tallennetaan…",
  saved: "Tallennettu.",
  status: "Tila",
  awaiting: "Odottaa suostumusta",
  active: (date, name, how) => `Käytössä ${date} alkaen, ${name ? `hyväksyjä ${name}, ` : ""}${how}`,
  disabled: (date) => (date ? `Poistettu käytöstä ${date} alkaen` : "Poistettu käytöstä"),
  lastError: (time, message) => `Edellinen yritys, ${time}: ${message}`,
  noticed: (time, message) => `Havaittu ${time}: ${message}`,
  how: {
    admin_consent: "järjestelmänvalvojan suostumuksella",
    admin_link: "järjestelmänvalvojan linkin kautta",
    sign_in_consent: "järjestelmänvalvojan kirjautuessa",
    support: "ThingLinkin tuen käyttöön ottamana",
  },
  awaitingHelp:
    "Seuraavaksi vuokraajan Microsoft-järjestelmänvalvoja antaa suostumuksen. Jos se olet sinä, anna suostumus nyt; muuten lähetä alla oleva linkki yleiselle järjestelmänvalvojallesi.",
  grant: "Anna suostumus nyt",
  grantOpened:
    "Microsoftin suostumussivu avautui uuteen ikkunaan. Tila päivittyy tähän, kun olet valmis siellä; jos suljit ikkunan, paina Anna suostumus nyt uudelleen.",
  grantBlocked: "Selain ei avannut uutta ikkunaa.",
  grantLink: "Avaa Microsoftin suostumussivu",
  link: "Linkki yleiselle järjestelmänvalvojalle",
  linkHelp:
    "Vuokraajasi yleinen järjestelmänvalvoja ei tarvitse ThingLink-tiliä: linkki näyttää, mikä organisaatio pyytää, ennen kuin hän antaa suostumuksen.",
  createLink: "Luo linkki",
  newLink: "Luo uusi linkki",
  linkRevokes: "Uuden linkin luominen mitätöi edellisen.",
  copy: "Kopioi",
  copied: "Kopioitu.",
  copyFailed: "Kopiointi ei onnistunut: valitse linkki ja kopioi se itse.",
  expires: (date) => `Linkki toimii ${date} asti.`,
  disable: "Poista integraatio käytöstä",
  enable: "Ota integraatio käyttöön",
  confirmDisable: (org) =>
    `Poistetaanko Microsoft-integraatio käytöstä? Microsoft-vuokraajasi uudet käyttäjät eivät enää liity organisaatioon ${org} automaattisesti, ennen kuin integraatio otetaan taas käyttöön.`,
  confirmTenant:
    "Tallennetaanko vuokraaja? Jos se ei ole nyt liitetty vuokraaja, Microsoft-kirjautuminen lakkaa liittämästä käyttäjiä tähän organisaatioon, kunnes uuden vuokraajan ylläpitäjä antaa suostumuksen.",
  confirmYes: "Poista käytöstä",
  confirmNo: "Pidä käytössä",
  saveTenant: "Tallenna vuokraaja",
  activity: "Viimeaikaiset tapahtumat",
  when: "Milloin",
  who: "Kuka",
  what: "Mitä",
  noActivity: "Ei tapahtumia vielä.",
  showMore: "Näytä lisää",
  actors: { support: "ThingLinkin tuki", system: "ThingLink", tenant_admin: "Microsoft-järjestelmänvalvoja", account: "Joku" },
  actions: {
    "integration.tenant_set": (e) => `Asetti Azure-vuokraajan tunnukseksi ${tenantOf(e) ?? "uuden arvon"}`,
    "integration.consent_started": "Aloitti Microsoftin järjestelmänvalvojan suostumuksen",
    "integration.consent_link_created": "Loi linkin yleiselle järjestelmänvalvojalle",
    "integration.consent_failed": (e) => `Järjestelmänvalvojan suostumus jäi kesken${after(": ", reasonOf(e))}`,
    "integration.activated": (e) => `Otti integraation käyttöön${methodOf(e, fi.how)}`,
    "integration.disabled": "Poisti integraation käytöstä",
    "integration.enabled": "Otti integraation uudelleen käyttöön",
    "embed_origins.updated": "Muutti upotussivustoja",
    "embed_origin.verified": (e) =>
      `Todensi sivuston ${typeof e.detail?.origin === "string" ? e.detail.origin : ""}${e.detail?.by === "support" ? " (ThingLinkin tuki)" : ""}`,
    "integration.cleared": "Tyhjensi Microsoft-integraation",
    "organization.created": "Loi organisaation",
    "organization.updated": "Muutti organisaation tietoja",
    "organization.admin_added": (e) => `Teki käyttäjästä ${e.targetName} ylläpitäjän`,
    "integration.consent_postponed": "Valitsi kirjautuessaan ”Ei nyt”",
    "integration.consent_missing": "Havaitsi, että koko organisaation suostumus puuttuu",
    "join_request.created": "Pyysi liittyä",
    "join_request.cancelled": "Perui liittymispyynnön",
    "join_request.approved": (e) => `Hyväksyi pyynnön: ${e.targetName}`,
    "join_request.rejected": (e) => `Hylkäsi pyynnön: ${e.targetName}`,
    "member.joined": (e) => `${e.targetName} liittyi kirjautuessaan`,
    "member.added": (e) => `Lisäsi: ${e.targetName}`,
    "member.updated": (e) => `Muutti: ${e.targetName}, ${changes(e, peopleFi)}`,
    "member.removed": (e) => `Poisti: ${e.targetName}`,
  },
};

const after = (prefix: string, text: string | null | undefined) => (text ? prefix + text : "");

/** A member change as the Users tab names it: "Teacher", "Admin". */
const changes = (e: AuditEvent, t: typeof peopleEn) => {
  const d = e.detail as { role?: string; accountType?: string } | null;
  return [d?.role && t.roles[d.role], d?.accountType && t.types[d.accountType]].filter(Boolean).join(", ");
};

/** The tenant as the admin typed it, with the GUID it resolved to when that differs. */
const tenantOf = (e: AuditEvent) => {
  const input = e.detail?.input as string | undefined;
  return input && e.target && input.toLowerCase() !== e.target ? `${input} (${e.target})` : (e.target ?? input);
};
/** Why a consent did not finish: the API words it in the panel's language (Accept-Language). */
const reasonOf = (e: AuditEvent) => (e.detail?.message ?? e.detail?.reason) as string | undefined;
const methodOf = (e: AuditEvent, how: Record<string, string>) => {
  const method = e.detail?.method as string | undefined;
  return method ? ` (${how[method] ?? method})` : "";
};

const chosen: Record<string, AdminStrings> = {};

/** One object per language, so that passing it down does not look like a change to Lit. */
export function adminStringsFor(locale: string | undefined): AdminStrings {
  const code = stringsFor(locale).code;
  return (chosen[code] ??= { ...(code === "fi" ? { ...fi, ...peopleFi, ...originsFi } : { ...en, ...peopleEn, ...originsEn }), code });
}

/** What to tell the admin: the API's message (in the panel's language: Accept-Language), or the browser's own. */
export function errorText(t: AdminStrings, err: unknown): string {
  const { code = "", message = String(err) } = (err ?? {}) as { code?: string; message?: string };
  return stringsFor(t.code).errors[code] ?? message;
}

/** A consent's last failure: English keeps the worker's full sentence; Finnish says it by code where it can. */

export const formatDate = (t: AdminStrings, iso: string, withTime = true) =>
  new Date(iso).toLocaleString(t.code, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
