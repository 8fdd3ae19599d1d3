/** Issuing ID and access tokens, with a one-shot "tamper" hook for relying-party tests. */
import { SignJWT, base64url } from "jose";
import { createHash, createHmac, randomUUID } from "node:crypto";
import { identityProviderOf, roleTemplateIds } from "./directory.mjs";

export const GRAPH_AUDIENCE = "00000003-0000-0000-c000-000000000000";

/** Pairwise `sub`: stable per (user, app), as Microsoft's is. */
function pairwiseSub(oid, clientId) {
  return createHash("sha256").update(`${oid}:${clientId}`).digest("base64url").slice(0, 43);
}

/** Whether the app registration asked for `wids` through its manifest's groupMembershipClaims. */
const wantsRoles = (client) => ["DirectoryRole", "All"].includes(client.groupMembershipClaims);

/** Claims that depend on who the person is in this tenant: guest markers, roles, mail verification. */
function personClaims(identity, client, kind) {
  const optional = client.optionalClaims?.[kind] ?? [];
  const claims = {};
  if (identity.home) claims.idp = identityProviderOf(identity.home.tenant);
  if (identity.tenant.personal) return claims;
  if (optional.includes("acct")) claims.acct = identity.home ? 1 : 0;
  if (kind === "accessToken" || wantsRoles(client)) claims.wids = roleTemplateIds(identity);
  if (optional.includes("xms_edov") && identity.mail) {
    // Verified when the address is at a domain its owner's (home) tenant has verified.
    const owner = identity.home?.tenant ?? identity.tenant;
    claims.xms_edov = owner.domains.includes(identity.mail.split("@").pop().toLowerCase());
  }
  return claims;
}

export function idTokenClaims({ base, user, tenant, client, nonce, now }) {
  const iat = Math.floor(now / 1000);
  return {
    aud: client.clientId,
    iss: `${base}/${tenant.id}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: user.name,
    nonce,
    oid: user.oid,
    // A guest signs in with their home account's name.
    preferred_username: user.home?.user.upn ?? user.upn,
    ...(user.mail ? { email: user.mail } : {}),
    rh: "0.emulator",
    sub: pairwiseSub(user.oid, client.clientId),
    tid: tenant.id,
    uti: randomUUID().replace(/-/g, "").slice(0, 22),
    ver: "2.0",
    ...personClaims(user, client, "idToken"),
  };
}

/**
 * Signs claims as the emulator's current key would, then applies a tamper
 * request: {claims, header, alg: 'none'|'HS256', flipSignature, unpublishedKey, keyIssuer}.
 */
export async function signToken(keys, claims, tamper = {}) {
  const merged = { ...claims, ...(tamper.claims ?? {}) };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  if (tamper.alg === "none") {
    const header = { alg: "none", typ: "JWT", ...(tamper.header ?? {}) };
    return `${b64json(header)}.${b64json(merged)}.`;
  }
  if (tamper.alg === "HS256") {
    const header = { alg: "HS256", typ: "JWT", kid: keys.current.kid, ...(tamper.header ?? {}) };
    const input = `${b64json(header)}.${b64json(merged)}`;
    // HMAC keyed with the public modulus: the classic RS256→HS256 confusion attack.
    const sig = createHmac("sha256", keys.current.jwk.n).update(input).digest("base64url");
    return `${input}.${sig}`;
  }
  // keyIssuer: sign with a published key whose `issuer` names that tenant, not the template.
  const key = tamper.unpublishedKey
    ? await keys.rotate({ publish: false })
    : tamper.keyIssuer
      ? await keys.tenantKey(tamper.keyIssuer)
      : keys.current;
  const jwt = await new SignJWT(merged)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid, ...(tamper.header ?? {}) })
    .sign(key.privateKey);
  if (!tamper.flipSignature) return jwt;
  const [h, p, s] = jwt.split(".");
  const bytes = base64url.decode(s);
  bytes[10] ^= 0x01;
  return `${h}.${p}.${base64url.encode(bytes)}`;
}

const b64json = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function accessTokenClaims({ base, user, tenant, client, scope, now }) {
  const iat = Math.floor(now / 1000);
  return {
    aud: GRAPH_AUDIENCE,
    iss: `${base}/${tenant.id}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    appid: client.clientId,
    oid: user.oid,
    tid: tenant.id,
    scp: scope,
    name: user.name,
    upn: user.upn,
    ...personClaims(user, client, "accessToken"),
  };
}
