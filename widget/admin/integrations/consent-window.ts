/**
 * "Grant consent now" goes to Microsoft in a window of its own. The worker's consent URL goes
 * on only in the browser the admin signed in with (docs/security.md), so it is opened here, in
 * this browser. The window is opened in the click itself, before the URL is asked for, so that
 * popup blockers let it through; a second click reuses it.
 */
export const CONSENT_WINDOW = "thinglink-sso-consent";

export function openConsentWindow(): Window | null {
  const features = `popup,width=560,height=720,left=${Math.round(screenX + (outerWidth - 560) / 2)},top=${Math.round(screenY + (outerHeight - 720) / 2)}`;
  return window.open("", CONSENT_WINDOW, features);
}
