/**
 * Every error a person can meet, by key, with its words in English and Finnish
 * (docs/architecture.md, "Errors and words"). The key's part before a dot is the wire
 * `code` (`not_found.route` answers `not_found`): variants of one code can say different
 * things. Finnish is typed from English, so a key without Finnish words, or Finnish words
 * that take other parameters, does not compile.
 */
import type { Lang } from "./lang";

const SUPPORT = "Contact ThingLink support to resolve it.";
const TAKEN = "This Microsoft tenant is already connected to another ThingLink organization.";
const ORIGIN_EXAMPLE = "https://lms.example.edu";

/** Which part of a request did not validate (its problem names the field, in English: it is for developers). */
export type InputPart = "query" | "request body" | "sign-in request" | "report" | "consent" | "answer";

/** Where a site's proof was looked for, and what the site answered. */
interface SiteCheck {
  path: string;
  status?: number;
}

const en = {
  // Requests and routes
  not_found: "There is no such organization, or you are not a member of it.",
  "not_found.route": (p: { method: string; path: string }) => `No route for ${p.method} ${p.path}.`,
  "not_found.organization": "There is no such organization.",
  "not_found.account": "There is no such account.",
  "not_found.webhook_endpoint": "There is no such webhook endpoint.",
  method_not_allowed: (p: { path: string; allowed: string[]; method: string }) =>
    `${p.path} takes ${p.allowed.join(" or ")}, not ${p.method}.`,
  invalid_request: (p: { what: InputPart; problem: string }) => `Invalid ${p.what}: ${p.problem}.`,
  "invalid_request.http": "The request could not be understood.",
  "invalid_request.cursor": "Invalid query: cursor is not valid.",
  "invalid_request.event_cursor":
    "Invalid query: after names no event that is still kept (events are kept 30 days); read the feed from its start instead.",
  "invalid_request.webhook_url": "Invalid request body: url is not a URL.",
  "invalid_request.webhook_url_scheme":
    "Invalid request body: url must start with https:// (or http:// to localhost, 127.0.0.1 or [::1], for development).",
  "invalid_request.webhook_url_credentials":
    "Invalid request body: url must not carry a user name or password; a receiver checks each delivery's signature instead.",
  "invalid_request.webhook_url_self": "Invalid request body: url must not point at this service itself.",
  "invalid_request.same_request_twice": "Invalid request body: decisions name the same request twice.",
  "invalid_request.no_change": "Invalid request body: give accountType, role or both.",
  "invalid_request.slug": "Invalid request body: slug must be lower-case letters, digits and single hyphens (and not look like an id).",
  "invalid_request.handoff_missing": "A popup sign-in needs the widget's handoff value.",
  invalid_json: "The request body must be JSON.",
  invalid_form: "The request body must be a form.",
  unsupported_media_type: "Send the request body as JSON, with Content-Type: application/json.",
  payload_too_large: (p: { kb: number }) => `The request body is larger than ${p.kb} KB.`,
  rate_limited: (p: { what: "sign-in" | "sign-in status" | "consent" | "join" | "change" }) =>
    `Too many ${p.what} requests. Please wait a moment and try again.`,
  not_signed_in: "Please sign in first.",
  forbidden: "Only administrators of this organization can do this.",
  unauthorized: "A valid support token is required.",
  "unauthorized.not_configured": "The support API is not configured on this deployment.",
  forbidden_origin: "This request came from a page that is not allowed to use ThingLink sign-in.",
  "forbidden_origin.not_returning": "This sign-in must be started by the page it returns to.",
  internal_error: "Something went wrong on our side. Please try again in a moment.",
  "internal_error.sign_in": "Something went wrong on our side while signing you in. Please try again.",
  service_unavailable: "The service is briefly unavailable. Please try again in a moment.",
  unhealthy: "The database is not answering.",
  misconfigured: "ThingLink's Microsoft sign-in is not set up correctly. Please contact ThingLink support.",
  "misconfigured.config": (p: { problem: string }) => p.problem,

  // Signing in
  invalid_return_to: "return_to must be a path on this site or a page on an origin allowed to embed ThingLink sign-in.",
  fallback_needs_post: "A sign-in for an embedding page must be started by that page (a form POST), not by a link.",
  handoff_mismatch: "This sign-in window does not belong to the page that opened it. Close it and start again.",
  handoff_origin_mismatch: "This sign-in was started for another site.",
  handoff_code_mismatch: "This sign-in was finished in another browser, so it was not handed to this page. Please sign in again.",
  popup_no_opener: "The sign-in window lost its connection to the page; continuing in the page.",
  flow_not_found:
    "This sign-in cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Please start again from the page you came from.",
  "flow_not_found.consent":
    "This consent cannot be finished in this browser: it was started somewhere else, or more than 10 minutes ago. Start again from the admin panel or the link.",
  sign_in_replayed: "This sign-in was already used. Please start again.",
  sign_in_failed: "We could not verify Microsoft's answer, so you were not signed in. Please try again.",
  "sign_in_failed.provider": "Microsoft sign-in could not be completed. Please try again.",
  invalid_callback: "Microsoft's answer was incomplete. Please try again.",
  sign_in_cancelled: "Signing in with Microsoft was cancelled.",
  consent_declined:
    "You declined the permissions ThingLink asked for, so signing in did not finish. Try again and choose Accept to continue.",
  admin_approval_required:
    "Your organization needs an administrator to approve ThingLink before you can sign in. Ask your IT administrator to grant consent, then try again.",
  account_not_in_tenant:
    "This Microsoft account does not belong to the organization you tried to sign in to. Sign in with your school or work account.",
  microsoft_unavailable: "Microsoft sign-in is having trouble right now. Please try again in a minute.",
  "microsoft_unavailable.no_answer": "Microsoft sign-in is not answering right now. Please try again in a minute.",
  access_denied: "Microsoft did not let this sign-in through. Try again, or ask your IT administrator.",
  microsoft_error: "Microsoft could not sign you in. Please try again.",
  site_not_for_account: "This site is for another organization's people. Sign in where your own organization uses ThingLink.",

  // Admin consent and the integration
  "consent_declined.admin": "Consent was declined at Microsoft, so the integration is not active.",
  consent_cancelled: "Microsoft's sign-in was cancelled before anyone was asked, so nothing changed.",
  consent_not_granted: "Microsoft did not report a granted consent.",
  consent_postponed:
    "A Microsoft administrator of the tenant chose “Not now” when asked at sign-in. They are asked again after a day; you can also send them a link.",
  consent_not_pending: "Enter and save the tenant ID first: the integration is not waiting for consent.",
  "consent_not_pending.any_more":
    "This organization is not waiting for consent for that tenant any more (the tenant ID changed, or it is already active).",
  tenant_consent_missing:
    "Microsoft asks each new person to consent, and School Data Sync roles cannot be read: consent for the whole organization is missing. A Microsoft administrator of the tenant can grant it now.",
  not_admin:
    "The person who signed in is not an administrator of that Microsoft tenant (Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator). Send your Global Administrator the link from the Integrations tab (Link for your Global Administrator). If your administrator role is only eligible in Privileged Identity Management, activate it first and try again: Microsoft reports only active roles.",
  wrong_tenant:
    "The person who signed in belongs to another Microsoft tenant than the one entered. Sign in with an administrator account of that tenant.",
  roles_not_sent:
    "Microsoft did not send the administrator's roles (the wids claim). In the app registration's manifest, set groupMembershipClaims to include DirectoryRole, then try again.",
  proof_invalid: "Microsoft's answer to the administrator's sign-in could not be verified. Please try again.",
  proof_replayed: "This administrator sign-in was already used. Please start again.",
  link_invalid: "It has expired, a newer one was made, or the settings changed. Ask the administrator who sent it for a new link.",
  ticket_invalid:
    "This consent page has expired (it works for 10 minutes) or was already used. Start again from the admin panel with Grant consent now.",
  not_org_admin:
    "The ThingLink admin who started this consent is no longer an administrator of the organization, so nothing was activated.",
  "not_org_admin.ticket": (p: { org: string }) =>
    `Only a signed-in administrator of ${p.org} can grant consent from its admin panel. Sign in again and start from the admin panel.`,
  tenant_taken: `${TAKEN} ${SUPPORT}`,
  "tenant_taken.now": `This Microsoft tenant is now connected to another ThingLink organization. ${SUPPORT}`,
  "tenant_taken.support": `${TAKEN} Clear that organization's integration first (DELETE …/integration).`,
  integration_unavailable: (p: { org: string; license: string }) =>
    `Sign in with Microsoft for a business organization needs the Enterprise license; ${p.org} is on the ${p.license} license. Contact ThingLink to upgrade.`,
  nothing_to_change: "The integration is not disabled.",
  "nothing_to_change.not_configured": "There is no configured integration to disable.",
  invalid_tenant_id:
    "Enter a tenant ID (a GUID such as 6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f) or a verified domain such as contoso.onmicrosoft.com.",
  "invalid_tenant_id.word": (p: { value: string }) =>
    `"${p.value}" is not a tenant: enter your organization's own tenant ID (a GUID) or one of its verified domains.`,
  "invalid_tenant_id.personal": "That is the tenant of personal Microsoft accounts, not an organization's tenant.",
  "invalid_tenant_id.not_one": (p: { value: string }) =>
    `"${p.value}" does not name one organization's tenant. Enter your organization's own tenant ID or verified domain.`,
  "invalid_tenant_id.domain": (p: { value: string }) =>
    `"${p.value}" is a domain: support links a tenant by its tenant ID (a GUID). The customer's Microsoft administrator finds it in the Microsoft Entra admin center, Overview, Tenant ID.`,
  unknown_tenant: (p: { tenant: string }) =>
    `Microsoft does not know the tenant "${p.tenant}" (AADSTS90002). Check the tenant ID or domain in the Microsoft Entra admin center.`,

  // Sites (embed origins)
  "invalid_origin.no_scheme": (p: { input: string; suggestion: string }) => `"${p.input}" needs https:// in front: ${p.suggestion}.`,
  "invalid_origin.not_web": (p: { input: string }) => `"${p.input}" is not a web address: enter one such as ${ORIGIN_EXAMPLE}.`,
  "invalid_origin.http": (p: { input: string }) =>
    `"${p.input}" must start with https:// (pages served over plain http cannot be trusted with sign-in).`,
  "invalid_origin.credentials": (p: { input: string }) => `"${p.input}" must not contain a user name or password.`,
  "invalid_origin.wildcard": (p: { input: string }) =>
    `"${p.input}" cannot be a wildcard: list each site on its own, such as ${ORIGIN_EXAMPLE}.`,
  "invalid_origin.trailing_dot": (p: { input: string; suggestion: string }) =>
    `"${p.input}" must not end with a dot (enter it as ${p.suggestion}).`,
  "invalid_origin.address": (p: { input: string }) => `"${p.input}" must be a site name such as ${ORIGIN_EXAMPLE}, not an IP address.`,
  "invalid_origin.not_public": (p: { input: string }) =>
    `"${p.input}" is not a public site name (it needs a domain such as ${ORIGIN_EXAMPLE}).`,
  "invalid_origin.own": (p: { input: string }) => `"${p.input}" is ThingLink's own address, not a site of your organization.`,
  "invalid_origin.path": (p: { input: string; suggestion: string }) =>
    `"${p.input}" has more than a site in it: enter only the origin, such as ${p.suggestion}, without a path, query or #.`,
  origin_not_listed: (p: { origin: string }) => `${p.origin} is not one of this organization's embed origins: add it to the list first.`,
  origin_taken: (p: { origin: string }) => `Another organization has already proven ${p.origin}.`,
  // A site's proof (the route answers origin_not_proven; the panel shows the stored check the same way).
  "origin_not_proven.unreachable": (p: SiteCheck) => `The site could not be reached over https to read ${p.path}.`,
  "origin_not_proven.timeout": (p: SiteCheck) => `The site did not answer ${p.path} within 5 seconds.`,
  "origin_not_proven.redirected": (p: SiteCheck) =>
    `The site answered ${p.path} with a redirect (${p.status}). Serve the file itself there: redirects are not followed.`,
  "origin_not_proven.not_found": (p: SiteCheck) => `The site has no ${p.path} (it answered ${p.status}).`,
  "origin_not_proven.http_error": (p: SiteCheck) => `The site answered ${p.path} with ${p.status} instead of the file.`,
  "origin_not_proven.too_large": (p: SiteCheck) => `${p.path} on the site is larger than 4 KB: it should hold the token line only.`,
  "origin_not_proven.token_missing": (p: SiteCheck) =>
    `${p.path} on the site does not hold this organization's token on a line of its own.`,
  "origin_not_proven.origin_taken": (_: SiteCheck) =>
    "Another ThingLink organization has already proven this site. Contact ThingLink support if it is yours.",

  // People
  no_tenant:
    "Connect the organization's Microsoft tenant first (Integrations): its people are listed and added once the integration is active.",
  member_not_found: "That account is not a member of this organization (any more).",
  last_admin: "This is the organization's last admin: make someone else an admin first.",
  "last_admin.elsewhere": (p: { org: string }) => `This account is the only admin of ${p.org}: make someone else an admin there first.`,
  "last_admin.joining": (p: { current: string; org: string }) =>
    `You are the only admin of ${p.current}: make someone else an admin there first, then ask to join ${p.org}.`,
  invalid_account_type: (p: { kind: "education" | "business"; allowed: string[] }) =>
    `In ${p.kind === "education" ? "an education" : "a business"} organization the account type is ${p.allowed.join(" or ")}.`,
  slug_taken: (p: { slug: string }) => `The slug "${p.slug}" is already used by another organization.`,
  not_joinable: "You can ask to join only the organization your Microsoft tenant is connected to.",
  already_member: "You are already a member of this organization.",
  request_pending_elsewhere: (p: { org: string }) => `You already asked to join ${p.org}. Cancel that request first.`,
  no_pending_request: "You have no pending request to join an organization.",
  no_decided_request: "You have no decided request to join with this id.",
};

/** Every key; the wire code is the part before a dot. */
export type ErrorKey = keyof typeof en;
export const ERROR_KEYS = Object.keys(en) as ErrorKey[];
type CodeOf<K> = K extends `${infer C}.${string}` ? C : K;
export type ErrorCode = CodeOf<ErrorKey>;

/** What a key's words need: nothing, or one object of parameters. */
export type ErrorParams<K extends ErrorKey> = (typeof en)[K] extends (p: infer P) => string ? P : undefined;
/** The keys whose words take no parameters: these can be stored and worded later. */
export type PlainErrorKey = { [K in ErrorKey]: ErrorParams<K> extends undefined ? K : never }[ErrorKey];

type Wording = { [K in ErrorKey]: (typeof en)[K] extends (p: infer P) => string ? (p: P) => string : string };

const fi: Wording = {
  not_found: "Tällaista organisaatiota ei ole, tai et ole sen jäsen.",
  "not_found.route": (p) => `Reittiä ${p.method} ${p.path} ei ole.`,
  "not_found.organization": "Tällaista organisaatiota ei ole.",
  "not_found.account": "Tällaista tiliä ei ole.",
  "not_found.webhook_endpoint": "Tällaista webhook-osoitetta ei ole.",
  method_not_allowed: (p) => `${p.path} ottaa vastaan ${p.allowed.join(" tai ")}, ei ${p.method}.`,
  // Validation detail names fields as the API does, for the developer who sent it: it stays in English.
  invalid_request: (p) => en.invalid_request(p),
  "invalid_request.http": "Pyyntöä ei voitu tulkita.",
  "invalid_request.cursor": "Virheellinen kysely: sivutuksen kohta (cursor) ei kelpaa.",
  "invalid_request.event_cursor":
    "Virheellinen kysely: after ei nimeä tapahtumaa, joka on yhä tallessa (tapahtumat säilytetään 30 päivää); lue syöte alusta.",
  "invalid_request.webhook_url": "Virheellinen pyynnön sisältö: url ei ole URL-osoite.",
  "invalid_request.webhook_url_scheme":
    "Virheellinen pyynnön sisältö: url:n on alettava https:// (tai kehitystä varten http:// osoitteeseen localhost, 127.0.0.1 tai [::1]).",
  "invalid_request.webhook_url_credentials":
    "Virheellinen pyynnön sisältö: url ei saa sisältää käyttäjätunnusta tai salasanaa; vastaanottaja tarkistaa jokaisen toimituksen allekirjoituksen.",
  "invalid_request.webhook_url_self": "Virheellinen pyynnön sisältö: url ei saa osoittaa tähän palveluun itseensä.",
  "invalid_request.same_request_twice": "Virheellinen pyynnön sisältö: sama pyyntö on päätöksissä kahdesti.",
  "invalid_request.no_change": "Virheellinen pyynnön sisältö: anna accountType, role tai molemmat.",
  "invalid_request.slug":
    "Virheellinen pyynnön sisältö: slugissa saa olla vain pieniä kirjaimia, numeroita ja yksittäisiä yhdysmerkkejä (eikä se saa näyttää tunnukselta).",
  "invalid_request.handoff_missing": "Ponnahdusikkunan kirjautuminen tarvitsee widgetin handoff-arvon.",
  invalid_json: "Pyynnön sisällön on oltava JSONia.",
  invalid_form: "Pyynnön sisällön on oltava lomake.",
  unsupported_media_type: "Lähetä pyynnön sisältö JSONina otsakkeella Content-Type: application/json.",
  payload_too_large: (p) => `Pyynnön sisältö on suurempi kuin ${p.kb} kt.`,
  rate_limited: () => "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
  not_signed_in: "Kirjaudu ensin sisään.",
  forbidden: "Vain organisaation ylläpitäjät voivat tehdä tämän.",
  unauthorized: "Tarvitaan voimassa oleva tuen tunnus.",
  "unauthorized.not_configured": "Tuen rajapintaa ei ole otettu käyttöön tässä asennuksessa.",
  forbidden_origin: "Pyyntö tuli sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
  "forbidden_origin.not_returning": "Kirjautuminen on aloitettava sivulta, jolle se palaa.",
  internal_error: "Palvelussamme tapahtui virhe. Yritä hetken kuluttua uudelleen.",
  "internal_error.sign_in": "Palvelussamme tapahtui virhe kirjautumisen aikana. Yritä uudelleen.",
  service_unavailable: "Palvelu ei ole hetkeen käytettävissä. Yritä hetken kuluttua uudelleen.",
  unhealthy: "Tietokanta ei vastaa.",
  misconfigured: "ThingLinkin Microsoft-kirjautumisen asetuksissa on vikaa. Ota yhteyttä ThingLinkin tukeen.",
  "misconfigured.config": (p) => `ThingLinkin asetuksissa on vikaa: ${p.problem}`,

  invalid_return_to: "Kirjautuminen aloitettiin sivulta, joka ei saa käyttää ThingLink-kirjautumista.",
  fallback_needs_post: "Tämä kirjautuminen on aloitettava sivulta itseltään. Palaa sivulle ja valitse Kirjaudu.",
  handoff_mismatch: "Tämä kirjautumisikkuna ei kuulu sivulle, joka avasi sen. Sulje se ja aloita uudelleen.",
  handoff_origin_mismatch: "Tämä kirjautuminen aloitettiin toiselle sivustolle.",
  handoff_code_mismatch: "Kirjautuminen viimeisteltiin toisessa selaimessa, joten sitä ei luovutettu tälle sivulle. Kirjaudu uudelleen.",
  popup_no_opener: "Kirjautumisikkunan yhteys sivuun katkesi; kirjautuminen jatkuu sivulla.",
  flow_not_found:
    "Kirjautumista ei voi viedä loppuun tässä selaimessa: se aloitettiin muualla tai yli 10 minuuttia sitten. Aloita uudelleen sivulta, jolta tulit.",
  "flow_not_found.consent":
    "Suostumusta ei voi viedä loppuun tässä selaimessa: se aloitettiin muualla tai yli 10 minuuttia sitten. Aloita uudelleen hallintapaneelista tai linkistä.",
  sign_in_replayed: "Tämä kirjautuminen on jo käytetty. Aloita uudelleen.",
  sign_in_failed: "Microsoftin vastausta ei voitu varmistaa, joten kirjautuminen ei onnistunut. Yritä uudelleen.",
  "sign_in_failed.provider": "Microsoft-kirjautumista ei voitu viedä loppuun. Yritä uudelleen.",
  invalid_callback: "Microsoftin vastaus oli puutteellinen. Yritä uudelleen.",
  sign_in_cancelled: "Microsoft-kirjautuminen peruttiin.",
  consent_declined: "Et hyväksynyt ThingLinkin pyytämiä oikeuksia, joten kirjautuminen keskeytyi. Yritä uudelleen ja valitse Hyväksy.",
  admin_approval_required:
    "Organisaatiosi ylläpitäjän on hyväksyttävä ThingLink ennen kuin voit kirjautua. Pyydä IT-ylläpitäjää antamaan suostumus ja yritä sitten uudelleen.",
  account_not_in_tenant: "Tämä Microsoft-tili ei kuulu organisaatioon, johon yritit kirjautua. Kirjaudu koulu- tai työtililläsi.",
  microsoft_unavailable: "Microsoftin kirjautumispalvelussa on juuri nyt ongelmia. Yritä hetken kuluttua uudelleen.",
  "microsoft_unavailable.no_answer": "Microsoftin kirjautumispalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
  access_denied: "Microsoft ei päästänyt tätä kirjautumista läpi. Yritä uudelleen tai kysy IT-ylläpitäjältä.",
  microsoft_error: "Microsoft ei voinut kirjata sinua sisään. Yritä uudelleen.",
  site_not_for_account: "Tämä sivusto on toisen organisaation käyttäjille. Kirjaudu siellä, missä oma organisaatiosi käyttää ThingLinkiä.",

  "consent_declined.admin": "Suostumusta ei annettu, joten integraatio ei ole käytössä.",
  consent_cancelled: "Microsoftin kirjautuminen peruttiin ennen kuin keneltäkään kysyttiin, joten mikään ei muuttunut.",
  consent_not_granted: "Microsoft ei ilmoittanut suostumuksen antamisesta.",
  consent_postponed:
    "Microsoft-ylläpitäjä valitsi kirjautuessaan ”Ei nyt”. Häneltä kysytään uudelleen vuorokauden kuluttua; voit myös lähettää hänelle linkin.",
  consent_not_pending: "Anna ja tallenna ensin vuokraajan tunnus: integraatio ei odota suostumusta.",
  "consent_not_pending.any_more":
    "Organisaatio ei enää odota suostumusta tälle vuokraajalle (vuokraajan tunnus muuttui, tai integraatio on jo käytössä).",
  tenant_consent_missing:
    "Microsoft pyytää jokaiselta uudelta henkilöltä suostumuksen, eikä School Data Sync -rooleja voi lukea: koko organisaation suostumus puuttuu. Vuokraajan Microsoft-järjestelmänvalvoja voi antaa sen nyt.",
  not_admin:
    "Kirjautunut henkilö ei ole kyseisen Microsoft-vuokraajan ylläpitäjä (yleinen järjestelmänvalvoja, etuoikeutettujen roolien, pilvisovellusten tai sovellusten järjestelmänvalvoja). Lähetä yleiselle järjestelmänvalvojallesi Integraatiot-välilehden linkki (Linkki yleiselle järjestelmänvalvojalle). Jos ylläpitäjän roolisi on Privileged Identity Managementissa vain käyttöoikeutettu (eligible), aktivoi se ensin ja yritä uudelleen: Microsoft ilmoittaa vain aktiiviset roolit.",
  wrong_tenant:
    "Kirjautunut henkilö kuuluu toiseen Microsoft-vuokraajaan kuin annettuun. Kirjaudu kyseisen vuokraajan ylläpitäjän tilillä.",
  roles_not_sent:
    "Microsoft ei lähettänyt ylläpitäjän rooleja (wids-väite). Aseta sovelluksen rekisteröinnin manifestissa groupMembershipClaims sisältämään DirectoryRole ja yritä uudelleen.",
  proof_invalid: "Microsoftin vastausta ylläpitäjän kirjautumiseen ei voitu varmistaa. Yritä uudelleen.",
  proof_replayed: "Tämä ylläpitäjän kirjautuminen oli jo käytetty. Aloita uudelleen.",
  link_invalid:
    "Se on vanhentunut, tilalle on tehty uusi tai asetukset ovat muuttuneet. Pyydä linkin lähettäneeltä ylläpitäjältä uusi linkki.",
  ticket_invalid:
    "Tämä suostumussivu on vanhentunut (se toimii 10 minuuttia) tai jo käytetty. Aloita uudelleen hallintapaneelista valitsemalla Anna suostumus nyt.",
  not_org_admin: "Suostumuksen aloittanut ThingLink-ylläpitäjä ei ole enää organisaation ylläpitäjä, joten mitään ei otettu käyttöön.",
  "not_org_admin.ticket": (p) =>
    `Vain organisaation ${p.org} kirjautunut ylläpitäjä voi antaa suostumuksen sen hallintapaneelista. Kirjaudu uudelleen ja aloita hallintapaneelista.`,
  tenant_taken: "Tämä Microsoft-vuokraaja on jo käytössä toisella ThingLink-organisaatiolla. Ota yhteyttä ThingLinkin tukeen.",
  "tenant_taken.now": "Tämä Microsoft-vuokraaja on nyt käytössä toisella ThingLink-organisaatiolla. Ota yhteyttä ThingLinkin tukeen.",
  "tenant_taken.support":
    "Tämä Microsoft-vuokraaja on jo käytössä toisella ThingLink-organisaatiolla. Poista ensin sen integraatio (DELETE …/integration).",
  integration_unavailable: (p) =>
    `Yritysorganisaation Microsoft-kirjautuminen vaatii Enterprise-lisenssin; organisaatiolla ${p.org} on ${p.license}-lisenssi. Ota yhteyttä ThingLinkiin päivittääksesi.`,
  nothing_to_change: "Integraatio ei ole poissa käytöstä.",
  "nothing_to_change.not_configured": "Poistettavaksi käytöstä ei ole määritettyä integraatiota.",
  invalid_tenant_id:
    "Anna vuokraajan tunnus (GUID, esimerkiksi 6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f) tai vahvistettu toimialue, esimerkiksi contoso.onmicrosoft.com.",
  "invalid_tenant_id.word": (p) =>
    `”${p.value}” ei ole vuokraaja: anna organisaatiosi oma vuokraajan tunnus (GUID) tai jokin sen vahvistetuista toimialueista.`,
  "invalid_tenant_id.personal": "Se on henkilökohtaisten Microsoft-tilien vuokraaja, ei organisaation vuokraaja.",
  "invalid_tenant_id.not_one": (p) =>
    `”${p.value}” ei nimeä yhden organisaation vuokraajaa. Anna organisaatiosi oma vuokraajan tunnus tai vahvistettu toimialue.`,
  "invalid_tenant_id.domain": (p) =>
    `”${p.value}” on toimialue: tuki liittää vuokraajan sen tunnuksella (GUID). Asiakkaan Microsoft-järjestelmänvalvoja löytää sen Microsoft Entra -hallintakeskuksesta: Yleiskatsaus, Vuokraajan tunnus.`,
  unknown_tenant: (p) =>
    `Microsoft ei tunne vuokraajaa ”${p.tenant}” (AADSTS90002). Tarkista vuokraajan tunnus tai toimialue Microsoft Entra -hallintakeskuksesta.`,

  "invalid_origin.no_scheme": (p) => `”${p.input}” tarvitsee eteensä https://: ${p.suggestion}.`,
  "invalid_origin.not_web": (p) => `”${p.input}” ei ole verkko-osoite: anna esimerkiksi ${ORIGIN_EXAMPLE}.`,
  "invalid_origin.http": (p) =>
    `”${p.input}” pitää alkaa https:// (salaamattomalla http:llä tarjottuihin sivuihin ei voi luottaa kirjautumisessa).`,
  "invalid_origin.credentials": (p) => `”${p.input}” ei saa sisältää käyttäjänimeä eikä salasanaa.`,
  "invalid_origin.wildcard": (p) =>
    `”${p.input}” ei voi olla jokerimerkki: lisää jokainen sivusto erikseen, esimerkiksi ${ORIGIN_EXAMPLE}.`,
  "invalid_origin.trailing_dot": (p) => `”${p.input}” ei saa päättyä pisteeseen (anna se muodossa ${p.suggestion}).`,
  "invalid_origin.address": (p) => `”${p.input}” pitää olla sivuston nimi, esimerkiksi ${ORIGIN_EXAMPLE}, ei IP-osoite.`,
  "invalid_origin.not_public": (p) =>
    `”${p.input}” ei ole julkisen sivuston nimi (se tarvitsee toimialueen, esimerkiksi ${ORIGIN_EXAMPLE}).`,
  "invalid_origin.own": (p) => `”${p.input}” on ThingLinkin oma osoite, ei organisaatiosi sivusto.`,
  "invalid_origin.path": (p) =>
    `”${p.input}” sisältää muutakin kuin sivuston: anna vain alkuperä, esimerkiksi ${p.suggestion}, ilman polkua, kyselyä tai #-merkkiä.`,
  origin_not_listed: (p) => `${p.origin} ei ole organisaation upotusosoitteiden listalla: lisää se ensin listaan.`,
  origin_taken: (p) => `Toinen organisaatio on jo todentanut sivuston ${p.origin}.`,
  "origin_not_proven.unreachable": (p) => `Sivustoon ei saatu https-yhteyttä tiedoston ${p.path} lukemiseksi.`,
  "origin_not_proven.timeout": (p) => `Sivusto ei vastannut pyyntöön ${p.path} 5 sekunnissa.`,
  "origin_not_proven.redirected": (p) =>
    `Sivusto vastasi pyyntöön ${p.path} uudelleenohjauksella (${p.status}). Tarjoa tiedosto itse siinä osoitteessa: uudelleenohjauksia ei seurata.`,
  "origin_not_proven.not_found": (p) => `Sivustolla ei ole tiedostoa ${p.path} (vastaus ${p.status}).`,
  "origin_not_proven.http_error": (p) => `Sivusto vastasi pyyntöön ${p.path} koodilla ${p.status} tiedoston sijaan.`,
  "origin_not_proven.too_large": (p) => `Sivuston ${p.path} on yli 4 kt: siinä pitäisi olla vain tunnusrivi.`,
  "origin_not_proven.token_missing": (p) => `Sivuston tiedostossa ${p.path} ei ole tämän organisaation tunnusta omalla rivillään.`,
  "origin_not_proven.origin_taken": () =>
    "Toinen ThingLink-organisaatio on jo todentanut tämän sivuston. Ota yhteyttä ThingLinkin tukeen, jos se on teidän.",

  no_tenant:
    "Liitä ensin organisaation Microsoft-vuokraaja (Integraatiot): sen käyttäjät näkyvät ja heitä voi lisätä, kun integraatio on käytössä.",
  member_not_found: "Tämä käyttäjä ei ole (enää) organisaation jäsen.",
  last_admin: "Tämä on organisaation ainoa ylläpitäjä: tee ensin joku muu ylläpitäjäksi.",
  "last_admin.elsewhere": (p) => `Tämä tili on organisaation ${p.org} ainoa ylläpitäjä: tee siellä ensin joku muu ylläpitäjäksi.`,
  "last_admin.joining": (p) =>
    `Olet organisaation ${p.current} ainoa ylläpitäjä: tee siellä ensin joku muu ylläpitäjäksi ja pyydä sitten liittymistä organisaatioon ${p.org}.`,
  invalid_account_type: (p) => `${p.kind === "education" ? "Oppilaitoksessa" : "Yrityksessä"} tilin tyyppi on ${p.allowed.join(" tai ")}.`,
  slug_taken: (p) => `Slug ”${p.slug}” on jo toisen organisaation käytössä.`,
  not_joinable: "Voit pyytää liittymistä vain organisaatioon, johon Microsoft-vuokraajasi on liitetty.",
  already_member: "Olet jo tämän organisaation jäsen.",
  request_pending_elsewhere: (p) => `Olet jo pyytänyt liittymistä organisaatioon ${p.org}. Peru se pyyntö ensin.`,
  no_pending_request: "Sinulla ei ole odottavaa liittymispyyntöä.",
  no_decided_request: "Sinulla ei ole tällä tunnuksella ratkaistua liittymispyyntöä.",
};

const WORDING: Record<Lang, Wording> = { en, fi };

/** The arguments a key's words take: none, or its parameters. */
export type ErrorArgs<K extends ErrorKey> = ErrorParams<K> extends undefined ? [] : [params: ErrorParams<K>];

/** The wire code of a key (or of a stored one). */
export function codeOf<K extends string>(key: K): CodeOf<K> {
  return key.split(".")[0] as CodeOf<K>;
}

/** A key's words in this language. */
export function errorMessage<K extends ErrorKey>(lang: Lang, key: K, ...args: ErrorArgs<K>): string {
  const say: string | ((p: unknown) => string) = WORDING[lang][key];
  return typeof say === "function" ? say(args[0]) : say;
}

/** Whether a stored string is a key whose words need no parameters (older rows may hold English). */
export function isPlainErrorKey(value: string): value is PlainErrorKey {
  return Object.hasOwn(en, value) && typeof en[value as ErrorKey] === "string";
}

/** A stored reason in this language: its words when it is a key, as stored otherwise. */
export function storedErrorMessage(lang: Lang, stored: string, fallback: string): string {
  return isPlainErrorKey(stored) ? errorMessage(lang, stored) : fallback;
}
