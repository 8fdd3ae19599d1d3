/**
 * After the full-page fallback the worker returns to the page with a one-time code in
 * the URL fragment. This module runs when widget.js is evaluated, before any element
 * or other script of ours does: it takes the code out of the address bar at once
 * (so it is not left in history, screenshots or shared links) and keeps it in memory
 * for the element that finishes the sign-in. Loading the script twice is harmless:
 * the first copy takes the code, and both read it from the same global slot.
 */
export const REDIRECT_FRAGMENT = "thinglink-sso";
const SLOT = Symbol.for("thinglink-sso:redirect-code");

type Slot = { [SLOT]?: string | null };

function takeFromAddressBar(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = fragment.get(REDIRECT_FRAGMENT);
  if (!code) return;
  fragment.delete(REDIRECT_FRAGMENT);
  const rest = fragment.toString();
  history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`);
  (globalThis as Slot)[SLOT] = code;
}

takeFromAddressBar();

/** The code this page was returned with, once: whoever takes it owns it. */
export function takeRedirectCode(): string | null {
  const code = (globalThis as Slot)[SLOT] ?? null;
  (globalThis as Slot)[SLOT] = null;
  return code;
}
