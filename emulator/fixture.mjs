/**
 * The emulator's world: tenants and their users. GUIDs are fixed so that demo data,
 * tests and the README can name them; never change an existing one.
 */
export { APP_PERMISSIONS, CERTIFICATE_CLIENT, CERTIFICATE_CLIENT_PRIVATE_KEY, DEFAULT_CLIENT } from "./clients.mjs";

export const PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export const TENANTS = Object.freeze({
  northwood: "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
  riverside: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70",
  contoso: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
  fabrikam: "9d4e5f60-5e6f-4071-9ca3-4d5e6f708192",
  westbrook: "a1e2f3a4-6f70-4182-8db4-5e6f708192a3",
  personal: PERSONAL_TENANT_ID,
});

/** Entra built-in role template IDs, as they appear in the `wids` claim. */
export const ROLES = Object.freeze({
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  // Held implicitly by every member ("User") or guest ("Guest User", the default guest role).
  member: "b79fbf4d-3ef9-4689-8143-76b194e85509",
  guestUser: "10dae51f-b6af-4016-8d66-8c2a99b929b3",
});

/** Roles whose holders may grant tenant-wide consent to Microsoft Graph delegated permissions. */
export const CONSENT_ROLES = Object.freeze([
  ROLES.globalAdministrator,
  ROLES.privilegedRoleAdministrator,
  ROLES.cloudApplicationAdministrator,
  ROLES.applicationAdministrator,
]);

/**
 * @typedef {{oid:string,name:string,upn:string,mail:string|null,roles?:string[],admin?:boolean,
 *   eduRole?:string,consented?:boolean|string[],guestOf?:{tenantId:string,oid:string}}} User
 * `admin: true` is the older spelling of "holds a consent-capable role"; both are honoured.
 * `guestOf` marks a B2B guest: its own object (oid) in this tenant for a user homed elsewhere.
 */
/** @typedef {{id:string,name:string,domains:string[],education?:boolean,sds:boolean,userConsent:'allowed'|'admin_only',personal?:boolean,users:User[]}} Tenant */

const GA = [ROLES.globalAdministrator];

/** @returns {Tenant[]} a fresh copy, so a test can change consent state without touching others */
export function createFixture() {
  return [
    {
      id: TENANTS.northwood,
      name: "Northwood School District",
      domains: ["northwood.edu", "northwoodschool.onmicrosoft.com"],
      education: true,
      sds: true,
      userConsent: "allowed",
      users: [
        {
          oid: "0a1b2c3d-0001-4000-8000-000000000001",
          name: "Ada Lovelace",
          upn: "ada@northwood.edu",
          mail: "ada@northwood.edu",
          admin: true,
          roles: GA,
          eduRole: "teacher",
          consented: true,
        },
        {
          oid: "0a1b2c3d-0001-4000-8000-000000000002",
          name: "Tomás Teacher",
          upn: "tomas@northwood.edu",
          mail: "tomas@northwood.edu",
          eduRole: "teacher",
          consented: true,
        },
        {
          oid: "0a1b2c3d-0001-4000-8000-000000000003",
          name: "Sam Student",
          upn: "sam@northwood.edu",
          mail: "sam@northwood.edu",
          eduRole: "student",
          consented: true,
        },
        { oid: "0a1b2c3d-0001-4000-8000-000000000004", name: "Saara Oppilas", upn: "saara@northwood.edu", mail: null, eduRole: "student" },
        {
          oid: "0a1b2c3d-0001-4000-8000-000000000005",
          name: "Frank Faculty",
          upn: "frank@northwood.edu",
          mail: "frank@northwood.edu",
          eduRole: "faculty",
          consented: true,
        },
        // A role that manages users but cannot grant consent to applications.
        {
          oid: "0a1b2c3d-0001-4000-8000-000000000006",
          name: "Uma Useradmin",
          upn: "uma@northwood.edu",
          mail: "uma@northwood.edu",
          roles: [ROLES.userAdministrator],
          eduRole: "teacher",
          consented: true,
        },
        {
          oid: "0a1b2c3d-0001-4000-8000-0000000000c1",
          name: "Chris Employee",
          upn: "chris_contoso.com#EXT#@northwoodschool.onmicrosoft.com",
          mail: "chris@contoso.com",
          guestOf: { tenantId: TENANTS.contoso, oid: "0a1b2c3d-0003-4000-8000-000000000002" },
          consented: true,
        },
      ],
    },
    {
      id: TENANTS.riverside,
      name: "Riverside Academy",
      domains: ["riverside-academy.org", "riversideacademy.onmicrosoft.com"],
      education: true,
      sds: false,
      userConsent: "allowed",
      users: [
        {
          oid: "0a1b2c3d-0002-4000-8000-000000000001",
          name: "Rita Rector",
          upn: "rita@riverside-academy.org",
          mail: "rita@riverside-academy.org",
          admin: true,
          roles: GA,
          consented: true,
        },
        {
          oid: "0a1b2c3d-0002-4000-8000-000000000002",
          name: "Ray Pupil",
          upn: "ray@riverside-academy.org",
          mail: "ray@riverside-academy.org",
          consented: true,
        },
        {
          oid: "0a1b2c3d-0002-4000-8000-000000000003",
          name: "Cleo Cloudadmin",
          upn: "cleo@riverside-academy.org",
          mail: "cleo@riverside-academy.org",
          roles: [ROLES.cloudApplicationAdministrator],
          consented: true,
        },
      ],
    },
    {
      id: TENANTS.contoso,
      name: "Contoso Ltd",
      domains: ["contoso.com", "contoso.onmicrosoft.com"],
      sds: false,
      userConsent: "allowed",
      users: [
        {
          oid: "0a1b2c3d-0003-4000-8000-000000000001",
          name: "Carla Admin",
          upn: "carla@contoso.com",
          mail: "carla@contoso.com",
          admin: true,
          roles: GA,
          consented: true,
        },
        {
          oid: "0a1b2c3d-0003-4000-8000-000000000002",
          name: "Chris Employee",
          upn: "chris@contoso.com",
          mail: "chris@contoso.com",
          consented: true,
        },
        // A tenant admin can set `mail` to anything; Entra then marks it unverified (xms_edov: false).
        {
          oid: "0a1b2c3d-0003-4000-8000-000000000003",
          name: "Mallory Mailswap",
          upn: "mallory@contoso.com",
          mail: "ceo@fabrikam.com",
          consented: true,
        },
      ],
    },
    {
      id: TENANTS.fabrikam,
      name: "Fabrikam Inc",
      domains: ["fabrikam.com", "fabrikam.onmicrosoft.com"],
      sds: false,
      userConsent: "admin_only",
      users: [
        {
          oid: "0a1b2c3d-0004-4000-8000-000000000001",
          name: "Fiona Admin",
          upn: "fiona@fabrikam.com",
          mail: "fiona@fabrikam.com",
          admin: true,
          roles: GA,
        },
        { oid: "0a1b2c3d-0004-4000-8000-000000000002", name: "Felix Worker", upn: "felix@fabrikam.com", mail: "felix@fabrikam.com" },
      ],
    },
    {
      // A school that has just started: nobody has consented to anything yet.
      id: TENANTS.westbrook,
      name: "Westbrook High School",
      domains: ["westbrook.edu", "westbrookhigh.onmicrosoft.com"],
      education: true,
      sds: true,
      userConsent: "allowed",
      users: [
        {
          oid: "0a1b2c3d-0005-4000-8000-000000000001",
          name: "Gwen Global",
          upn: "gwen@westbrook.edu",
          mail: "gwen@westbrook.edu",
          roles: GA,
        },
        {
          oid: "0a1b2c3d-0005-4000-8000-000000000002",
          name: "Leo Librarian",
          upn: "leo@westbrook.edu",
          mail: "leo@westbrook.edu",
          eduRole: "teacher",
        },
        {
          oid: "0a1b2c3d-0005-4000-8000-000000000003",
          name: "Wes Student",
          upn: "wes@westbrook.edu",
          mail: "wes@westbrook.edu",
          eduRole: "student",
        },
        {
          oid: "0a1b2c3d-0005-4000-8000-000000000004",
          name: "Tara Teacher",
          upn: "tara@westbrook.edu",
          mail: "tara@westbrook.edu",
          eduRole: "teacher",
        },
      ],
    },
    {
      id: PERSONAL_TENANT_ID,
      name: "Microsoft personal accounts",
      domains: [],
      sds: false,
      userConsent: "allowed",
      personal: true,
      users: [
        {
          oid: "00000000-0000-0000-6f2a-7c1d9e3b4a55",
          name: "Pat Personal",
          upn: "pat@outlook.com",
          mail: "pat@outlook.com",
          consented: true,
        },
      ],
    },
  ];
}
