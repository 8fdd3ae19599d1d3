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

/**
 * A second app registration that authenticates with a certificate (private_key_jwt)
 * instead of a secret. Only the public key is registered, as in Entra ID; the matching
 * private key is emulator-only test material in CERTIFICATE_CLIENT_PRIVATE_KEY.
 */
export const CERTIFICATE_CLIENT = {
  clientId: "7c2d4e6f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
  clientSecret: null,
  displayName: "ThingLink (local, certificate)",
  redirectUris: DEFAULT_CLIENT.redirectUris,
  certificates: [
    {
      // The thumbprint the Azure portal shows for the uploaded certificate (SHA-1, hex).
      thumbprint: "3F8A1C2B4D5E6F708192A3B4C5D6E7F809A1B2C3",
      publicKey: {"kty": "RSA", "n": "wxMyzLQrV4YQgDvy0oPMdIBN4nwj_uOrfXSycEfNqpss43Ia1-bMcOAG3iy9XmxdAdhfLQlj-YD0SNSX-yPPpHnfO3XWrWEFOLivaPwzb9JFuLwDL_tRwfyjtPUcvcs8KB2lfnwP-9EXUNrF6muro_w7xly9q_C5CRGxPBzb9607jAwvleDjBdCEnJlANMU2Ighgiz2Cs-U2kVIGij2NVhxrVim4IZ3f-t8iojsbxYaqFEYWo932dvC_4ql3ZtMPQtcvSvn_w4xxNqQcOjOWWEzaUe26tkx6NPu79PQbKw7Ib5KauYWp_-CsojSOlR9bJyEC_JBH3WJoz-LixRuSVw", "e": "AQAB"},
    },
  ],
};

/** PEM of the certificate client's private key: emulator and test material only. */
export const CERTIFICATE_CLIENT_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDDEzLMtCtXhhCA\nO/LSg8x0gE3ifCP+46t9dLJwR82qmyzjchrX5sxw4AbeLL1ebF0B2F8tCWP5gPRI\n1Jf7I8+ked87ddatYQU4uK9o/DNv0kW4vAMv+1HB/KO09Ry9yzwoHaV+fA/70RdQ\n2sXqa6uj/DvGXL2r8LkJEbE8HNv3rTuMDC+V4OMF0IScmUA0xTYiCGCLPYKz5TaR\nUgaKPY1WHGtWKbghnd/63yKiOxvFhqoURhaj3fZ28L/iqXdm0w9C1y9K+f/DjHE2\npBw6M5ZYTNpR7bq2THo0+7v09BsrDshvkpq5han/4KyiNI6VH1snIQL8kEfdYmjP\n4uLFG5JXAgMBAAECggEAUao73g6fBmkNh2GRaifa8/qyoFowB4jwRfkQqoikxQNp\na15ddn0coTRoK6K3NExRM3CNh6EixVUC72pwpaZ8SvLqTU4rrTGsqe5HIMBUGEAD\nCC9NdkzUEU3eiucCPUJT0Md4fNcbKeSCykqMCHNCy8fQjl5M2SpRjEZn2C6Mt8aF\nVB0s0Jj1fspSCRHwdFomd+FXvFrdau1EgCecqjsQF5jeVQEbiYbJc0gK62nnmJvz\nc0Yh7m7R3lr4PlQELBkP0HFYnp4M69AGG8XL6KTmc5PIrsOvambRv5Q5Vf9XdBeO\nGPCzhTaqs6CAHAnoS26hLvxcGbiwdPUyTA8PV3N9IQKBgQD9F9C0z0RC12Q+ws7F\niGrnnQrL4A+wYCuNrILEvW/FRdCvoLeNEqe3TgiLaRq3It+PM1SZcPvCNmRSqooV\n54ER00ikGuCxsEG5CngpRr0j7ddq/0EpBmNitg9+z9zAXpk4Z749ENaSux/fTnAL\nneHDzAMntXv+cP0PyVQKEWcKMwKBgQDFUMoLr3RyRq9MM42z59vnae7Xdh5Q35Zu\nlOZHHrsZJGdyRsmvpK4/H9rAGN8fwCRvkoMwC9+zXTR4B+YHb3JGgCeiN3bEQriL\nMzB31hTuBqK0m7/h1oTqM0mc7tEi2z+cMX5U3r6xWtGQCZZqDwaIorAsECHQl8AD\nSE8REu17TQKBgQC+orWdu5EbF8p2S54bw8lidDOxpS+sFoQ3zn0hW99YpGGwKEqZ\nhDe4JprhB2YME8R4xJ0whp3bh8TBT5t7LElX9+F7WpNsw+p9Spl/3byR15CvE10t\nXZZ2v9OkHUWV0KtwhRQSQyCcnT5AoYBb/6wSIxUtT9H5sXmr7mXSv5DxaQKBgAcU\nzyt8MIGpZ8EkWIGMYKf9dUTmSFA+tfdiAKGsyKouVEgVokdbcaVyTzd1rQxGqQgY\nCf0/b9fQEIH+RpMdvMwq7UE1HF4OxvC39ZVXaYjhVBWHQWupdzuwe4PWTksh8zZ3\n0EDbfZx/1eWFcpB72ZAtxoTOT2hdCdcUUUIbm8pBAoGAC+yw+OxmPpKHVh6IslGT\n2viOTCNOpCz/WHc5gvypNz561oFk6+IOKARbUPZRGSZO0VUrUDBJdateM17EmuGO\n2iWdu47ZEvYy2CzgioTrdX+xHuW1nVx5hMp5y6XL8lxqDmKRGQmW3UoxN3LI9n3d\nuKjDKXp0zL5B92POWA7dtvc=\n-----END PRIVATE KEY-----\n";

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
