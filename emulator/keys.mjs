/** The emulator's signing keys: RS256, published as a JWKS, rotatable on demand. */
import { exportJWK, generateKeyPair } from "jose";
import { randomUUID } from "node:crypto";

export class KeyRing {
  /** @type {{kid:string, privateKey:CryptoKey, jwk:object, published:boolean}[]} */
  keys = [];

  static async create() {
    const ring = new KeyRing();
    await ring.rotate();
    return ring;
  }

  /** Adds a new signing key and makes it current; older keys stay published. */
  async rotate({ publish = true } = {}) {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const kid = randomUUID().replace(/-/g, "").slice(0, 27);
    const jwk = { ...(await exportJWK(publicKey)), kid, kty: "RSA", use: "sig", alg: "RS256" };
    const key = { kid, privateKey, jwk, published: publish };
    if (publish) this.keys.unshift(key);
    else this.unpublished = key;
    return key;
  }

  get current() {
    return this.keys[0];
  }

  jwks() {
    return { keys: this.keys.filter((k) => k.published).map((k) => k.jwk) };
  }

  find(kid) {
    return this.keys.find((k) => k.kid === kid);
  }
}
