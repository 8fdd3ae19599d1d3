/**
 * "Link for your Global Administrator": for a ThingLink admin who is not a
 * Microsoft administrator. The worker signs the link and keeps only the newest one valid.
 */
import { html, nothing } from "lit";
import { errorText, formatDate } from "../i18n";
import { LightElement } from "../light-element";

/**
 * @tagname thinglink-sso-admin-consent-link
 * @summary The admin panel's link for the tenant's Global Administrator (internal).
 */
export class ConsentLink extends LightElement {
  static properties = {
    link: { state: true },
    busy: { state: true },
    note: { state: true },
    error: { state: true },
  };

  private link?: { url: string; expiresAt: string };
  private busy = false;
  private note = "";
  private error = "";

  private create = async () => {
    this.busy = true;
    this.error = this.note = "";
    try {
      this.link = await this.admin.consentLink();
      this.changed();
      // Straight to the new link, selected, ready to be copied by keyboard too.
      await this.focusLater("input");
      // Selected from the end backwards, so the field shows where the link starts (http…), not its tail.
      const input = this.querySelector("input");
      input?.setSelectionRange(0, input.value.length, "backward");
    } catch (err) {
      this.error = errorText(this.t, err);
    } finally {
      this.busy = false;
    }
  };

  private copy = async () => {
    try {
      await navigator.clipboard.writeText(this.link!.url);
      this.note = this.t.copied;
    } catch {
      // No clipboard (permissions, an insecure context): the link is selected for Ctrl+C.
      this.querySelector("input")?.select();
      this.note = this.t.copyFailed;
    }
  };

  render() {
    const t = this.t;
    const link = this.link;
    return html`<div class="consent-link">
      <h4 id="consent-link-heading">${t.link}</h4>
      <p class="hint">${t.linkHelp}</p>
      ${
        link
          ? html`<div class="copy-row">
              <input id="consent-link-url" part="input" type="text" readonly .value=${link.url} aria-labelledby="consent-link-heading"
                aria-describedby="consent-link-expiry" />
              <button type="button" class="secondary" part="secondary-button" @click=${this.copy}>${t.copy}</button>
            </div>
            <p id="consent-link-expiry" class="hint">${t.expires(formatDate(t, link.expiresAt))}</p>`
          : nothing
      }
      <p role="status" part="status">${this.note}</p>
      <div class="actions">
        <button type="button" class="secondary" part="secondary-button" ?disabled=${this.busy} @click=${this.create}>${link ? t.newLink : t.createLink}</button>
        <span class="hint">${t.linkRevokes}</span>
      </div>
      <p role="alert" part="alert">${this.error}</p>
    </div>`;
  }
}
