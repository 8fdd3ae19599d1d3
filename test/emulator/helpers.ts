/** Talking to the emulator over real HTTP, as a relying party and a browser would. */
import { createHash } from "node:crypto";
import { createEmulator } from "../../emulator/server.mjs";
import { DEFAULT_CLIENT } from "../../emulator/fixture.mjs";
import { SESSION_COOKIE } from "../../emulator/sessions.mjs";

export type Emulator = Awaited<ReturnType<typeof createEmulator>>;
export const REDIRECT = "http://127.0.0.1:9999/auth/microsoft/callback";
export const CONSENT_REDIRECT = "http://127.0.0.1:9999/auth/microsoft/admin-consent/callback";
export const VERIFIER = "v".repeat(43);
export const s256 = (v: string) => createHash("sha256").update(v).digest("base64url");
export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString()) as Record<string, any>;
export const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString()) as Record<string, any>;

/** A browser's cookie jar for the emulator's origin. */
export class Jar {
  cookie = "";
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) if (line.startsWith(`${SESSION_COOKIE}=`)) this.cookie = line.split(";")[0];
    return res;
  }
  headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }
}

export function emulatorClient(emu: () => Emulator) {
  async function authorize(params: Record<string, string>, tenant = "common", jar?: Jar) {
    const url = new URL(`${emu().url}/${tenant}/oauth2/v2.0/authorize`);
    const all = {
      client_id: DEFAULT_CLIENT.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid profile User.Read",
      state: "st",
      nonce: "nn",
      code_challenge: s256(VERIFIER),
      code_challenge_method: "S256",
      ...params,
    };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: "manual", headers: jar?.headers() ?? {} });
    return jar ? jar.take(res) : res;
  }

  async function adminConsent(params: Record<string, string>, tenant: string, jar?: Jar) {
    const url = new URL(`${emu().url}/${tenant}/v2.0/adminconsent`);
    const all = {
      client_id: DEFAULT_CLIENT.clientId,
      redirect_uri: CONSENT_REDIRECT,
      scope: "https://graph.microsoft.com/.default",
      state: "cs",
      ...params,
    };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: "manual", headers: jar?.headers() ?? {} });
    return jar ? jar.take(res) : res;
  }

  /** Submits the emulator page's form with `fields` (e.g. a picked oid, accept or cancel). */
  async function submit(html: string, fields: Record<string, string>, jar?: Jar) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const res = await fetch(`${emu().url}${action}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(jar?.headers() ?? {}) },
      body: new URLSearchParams({ ...hidden, ...fields }),
    });
    return jar ? jar.take(res) : res;
  }

  function redeem(code: string, extra: Record<string, string> = {}) {
    const form = {
      grant_type: "authorization_code",
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: DEFAULT_CLIENT.clientSecret,
      code,
      ...extra,
    };
    return fetch(`${emu().url}/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  }

  /** The redirect's query parameters (throws when the answer is a page). */
  function answer(res: Response) {
    const location = res.headers.get("location");
    if (!location) throw new Error(`expected a redirect, got ${res.status}`);
    return Object.fromEntries(new URL(location).searchParams) as Record<string, string>;
  }

  /** Signs in through the authorize endpoint and redeems the code: the tokens Microsoft would send. */
  async function tokensFor(params: Record<string, string>, tenant = "common", jar?: Jar) {
    const { code, error, error_description } = answer(await authorize(params, tenant, jar));
    if (!code) throw new Error(`no code: ${error} ${error_description}`);
    const tokens = (await (await redeem(code)).json()) as { id_token: string; access_token: string; scope: string };
    return { ...tokens, id: claimsOf(tokens.id_token), access: claimsOf(tokens.access_token) };
  }

  const hook = (path: string, body: unknown = {}) =>
    fetch(`${emu().url}${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());

  return { authorize, adminConsent, submit, redeem, answer, tokensFor, hook };
}

export async function startEmulator() {
  return createEmulator();
}
