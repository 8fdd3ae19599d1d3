/**
 * The app registrations the emulator knows. createEmulator() works on copies, so a test
 * hook can change a registration's manifest settings without touching these constants.
 */

/** Delegated Microsoft Graph permissions configured on ThingLink's app registration. */
export const APP_PERMISSIONS = ["openid", "profile", "email", "User.Read", "EduRoster.ReadBasic"];

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
  // The manifest setting that makes Entra ID put `wids` (directory role template IDs) in tokens.
  groupMembershipClaims: "DirectoryRole",
  optionalClaims: { idToken: ["xms_edov", "acct"], accessToken: [] },
  // The app registration's configured (static) API permissions: what `/.default` stands for.
  requiredPermissions: APP_PERMISSIONS,
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
  groupMembershipClaims: DEFAULT_CLIENT.groupMembershipClaims,
  optionalClaims: DEFAULT_CLIENT.optionalClaims,
  requiredPermissions: APP_PERMISSIONS,
  certificates: [
    {
      // The thumbprint the Azure portal shows for the uploaded certificate (SHA-1, hex).
      thumbprint: "3F8A1C2B4D5E6F708192A3B4C5D6E7F809A1B2C3",
      publicKey: {
        kty: "RSA",
        n: "wxMyzLQrV4YQgDvy0oPMdIBN4nwj_uOrfXSycEfNqpss43Ia1-bMcOAG3iy9XmxdAdhfLQlj-YD0SNSX-yPPpHnfO3XWrWEFOLivaPwzb9JFuLwDL_tRwfyjtPUcvcs8KB2lfnwP-9EXUNrF6muro_w7xly9q_C5CRGxPBzb9607jAwvleDjBdCEnJlANMU2Ighgiz2Cs-U2kVIGij2NVhxrVim4IZ3f-t8iojsbxYaqFEYWo932dvC_4ql3ZtMPQtcvSvn_w4xxNqQcOjOWWEzaUe26tkx6NPu79PQbKw7Ib5KauYWp_-CsojSOlR9bJyEC_JBH3WJoz-LixRuSVw",
        e: "AQAB",
      },
    },
  ],
};

/** PEM of the certificate client's private key: emulator and test material only. */
export const CERTIFICATE_CLIENT_PRIVATE_KEY =
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDDEzLMtCtXhhCA\nO/LSg8x0gE3ifCP+46t9dLJwR82qmyzjchrX5sxw4AbeLL1ebF0B2F8tCWP5gPRI\n1Jf7I8+ked87ddatYQU4uK9o/DNv0kW4vAMv+1HB/KO09Ry9yzwoHaV+fA/70RdQ\n2sXqa6uj/DvGXL2r8LkJEbE8HNv3rTuMDC+V4OMF0IScmUA0xTYiCGCLPYKz5TaR\nUgaKPY1WHGtWKbghnd/63yKiOxvFhqoURhaj3fZ28L/iqXdm0w9C1y9K+f/DjHE2\npBw6M5ZYTNpR7bq2THo0+7v09BsrDshvkpq5han/4KyiNI6VH1snIQL8kEfdYmjP\n4uLFG5JXAgMBAAECggEAUao73g6fBmkNh2GRaifa8/qyoFowB4jwRfkQqoikxQNp\na15ddn0coTRoK6K3NExRM3CNh6EixVUC72pwpaZ8SvLqTU4rrTGsqe5HIMBUGEAD\nCC9NdkzUEU3eiucCPUJT0Md4fNcbKeSCykqMCHNCy8fQjl5M2SpRjEZn2C6Mt8aF\nVB0s0Jj1fspSCRHwdFomd+FXvFrdau1EgCecqjsQF5jeVQEbiYbJc0gK62nnmJvz\nc0Yh7m7R3lr4PlQELBkP0HFYnp4M69AGG8XL6KTmc5PIrsOvambRv5Q5Vf9XdBeO\nGPCzhTaqs6CAHAnoS26hLvxcGbiwdPUyTA8PV3N9IQKBgQD9F9C0z0RC12Q+ws7F\niGrnnQrL4A+wYCuNrILEvW/FRdCvoLeNEqe3TgiLaRq3It+PM1SZcPvCNmRSqooV\n54ER00ikGuCxsEG5CngpRr0j7ddq/0EpBmNitg9+z9zAXpk4Z749ENaSux/fTnAL\nneHDzAMntXv+cP0PyVQKEWcKMwKBgQDFUMoLr3RyRq9MM42z59vnae7Xdh5Q35Zu\nlOZHHrsZJGdyRsmvpK4/H9rAGN8fwCRvkoMwC9+zXTR4B+YHb3JGgCeiN3bEQriL\nMzB31hTuBqK0m7/h1oTqM0mc7tEi2z+cMX5U3r6xWtGQCZZqDwaIorAsECHQl8AD\nSE8REu17TQKBgQC+orWdu5EbF8p2S54bw8lidDOxpS+sFoQ3zn0hW99YpGGwKEqZ\nhDe4JprhB2YME8R4xJ0whp3bh8TBT5t7LElX9+F7WpNsw+p9Spl/3byR15CvE10t\nXZZ2v9OkHUWV0KtwhRQSQyCcnT5AoYBb/6wSIxUtT9H5sXmr7mXSv5DxaQKBgAcU\nzyt8MIGpZ8EkWIGMYKf9dUTmSFA+tfdiAKGsyKouVEgVokdbcaVyTzd1rQxGqQgY\nCf0/b9fQEIH+RpMdvMwq7UE1HF4OxvC39ZVXaYjhVBWHQWupdzuwe4PWTksh8zZ3\n0EDbfZx/1eWFcpB72ZAtxoTOT2hdCdcUUUIbm8pBAoGAC+yw+OxmPpKHVh6IslGT\n2viOTCNOpCz/WHc5gvypNz561oFk6+IOKARbUPZRGSZO0VUrUDBJdateM17EmuGO\n2iWdu47ZEvYy2CzgioTrdX+xHuW1nVx5hMp5y6XL8lxqDmKRGQmW3UoxN3LI9n3d\nuKjDKXp0zL5B92POWA7dtvc=\n-----END PRIVATE KEY-----\n";
