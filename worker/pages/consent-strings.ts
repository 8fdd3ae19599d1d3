/**
 * What the consent pages tell a Microsoft administrator, in English and Finnish: which
 * ThingLink organization asks, for which tenant, who asked, and what ThingLink will be
 * allowed to read. Nothing goes to Microsoft before a person has read this.
 */
import type { Lang } from "./strings";

/** Where a Microsoft administrator reviews or revokes what ThingLink was granted. */
export const ENTRA_ADMIN_CENTER = "https://entra.microsoft.com";

const en = {
  askTitle: (org: string, tenant: string) => `${org} asks to connect the Microsoft tenant ${tenant} to ThingLink`,
  outsiderTitle: "Check who is asking.",
  outsider: (name: string, org: string) =>
    `${name} does not sign in with an account of this tenant. Connect only if ${org} is your own organization: once it is connected, new people from your tenant join it when they first sign in.`,
  severalTitle: (n: number) => `${n} ThingLink organizations ask for this tenant.`,
  several: "Only one can have it, and the first one connected keeps it. Connect only your own.",
  tenantLine: "Microsoft tenant",
  askedBy: "Asked by",
  askedByValue: (name: string, org: string) => `${name}, an administrator of ${org} in ThingLink`,
  askedByUnknown: (org: string) => `an administrator of ${org} in ThingLink`,
  requestedTitle: "What ThingLink asks for",
  permissions: {
    signIn:
      "Sign people in and read their basic profile: name, email address and Microsoft account ID (openid, profile, email, User.Read).",
    roster:
      "Read each new person’s own School Data Sync role — student or teacher — once, when they first sign in (EduRoster.ReadBasic). Microsoft’s page calls this “Read a limited subset of users’ view of the roster”; ThingLink reads only the signing-up person’s own role and never the roster.",
  },
  whenRead: "Nothing is read about people who do not use ThingLink, and nothing is read from Microsoft after a person has signed up.",
  review:
    "A Microsoft administrator can review or revoke these permissions at any time in the Microsoft Entra admin center: Enterprise applications → ThingLink → Permissions.",
  linkBody:
    "As an administrator of this Microsoft tenant you can grant ThingLink consent for the whole tenant. Continue to Microsoft: sign in there with your administrator account and accept; ThingLink then checks with Microsoft that you are an administrator of this tenant. You do not need a ThingLink account.",
  continueToMicrosoft: "Continue to Microsoft",
  notYou: "If you do not know this organization, close this window: nothing changes.",
  ticketTitle: "This page continues only in the admin panel",
  ticketBody: (who: string) =>
    `It goes on to Microsoft only in the browser of ${who}, who asked for it in ThingLink’s admin panel, and only once. Nothing has been sent to Microsoft.`,
  ticketNext: (who: string, org: string) =>
    `If you are a Microsoft administrator of this tenant and ${org} is your organization, ask ${who} for the “Link for your Global Administrator” in the Integrations tab: it shows you this same information, then goes to Microsoft. If you do not know ${org}, close this window: nothing changes.`,
  ticketYourself: "If you asked for it yourself, go back to the admin panel and choose Grant consent now.",
  someone: "the administrator",
  connectBody: (tenant: string) =>
    `You are an administrator of the Microsoft tenant ${tenant}, and a ThingLink organization asks to connect to it. If it is yours, connect it: Microsoft then asks you to grant consent for the whole tenant, and new people from your tenant join the organization automatically.`,
  connect: (org: string) => `Connect ${org}`,
  skip: "Not now, just sign me in",
  later: "Not now signs you in and does not ask again for a day. Your ThingLink administrator can also send you a link.",
  closeWindow: "You can close this window.",
};

const fi: typeof en = {
  askTitle: (org: string, tenant: string) => `${org} pyytää yhdistämään Microsoft-vuokraajan ${tenant} ThingLinkiin`,
  outsiderTitle: "Tarkista, kuka pyytää.",
  outsider: (name: string, org: string) =>
    `${name} ei kirjaudu tämän vuokraajan tilillä. Yhdistä vain, jos ${org} on oma organisaatiosi: kun se on yhdistetty, vuokraajasi uudet käyttäjät liittyvät siihen ensimmäisellä kirjautumisellaan.`,
  severalTitle: (n: number) => `${n} ThingLink-organisaatiota pyytää tätä vuokraajaa.`,
  several: "Vain yksi voi saada sen, ja ensimmäisenä yhdistetty pitää sen. Yhdistä vain omanne.",
  tenantLine: "Microsoft-vuokraaja",
  askedBy: "Pyytäjä",
  askedByValue: (name: string, org: string) => `${name}, organisaation ${org} ylläpitäjä ThingLinkissä`,
  askedByUnknown: (org: string) => `organisaation ${org} ylläpitäjä ThingLinkissä`,
  requestedTitle: "Mitä ThingLink pyytää",
  permissions: {
    signIn:
      "Käyttäjien kirjaaminen sisään ja heidän perustietojensa lukeminen: nimi, sähköpostiosoite ja Microsoft-tilin tunnus (openid, profile, email, User.Read).",
    roster:
      "Jokaisen uuden käyttäjän oman School Data Sync -roolin – oppilas tai opettaja – lukeminen kerran, ensimmäisellä kirjautumisella (EduRoster.ReadBasic). Microsoftin sivulla tämä on ”Lue rajattu osa käyttäjien näkymästä luetteloon”; ThingLink lukee vain rekisteröityvän henkilön oman roolin eikä koskaan luetteloa.",
  },
  whenRead:
    "Henkilöistä, jotka eivät käytä ThingLinkiä, ei lueta mitään, eikä Microsoftilta lueta mitään käyttäjän rekisteröitymisen jälkeen.",
  review:
    "Microsoft-järjestelmänvalvoja voi tarkistaa tai perua nämä oikeudet milloin tahansa Microsoft Entra -hallintakeskuksessa: Yrityssovellukset → ThingLink → Käyttöoikeudet.",
  linkBody:
    "Tämän Microsoft-vuokraajan ylläpitäjänä voit antaa ThingLinkille suostumuksen koko vuokraajan puolesta. Jatka Microsoftiin: kirjaudu siellä ylläpitäjän tililläsi ja hyväksy; ThingLink tarkistaa sen jälkeen Microsoftilta, että olet tämän vuokraajan ylläpitäjä. ThingLink-tiliä ei tarvita.",
  continueToMicrosoft: "Jatka Microsoftiin",
  notYou: "Jos et tunne tätä organisaatiota, sulje ikkuna: mikään ei muutu.",
  ticketTitle: "Tämä sivu jatkuu vain hallintapaneelista",
  ticketBody: (who: string) =>
    `Se jatkuu Microsoftiin vain käyttäjän ${who} selaimessa, joka pyysi sitä ThingLinkin hallintapaneelissa, ja vain kerran. Microsoftille ei ole lähetetty mitään.`,
  ticketNext: (who: string, org: string) =>
    `Jos olet tämän vuokraajan Microsoft-järjestelmänvalvoja ja ${org} on organisaatiosi, pyydä käyttäjältä ${who} Integraatiot-välilehden ”Linkki yleiselle järjestelmänvalvojalle”: se näyttää nämä samat tiedot ja jatkaa sitten Microsoftiin. Jos et tunne organisaatiota ${org}, sulje ikkuna: mikään ei muutu.`,
  ticketYourself: "Jos pyysit sitä itse, palaa hallintapaneeliin ja valitse Anna suostumus nyt.",
  someone: "ylläpitäjä",
  connectBody: (tenant: string) =>
    `Olet Microsoft-vuokraajan ${tenant} ylläpitäjä, ja ThingLink-organisaatio pyytää yhdistämistä siihen. Jos se on teidän, yhdistä se: Microsoft pyytää sen jälkeen suostumustasi koko vuokraajan puolesta, ja vuokraajasi uudet käyttäjät liittyvät organisaatioon automaattisesti.`,
  connect: (org: string) => `Yhdistä ${org}`,
  skip: "Ei nyt, kirjaa minut vain sisään",
  later: "”Ei nyt” kirjaa sinut sisään eikä kysy uudelleen vuorokauteen. ThingLink-ylläpitäjäsi voi myös lähettää sinulle linkin.",
  closeWindow: "Voit sulkea tämän ikkunan.",
};

export function consentStrings(lang: Lang) {
  return lang === "fi" ? fi : en;
}
