/**
 * Embed origins (SPEC §2): the organization's own https:// sites where the widget may run
 * for its people. One origin per line; the worker validates and normalizes them, and its
 * message names the line it refused.
 */
import { html } from "lit";
import { errorText } from "../i18n";
import { LightElement } from "../light-element";

/**
 * @tagname thinglink-sso-admin-origins
 * @summary The admin panel's embed origins editor (internal).
 */
export class EmbedOrigins extends LightElement {
  static properties = {
    text: { state: true },
    loaded: { state: true },
    saving: { state: true },
    note: { state: true },
    error: { state: true },
  };

  private text = "";
  private loaded = false;
  private saving = false;
  private note = "";
  private error = "";

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin")) void this.load();
  }

  private async load() {
    try {
      this.text = (await this.admin.origins()).origins.join("\n");
      this.loaded = true;
    } catch (err) {
      this.error = errorText(this.t, err);
    }
  }

  private save = async (event: Event) => {
    event.preventDefault();
    // One per line (or comma): a line with spaces in it is one mistake, quoted whole in the answer.
    const origins = this.text.split(/[\n,]/).map((o) => o.trim()).filter(Boolean);
    this.saving = true;
    this.error = this.note = "";
    try {
      this.text = (await this.admin.setOrigins(origins)).origins.join("\n");
      this.note = this.t.saved;
      this.changed();
    } catch (err) {
      this.error = errorText(this.t, err);
      void this.focusLater("textarea");
    } finally {
      this.saving = false;
    }
  };

  render() {
    const t = this.t;
    return html`<section part="section" aria-labelledby="origins-heading">
      <h3 id="origins-heading">${t.origins}</h3>
      <form @submit=${this.save}>
        <label for="origins" class="vh">${t.origins}</label>
        <p id="origins-hint" class="hint">${t.originsHint}</p>
        <textarea id="origins" part="input" rows="3" spellcheck="false" autocomplete="off" aria-describedby="origins-hint origins-error"
          aria-invalid=${this.error && this.loaded ? "true" : "false"} ?disabled=${!this.loaded} .value=${this.text}
          @input=${(e: Event) => ((this.text = (e.target as HTMLTextAreaElement).value), (this.note = ""))}></textarea>
        <p id="origins-error" role="alert" part="alert">${this.error}</p>
        <div class="actions">
          <button type="submit" class="primary" part="primary-button" ?disabled=${this.saving || !this.loaded}>${this.saving ? t.saving : t.saveOrigins}</button>
          <span role="status" part="status">${this.note}</span>
        </div>
      </form>
    </section>`;
  }
}
