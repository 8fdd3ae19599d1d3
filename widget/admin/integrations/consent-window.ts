/**
 * "Grant consent now" goes to Microsoft in a window of its own, from this browser only: the
 * worker gives the panel a ticket bound to the admin's session and to a secret the panel
 * made, and the window is sent there with a form POST carrying both (a URL alone would work
 * for anyone it was forwarded to). The window is opened in the click itself, before the
 * ticket is asked for, so that popup blockers let it through; a second click reuses it.
 */
export const CONSENT_WINDOW = "thinglink-sso-consent";

export function openConsentWindow(): Window | null {
  const features = `popup,width=560,height=720,left=${Math.round(screenX + (outerWidth - 560) / 2)},top=${Math.round(screenY + (outerHeight - 720) / 2)}`;
  return window.open("", CONSENT_WINDOW, features);
}

/** Sends `target` (a window name, or _blank) to the ticket's page: a POST with the ticket and the secret. */
export function postTicket(host: Element, consentUrl: string, secret: string, target: string) {
  const url = new URL(consentUrl);
  const form = document.createElement("form");
  form.method = "post";
  form.action = `${url.origin}${url.pathname}`;
  form.target = target;
  form.hidden = true;
  for (const [name, value] of [
    ["ticket", url.searchParams.get("ticket") ?? ""],
    ["secret", secret],
  ]) {
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name, value });
    form.appendChild(input);
  }
  host.appendChild(form);
  form.submit();
  form.remove();
}
