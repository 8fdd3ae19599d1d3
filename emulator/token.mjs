/** The token endpoint: client authentication, single-use codes, PKCE, Microsoft's error JSON. */
import { createHash } from "node:crypto";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { AADSTS, tokenErrorBody } from "./aad-errors.mjs";
import { accessTokenClaims, idTokenClaims, signToken } from "./tokens.mjs";

const fail = (status, entry, ...args) => ({ status, json: tokenErrorBody(entry, ...args) });

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function clientCredentials(req, form) {
  const auth = req.headers.authorization ?? "";
  if (auth.startsWith("Basic ")) {
    const [id, secret] = Buffer.from(auth.slice(6), "base64").toString("utf8").split(":");
    const decode = (v) => decodeURIComponent((v ?? "").replace(/\+/g, " "));
    return { id: decode(id), secret: decode(secret), method: "client_secret_basic" };
  }
  if (form.get("client_assertion")) {
    return {
      id: form.get("client_id"),
      assertion: form.get("client_assertion"),
      assertionType: form.get("client_assertion_type"),
      method: "private_key_jwt",
    };
  }
  return { id: form.get("client_id"), secret: form.get("client_secret"), method: "client_secret_post" };
}

/** private_key_jwt as Entra ID checks it: key by certificate thumbprint, aud = the token endpoint, iss = sub = client. */
async function checkAssertion(client, creds, tokenEndpoint, now) {
  if (creds.assertionType !== JWT_BEARER) return fail(401, AADSTS.assertionType, creds.assertionType ?? "");
  let header;
  try {
    header = decodeProtectedHeader(creds.assertion);
  } catch {
    return fail(401, AADSTS.assertionSignature);
  }
  const sha1 = header.x5t && Buffer.from(header.x5t, "base64url").toString("hex").toUpperCase();
  const certificate = (client.certificates ?? []).find((c) => c.thumbprint.toUpperCase() === sha1);
  if (!certificate) return fail(401, AADSTS.assertionSignature);
  try {
    const key = await importJWK({ ...certificate.publicKey, alg: header.alg }, header.alg);
    const { payload } = await jwtVerify(creds.assertion, key, {
      algorithms: ["RS256", "PS256"],
      currentDate: new Date(now),
      clockTolerance: 300,
    });
    if (payload.iss !== client.clientId || payload.sub !== client.clientId) return fail(401, AADSTS.assertionIssuer);
    if (payload.aud !== tokenEndpoint && !(Array.isArray(payload.aud) && payload.aud.includes(tokenEndpoint)))
      return fail(401, AADSTS.assertionAudience, tokenEndpoint);
    return null;
  } catch (err) {
    return err?.code === "ERR_JWT_EXPIRED" || err?.code === "ERR_JWT_CLAIM_VALIDATION_FAILED"
      ? fail(401, AADSTS.assertionTime)
      : fail(401, AADSTS.assertionSignature);
  }
}

export function tokenRoute(h) {
  const { state } = h;
  return {
    method: "POST",
    path: /^\/([^/]+)\/oauth2\/v2\.0\/token$/,
    handle: async ({ req, body }) => {
      state.stats.token++;
      if (state.faults.token === "down") return fail(503, AADSTS.temporarilyUnavailable);
      // A hung endpoint, and a proxy's error page where JSON belongs: what an outage looks like from outside.
      if (state.faults.token === "slow") await new Promise((r) => setTimeout(r, state.faults.tokenDelayMs ?? 15_000));
      if (state.faults.token === "html") return { status: 502, html: "<html><body><h1>502 Bad Gateway</h1></body></html>" };
      const form = new URLSearchParams(body);
      const grantType = form.get("grant_type");
      if (!grantType) return fail(400, AADSTS.missingParameter, "grant_type");
      if (grantType !== "authorization_code") return fail(400, AADSTS.unsupportedGrant, grantType);
      const creds = clientCredentials(req, form);
      if (!creds.id) return fail(400, AADSTS.missingParameter, "client_id");
      const client = h.findClient(creds.id);
      if (!client) return fail(400, AADSTS.unknownClient, creds.id, "common");
      if (creds.method === "private_key_jwt") {
        const refused = await checkAssertion(client, creds, `${state.base}${new URL(req.url, state.base).pathname}`, state.now());
        if (refused) return refused;
      } else {
        if (!creds.secret) return fail(401, AADSTS.clientAuthMissing);
        if (!client.clientSecret || creds.secret !== client.clientSecret) return fail(401, AADSTS.badClientSecret);
      }
      const code = form.get("code");
      if (!code) return fail(400, AADSTS.missingParameter, "code");
      const grant = state.codes.get(code);
      if (!grant || grant.clientId !== client.clientId) return fail(400, AADSTS.codeInvalid);
      if (grant.used) return fail(400, AADSTS.codeRedeemed);
      grant.used = true;
      if (grant.expiresAt < state.now()) return fail(400, AADSTS.codeExpired);
      if (form.get("redirect_uri") !== grant.redirectUri)
        return fail(400, AADSTS.redirectMismatch, form.get("redirect_uri") ?? "", client.clientId);
      if (grant.codeChallenge) {
        const verifier = form.get("code_verifier");
        if (!verifier) return fail(400, AADSTS.pkceMissing);
        const computed = grant.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
        if (computed !== grant.codeChallenge) return fail(400, AADSTS.pkceMismatch);
      }
      // A tamper request may name the user it is for, so parallel tests do not steal it.
      const forUser = !state.tamper?.user || [grant.user.upn, grant.user.oid, grant.user.home?.user.upn].includes(state.tamper.user);
      const tamper = forUser ? (state.tamper ?? {}) : {};
      if (forUser) state.tamper = null;
      const now = state.now();
      const common = { base: state.base, user: grant.user, tenant: grant.tenant, client, now };
      // Graph's access token carries every scope granted to this app for the user, not only those asked for.
      const scp = grant.grantedScopes.join(" ");
      return {
        json: {
          token_type: "Bearer",
          scope: [...grant.oidcScopes, ...grant.grantedScopes].join(" "),
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: await signToken(state.keys, accessTokenClaims({ ...common, scope: scp })),
          id_token: await signToken(state.keys, idTokenClaims({ ...common, nonce: grant.nonce }), tamper),
        },
      };
    },
  };
}
