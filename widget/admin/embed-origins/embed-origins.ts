/**
 * Embed origins: the organization's own https:// sites where the widget may run for its
 * people. One origin per line; the worker validates and normalizes them, and its message
 * names the line it refused. Each origin is listed with its status: it has no effect until
 * its site serves the organization's line at /.well-known/thinglink-sso.txt ("Check now"),
 * or ThingLink support approves it.
 */
import { html, nothing } from "lit";
import type { EmbedOrigin, EmbedOrigins as OriginList } from "../admin-api";
import { errorText, formatDate } from "../i18n";
import { LightElement } from "../light-element";

/**
 * @tagname thinglink-sso-admin-origins
 * @summary The admin panel's embed origins editor (internal).
 */
export class EmbedOrigins extends LightElement {
  static properties = {
    text: { state: true },
    list: { state: true },
    saving: { state: true },
    checking: { state: true },
    note: { state: true },
    error: { state: true },
    checkError: { state: true },
  };

  private text = "";
  private list?: OriginList;
  private saving = false;
  /** The origin being checked now. */
  private checking = "";
  private note = "";
  private error = "";
  private checkError = "";

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin")) void this.load();
  }

  private show(list: OriginList) {
    this.list = list;
    this.text = list.origins.map((o) => o.origin).join("\n");
  }

  private async load() {
    try {
      this.show(await this.admin.origins());
    } catch (err) {
      this.error = errorText(this.t, err);
    }
  }

  private save = async (event: Event) => {
    event.preventDefault();
    // One per line (or comma): a line with spaces in it is one mistake, quoted whole in the answer.
    const origins = this.text
      .split(/[\n,]/)
      .map((o) => o.trim())
      .filter(Boolean);
    this.saving = true;
    this.error = this.note = this.checkError = "";
    try {
      this.show(await this.admin.setOrigins(origins));
      this.note = this.t.saved;
      this.changed();
      // The button was disabled while saving, which drops focus to the page: back to the list.
      void this.focusLater("textarea");
    } catch (err) {
      this.error = errorText(this.t, err);
      void this.focusLater("textarea");
    } finally {
      this.saving = false;
    }
  };

  private check = async (origin: string) => {
    if (this.checking) return;
    this.checking = origin;
    this.note = this.checkError = "";
    try {
      await this.admin.checkOrigin(origin);
      this.note = this.t.checked(origin);
      this.changed();
    } catch (err) {
      // A site that failed its check says why on its own row; anything else (the network) is said here.
      if ((err as { code?: string }).code !== "origin_not_proven") this.checkError = errorText(this.t, err);
    }
    this.checking = "";
    await this.load();
    // Focus stays with the site just checked: its Check now button again, or its row once proven.
    await this.updateComplete;
    const row = this.querySelector<HTMLElement>(`li[data-origin="${CSS.escape(origin)}"]`);
    (row?.querySelector<HTMLElement>("button") ?? row)?.focus();
  };

  private renderOrigin(o: EmbedOrigin) {
    const t = this.t;
    const failed = o.status === "pending" && o.lastCheck?.error;
    const status = o.status === "verified" ? (o.verifiedBy === "support" ? t.verifiedBySupport : t.verified) : t.pendingOrigin;
    // One shape for every row: the site, its status, Check now while it is not proven, then why the last check failed.
    return html`<li data-origin=${o.origin} tabindex="-1">
      <span class="value"><code>${o.origin}</code></span>
      <span class="origin-status status-${o.status}">${status}</span>
      ${o.status === "pending" ? this.renderCheck(o.origin) : nothing}
      ${failed ? html`<span class="last-error">${t.lastCheck(formatDate(t, o.lastCheck!.at), o.lastCheck!.error!.message)}</span>` : nothing}
    </li>`;
  }

  private renderCheck(origin: string) {
    const t = this.t;
    return html`<button type="button" class="secondary" part="secondary-button" data-origin=${origin} ?disabled=${!!this.checking} @click=${() => this.check(origin)}>${this.checking === origin ? t.checking : t.checkNow}<span class="vh"> ${origin}</span></button>`;
  }

  private renderList() {
    const t = this.t;
    const list = this.list;
    if (!list) return nothing;
    return html`<h4 id="origin-list-heading">${t.originList}</h4>
      ${list.origins.length ? html`<ul class="origins" aria-labelledby="origin-list-heading">${list.origins.map((o) => this.renderOrigin(o))}</ul>` : html`<p class="hint">${t.noOrigins}</p>`}
      <p id="origin-token-hint" class="hint">${t.proveHow(list.wellKnownPath)}</p>
      <div class="copy-row">
        <label for="origin-token" class="vh">${t.token}</label>
        <input id="origin-token" part="input" type="text" readonly .value=${list.token} aria-describedby="origin-token-hint" />
      </div>
      <p role="alert" part="alert">${this.checkError}</p>`;
  }

  render() {
    const t = this.t;
    const loaded = !!this.list;
    return html`<section part="section" aria-labelledby="origins-heading">
      <h3 id="origins-heading">${t.origins}</h3>
      <form @submit=${this.save}>
        <label for="origins" class="vh">${t.origins}</label>
        <p id="origins-hint" class="hint">${t.originsHint}</p>
        <textarea id="origins" part="input" rows="3" spellcheck="false" autocomplete="off" aria-describedby="origins-hint origins-error"
          aria-invalid=${this.error && loaded ? "true" : "false"} ?disabled=${!loaded} .value=${this.text}
          @input=${(e: Event) => {
            this.text = (e.target as HTMLTextAreaElement).value;
            this.note = "";
          }}></textarea>
        <p id="origins-error" role="alert" part="alert">${this.error}</p>
        <div class="actions">
          <button type="submit" class="primary" part="primary-button" ?disabled=${this.saving || !loaded}>${this.saving ? t.saving : t.saveOrigins}</button>
          <span role="status" part="status">${this.note}</span>
        </div>
      </form>
      ${this.renderList()}
    </section>`;
  }
}
