/** The emulator's signing keys: RS256, published as a JWKS, rotatable on demand. */
import { exportJWK, generateKeyPair } from "jose";
import { randomUUID } from "node:crypto";

/** Microsoft's common keys name the issuer template; a tenant's own key names that tenant. */
const TEMPLATE = "{tenantid}";

async function newKey(issuerTenant) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID().replace(/-/g, "").slice(0, 27);
  const jwk = { ...(await exportJWK(publicKey)), kid, kty: "RSA", use: "sig", alg: "RS256" };
  return { kid, privateKey, jwk, issuerTenant, published: true };
}

export class KeyRing {
  /** @type {{kid:string, privateKey:CryptoKey, jwk:object, issuerTenant:string, published:boolean}[]} */
  keys = [];

  static async create() {
    const ring = new KeyRing();
    await ring.rotate();
    return ring;
  }

  /** Adds a new signing key and makes it current; older keys stay published. */
  async rotate({ publish = true } = {}) {
    const key = { ...(await newKey(TEMPLATE)), published: publish };
    if (publish) this.keys.unshift(key);
    else this.unpublished = key;
    return key;
  }

  /** A published key bound to one tenant's issuer (reused per tenant), never the current one. */
  async tenantKey(tenantId) {
    const existing = this.keys.find((k) => k.issuerTenant === tenantId);
    if (existing) return existing;
    const key = await newKey(tenantId);
    this.keys.push(key);
    return key;
  }

  get current() {
    return this.keys[0];
  }

  /** @param {string} [base] the authority origin, for each key's `issuer` */
  jwks(base = "") {
    return { keys: this.keys.filter((k) => k.published).map((k) => ({ ...k.jwk, issuer: `${base}/${k.issuerTenant}/v2.0` })) };
  }

  find(kid) {
    return this.keys.find((k) => k.kid === kid);
  }
}
