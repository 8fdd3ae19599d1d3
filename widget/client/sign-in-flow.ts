/**
 * The widget's side of sign-in (SPEC §6, Embedding). Microsoft's pages cannot be
 * framed and send COOP, so window.opener does not survive them: the popup only
 * uses its opener at the very start, to prove it was opened by this page (it
 * receives the hand-off secret by postMessage, to the worker's exact origin), and
 * the result comes back through the worker, collected with that secret. If the
 * popup cannot be opened or is cut off at once (the host page's own COOP), the
 * whole tab goes to Microsoft and back; then a code in the URL fragment is needed
 * as well, so a link started elsewhere can never hand someone's identity over.
 */
import { ApiClient, SsoError, type SessionInfo } from "./api-client";

const POLL_MS = 1500;
const FLOW_TIMEOUT_MS = 10 * 60 * 1000;
const FRAGMENT = "thinglink-sso";
const pendingKey = (endpoint: string) => `thinglink-sso:pending:${endpoint}`;

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function newSecret() {
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))));
  return { secret, challenge };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), reject(new SsoError("sign_in_cancelled", "Signing in was cancelled."))), { once: true });
  });

export interface FlowOptions {
  loginHint?: string;
  signal: AbortSignal;
  /** Called when the widget falls back to a full-page redirect (the page is about to unload). */
  onRedirect?: () => void;
}

export async function signInWithPopup(api: ApiClient, options: FlowOptions): Promise<SessionInfo> {
  const { secret, challenge } = await newSecret();
  const endpointOrigin = new URL(api.endpoint).origin;
  const params = new URLSearchParams({ display: "popup", return_to: location.origin, handoff: challenge });
  if (options.loginHint) params.set("login_hint", options.loginHint);
  const features = `popup,width=520,height=680,left=${Math.round(screenX + (outerWidth - 520) / 2)},top=${Math.round(screenY + (outerHeight - 680) / 2)}`;
  const popup = window.open(`${api.endpoint}/auth/microsoft/start?${params}`, "thinglink-sso", features);
  if (!popup) return redirectToSignIn(api, options);

  let greeted = false;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; handoff?: string } | null;
    if (event.origin !== endpointOrigin || event.source !== popup || data?.type !== "thinglink-sso:popup-ready" || data.handoff !== challenge) return;
    greeted = true;
    popup.postMessage({ type: "thinglink-sso:secret", handoff: challenge, secret }, endpointOrigin);
  };
  window.addEventListener("message", onMessage);
  try {
    await sleep(1000, options.signal);
    // Cut off before it could even greet us: the host page's COOP severed the popup.
    if (!greeted && popup.closed) return redirectToSignIn(api, options);
    const deadline = Date.now() + FLOW_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const result = await api.collect(secret);
      if (result) return result;
      await sleep(POLL_MS, options.signal);
    }
    throw new SsoError("timeout", "Signing in took too long. Please try again.");
  } finally {
    window.removeEventListener("message", onMessage);
    if (options.signal.aborted) popup.close();
  }
}

async function redirectToSignIn(api: ApiClient, options: FlowOptions): Promise<never> {
  const { secret, challenge } = await newSecret();
  sessionStorage.setItem(pendingKey(api.endpoint), secret);
  const here = new URL(location.href);
  here.hash = "";
  const params = new URLSearchParams({ return_to: here.href, handoff: challenge });
  if (options.loginHint) params.set("login_hint", options.loginHint);
  options.onRedirect?.();
  location.assign(`${api.endpoint}/auth/microsoft/start?${params}`);
  return new Promise<never>(() => {});
}

/** After a full-page redirect: the code from the fragment plus the secret kept in this tab. */
export async function finishRedirect(api: ApiClient): Promise<SessionInfo | null> {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = fragment.get(FRAGMENT);
  if (!code) return null;
  fragment.delete(FRAGMENT);
  const rest = fragment.toString();
  history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`);
  const secret = sessionStorage.getItem(pendingKey(api.endpoint));
  sessionStorage.removeItem(pendingKey(api.endpoint));
  if (!secret) return null; // not started in this tab: ignore the code rather than trust it
  return api.collect(secret, code);
}
