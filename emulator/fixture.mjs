/**
 * The emulator's world: tenants, their users and the app registrations it knows.
 * GUIDs are fixed so that demo data, tests and the README can name them.
 */
export const PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export const DEFAULT_CLIENT = {
  clientId: "5f0b9a3e-6d2c-4c1e-9a57-2b7f3c1d8e40",
  clientSecret: "emulator-client-secret",
  displayName: "ThingLink (local)",
  // Loopback redirect URIs match on any port, as Microsoft's do for localhost.
  redirectUris: [
    "http://127.0.0.1/auth/microsoft/callback",
    "http://localhost/auth/microsoft/callback",
    "http://127.0.0.1/auth/microsoft/admin-consent/callback",
    "http://localhost/auth/microsoft/admin-consent/callback",
  ],
};

/** @typedef {{oid:string,name:string,upn:string,mail:string|null,admin?:boolean,eduRole?:string,consented?:boolean}} User */
/** @typedef {{id:string,name:string,domains:string[],sds:boolean,userConsent:'allowed'|'admin_only',personal?:boolean,users:User[]}} Tenant */

/** @returns {Tenant[]} a fresh copy, so a test can change consent state without touching others */
export function createFixture() {
  return [
    {
      id: "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
      name: "Northwood School District",
      domains: ["northwood.edu", "northwoodschool.onmicrosoft.com"],
      sds: true,
      userConsent: "allowed",
      users: [
        { oid: "0a1b2c3d-0001-4000-8000-000000000001", name: "Ada Lovelace", upn: "ada@northwood.edu", mail: "ada@northwood.edu", admin: true, eduRole: "teacher", consented: true },
        { oid: "0a1b2c3d-0001-4000-8000-000000000002", name: "Tomás Teacher", upn: "tomas@northwood.edu", mail: "tomas@northwood.edu", eduRole: "teacher", consented: true },
        { oid: "0a1b2c3d-0001-4000-8000-000000000003", name: "Sam Student", upn: "sam@northwood.edu", mail: "sam@northwood.edu", eduRole: "student", consented: true },
        { oid: "0a1b2c3d-0001-4000-8000-000000000004", name: "Saara Oppilas", upn: "saara@northwood.edu", mail: null, eduRole: "student" },
        { oid: "0a1b2c3d-0001-4000-8000-000000000005", name: "Frank Faculty", upn: "frank@northwood.edu", mail: "frank@northwood.edu", eduRole: "faculty", consented: true },
      ],
    },
    {
      id: "7b2c3d4e-3c4d-4e5f-9a81-2b3c4d5e6f70",
      name: "Riverside Academy",
      domains: ["riverside-academy.org", "riversideacademy.onmicrosoft.com"],
      sds: false,
      userConsent: "allowed",
      users: [
        { oid: "0a1b2c3d-0002-4000-8000-000000000001", name: "Rita Rector", upn: "rita@riverside-academy.org", mail: "rita@riverside-academy.org", admin: true, consented: true },
        { oid: "0a1b2c3d-0002-4000-8000-000000000002", name: "Ray Pupil", upn: "ray@riverside-academy.org", mail: "ray@riverside-academy.org", consented: true },
      ],
    },
    {
      id: "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081",
      name: "Contoso Ltd",
      domains: ["contoso.com", "contoso.onmicrosoft.com"],
      sds: false,
      userConsent: "allowed",
      users: [
        { oid: "0a1b2c3d-0003-4000-8000-000000000001", name: "Carla Admin", upn: "carla@contoso.com", mail: "carla@contoso.com", admin: true, consented: true },
        { oid: "0a1b2c3d-0003-4000-8000-000000000002", name: "Chris Employee", upn: "chris@contoso.com", mail: "chris@contoso.com", consented: true },
      ],
    },
    {
      id: "9d4e5f60-5e6f-4071-9ca3-4d5e6f708192",
      name: "Fabrikam Inc",
      domains: ["fabrikam.com", "fabrikam.onmicrosoft.com"],
      sds: false,
      userConsent: "admin_only",
      users: [
        { oid: "0a1b2c3d-0004-4000-8000-000000000001", name: "Fiona Admin", upn: "fiona@fabrikam.com", mail: "fiona@fabrikam.com", admin: true },
        { oid: "0a1b2c3d-0004-4000-8000-000000000002", name: "Felix Worker", upn: "felix@fabrikam.com", mail: "felix@fabrikam.com" },
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
        { oid: "00000000-0000-0000-6f2a-7c1d9e3b4a55", name: "Pat Personal", upn: "pat@outlook.com", mail: "pat@outlook.com", consented: true },
      ],
    },
  ];
}
