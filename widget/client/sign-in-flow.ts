/**
 * The widget's side of sign-in (README, "How sign-in reaches a page on another site"). Microsoft's pages cannot be
 * framed and send COOP, so window.opener does not survive them: the popup only
 * uses its opener at the very start, to prove it was opened by this page (it
 * receives the hand-off secret by postMessage, to the worker's exact origin), and
 * the result comes back through the worker, collected with that secret.
 *
 * Once Microsoft's page has severed the popup, a closed window and one still
 * signing in look the same from here, so the wait never blocks the button and ends
 * by itself. The whole tab goes to Microsoft and back only on a real signal: the
 * popup could not be opened, or its first page told the worker it has no opener
 * (the host page's own COOP). That fallback is a form POST from this page, so no
 * link can start it for someone else, and it needs the code returned in the
 * fragment as well as the secret kept in this tab.
 */
import { ApiClient, SsoError, type SessionInfo } from "./api-client";
import { takeRedirectCode } from "./redirect-code";
import { newSecret } from "./secret";

const POLL_MS = 1500;
/** How long a sign-in window is waited for (the worker keeps a result five minutes). */
export const SIGN_IN_WAIT_MS = 5 * 60 * 1000;
const pendingKey = (endpoint: string) => `thinglink-sso:pending:${endpoint}`;
/** A popup's wait, kept in this tab so that a reload of the page picks it up again. */
const waitingKey = (endpoint: string) => `thinglink-sso:waiting:${endpoint}`;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new SsoError("sign_in_cancelled", "Signing in was cancelled."));
    const t = setTimeout(resolve, ms);
    const cancel = () => {
      clearTimeout(t);
      reject(new SsoError("sign_in_cancelled", "Signing in was cancelled."));
    };
    signal.addEventListener("abort", cancel, { once: true });
  });

export interface FlowOptions {
  loginHint?: string;
  lang?: string;
  signal: AbortSignal;
}

export async function signInWithPopup(api: ApiClient, options: FlowOptions): Promise<SessionInfo> {
  const { secret, challenge } = await newSecret();
  const endpointOrigin = new URL(api.endpoint).origin;
  const params = new URLSearchParams({ display: "popup", return_to: location.origin, handoff: challenge });
  if (options.loginHint) params.set("login_hint", options.loginHint);
  if (options.lang) params.set("lang", options.lang);
  const features = `popup,width=520,height=680,left=${Math.round(screenX + (outerWidth - 520) / 2)},top=${Math.round(screenY + (outerHeight - 680) / 2)}`;
  const popup = window.open(`${api.endpoint}/auth/microsoft/start?${params}`, "thinglink-sso", features);
  if (!popup) return redirectToSignIn(api, options);

  let greeted = false;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; handoff?: string } | null;
    if (
      event.origin !== endpointOrigin ||
      event.source !== popup ||
      data?.type !== "thinglink-sso:popup-ready" ||
      data.handoff !== challenge
    )
      return;
    greeted = true;
    popup.postMessage({ type: "thinglink-sso:secret", handoff: challenge, secret }, endpointOrigin);
  };
  // Starting over or cancelling abandons this window (a no-op once Microsoft has severed it).
  const abandon = () => popup.close();
  window.addEventListener("message", onMessage);
  options.signal.addEventListener("abort", abandon, { once: true });
  try {
    // Our own popup greeted us, so a "no opener" report came from a copy of its link: ignore it.
    return await waitForResult(api, secret, Date.now() + SIGN_IN_WAIT_MS, options.signal, () =>
      greeted ? null : redirectToSignIn(api, options),
    );
  } finally {
    window.removeEventListener("message", onMessage);
    options.signal.removeEventListener("abort", abandon);
  }
}

/**
 * The page was reloaded while its sign-in window was open: the wait goes on where it was
 * (the window delivers to the worker, not to this page). Null when nothing is waiting, and
 * for every element but the first on a page: the others follow it when it announces.
 */
export function resumeSignIn(api: ApiClient): ((signal: AbortSignal) => Promise<SessionInfo>) | null {
  type Kept = { secret?: string; until?: number } | null;
  let kept: Kept = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(waitingKey(api.endpoint)) ?? "null") as Kept;
  } catch {
    /* not ours */
  }
  if (resumed.has(api.endpoint) || !kept?.secret || !(Number(kept.until) > Date.now())) return null;
  resumed.add(api.endpoint);
  const { secret, until } = kept as { secret: string; until: number };
  return (signal) => waitForResult(api, secret, until, signal, () => null);
}
const resumed = new Set<string>();

/** Polls the hand-off until its result is ready, the wait runs out or it is abandoned. */
async function waitForResult(
  api: ApiClient,
  secret: string,
  until: number,
  signal: AbortSignal,
  noOpener: () => Promise<never> | null,
): Promise<SessionInfo> {
  const key = waitingKey(api.endpoint);
  sessionStorage.setItem(key, JSON.stringify({ secret, until }));
  try {
    for (;;) {
      await sleep(POLL_MS, signal);
      if (Date.now() > until) throw new SsoError("sign_in_not_finished", "Sign-in was not finished.");
      try {
        const result = await api.collect(secret);
        if (result) return result;
      } catch (err) {
        if (!(err instanceof SsoError)) throw err;
        if (err.code === "popup_no_opener") {
          const redirect = noOpener();
          if (redirect) return await redirect;
          continue;
        }
        if (err.status !== 429) throw err;
        await sleep(Math.min(err.retryAfter ?? 1, 60) * 1000, signal);
      }
    }
  } finally {
    // Unless a new sign-in of this tab has taken the place already.
    if (sessionStorage.getItem(key)?.includes(secret)) sessionStorage.removeItem(key);
  }
}

/** The full-page fallback: a top-level form POST from this page (the worker checks its Origin). */
async function redirectToSignIn(api: ApiClient, options: FlowOptions): Promise<never> {
  const { secret, challenge } = await newSecret();
  sessionStorage.setItem(pendingKey(api.endpoint), secret);
  sessionStorage.removeItem(waitingKey(api.endpoint));
  const here = new URL(location.href);
  here.hash = "";
  const form = document.createElement("form");
  form.method = "post";
  form.action = `${api.endpoint}/auth/microsoft/start`;
  form.hidden = true;
  const fields = { handoff: challenge, return_to: here.href, login_hint: options.loginHint, lang: options.lang };
  for (const [name, value] of Object.entries(fields)) {
    if (!value) continue;
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name, value });
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
  return new Promise<never>(() => {});
}

/** After a full-page redirect: the code taken from the fragment plus the secret kept in this tab. */
export async function finishRedirect(api: ApiClient): Promise<SessionInfo | null> {
  const code = takeRedirectCode();
  if (!code) return null;
  const secret = sessionStorage.getItem(pendingKey(api.endpoint));
  sessionStorage.removeItem(pendingKey(api.endpoint));
  if (!secret) return null; // not started in this tab: ignore the code rather than trust it
  return api.collect(secret, code);
}
