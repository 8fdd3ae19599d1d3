/**
 * The Integrations tab: the Microsoft integration (tenant ID, status, consent,
 * the Global Administrator's link, disable/enable), then embed origins and recent activity.
 */
import { html, nothing } from "lit";
import type { Integration, Organization } from "../admin-api";
import { confirmDialog } from "../confirm/confirm-dialog";
import { errorText, formatDate } from "../i18n";
import { LightElement } from "../light-element";
import { ConsentWatch } from "./consent-watch";
import { openConsentWindow } from "./consent-window";

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Waiting for consent: before the first, or active with the tenant-wide grant found missing since. */
const needsConsent = (i: Integration) =>
  i.status === "awaiting_consent" || (i.status === "active" && i.lastError?.code === "tenant_consent_missing");

/**
 * @tagname thinglink-sso-admin-integrations
 * @summary The admin panel's Integrations tab (internal).
 */
export class IntegrationsTab extends LightElement {
  static properties = {
    org: { attribute: false },
    integration: { state: true },
    loadError: { state: true },
    grantNote: { state: true },
    grantError: { state: true },
    toggleError: { state: true },
    revision: { state: true },
  };

  org!: Organization;
  private integration?: Integration;
  private loadError = "";
  /** After a click: the window opened, or (a blocked window) the consent URL as a link. */
  private grantNote?: { opened: true } | { url: string };
  private granting = false;
  private grantError = "";
  private toggleError = "";
  /** Bumped on every change, so the activity list reloads. */
  private revision = 0;

  /** Reads the integration again and shows what changed; answers whether it still waits for consent. */
  private check = async () => {
    const next = await this.admin.integration();
    if (JSON.stringify(next) !== JSON.stringify(this.integration)) {
      // A new outcome (a declined or failed consent) replaces "the window opened": it is what happened.
      if (next.lastError?.at !== this.integration?.lastError?.at) this.grantNote = undefined;
      // Grant consent now (and the link) go away once active: focus moves to the status, not to the page.
      const focused = (this.getRootNode() as ShadowRoot).activeElement;
      this.show(next);
      await this.updateComplete;
      if (focused && !focused.isConnected) this.querySelector<HTMLElement>(".status-line")?.focus();
    }
    return needsConsent(next);
  };
  private watch = new ConsentWatch(this.check);
  /** Back on the page: what happened meanwhile shows (a sign-up may have found the grant missing). */
  private recheck = () => this.integration && !this.watch.watching && this.check().catch(() => {});

  connectedCallback() {
    super.connectedCallback();
    addEventListener("focus", this.recheck);
  }

  constructor() {
    super();
    this.addEventListener("admin-changed", () => {
      this.revision++;
      // A link made, a tenant saved: consent may now come from elsewhere (the Global
      // Administrator's own browser), so the status follows for a while.
      if (this.integration && needsConsent(this.integration)) this.watch.start();
    });
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("admin") && this.org.integration.available) void this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("focus", this.recheck);
    this.watch.stop();
  }

  private load = async () => {
    this.loadError = "";
    try {
      this.integration = await this.admin.integration();
    } catch (err) {
      this.loadError = errorText(this.t, err);
    }
  };

  /** A new state of the integration: shown, and the activity list follows. */
  private show(next: Integration) {
    this.integration = next;
    this.changed();
  }

  private saved = (event: CustomEvent<Integration>) => {
    this.grantNote = undefined;
    this.grantError = "";
    this.show(event.detail);
  };

  private grant = async (event: MouseEvent) => {
    // A double click sends one window to Microsoft, not two: the second click of it is ignored
    // even when the first one's call has already answered.
    if (this.granting || event.detail > 1) return;
    this.granting = true;
    this.grantError = "";
    this.grantNote = undefined;
    const opened = openConsentWindow();
    try {
      const { consentUrl } = await this.admin.consentStart();
      if (opened) opened.location.href = consentUrl;
      this.grantNote = opened ? { opened: true } : { url: consentUrl };
      this.watch.start();
      this.changed();
    } catch (err) {
      opened?.close();
      this.grantError = errorText(this.t, err);
    } finally {
      this.granting = false;
    }
  };

  private askDisable = async () => {
    const t = this.t;
    this.toggleError = "";
    if (await confirmDialog(this, { message: t.confirmDisable(this.org.name), confirm: t.confirmYes, cancel: t.confirmNo })) {
      await this.setEnabled(false);
    }
  };

  private toggling = false;
  private setEnabled = async (enabled: boolean) => {
    // A double click asks once (the second would be refused: already enabled).
    if (this.toggling) return;
    this.toggling = true;
    this.toggleError = "";
    try {
      this.show(await this.admin.setEnabled(enabled));
      void this.focusLater(enabled ? ".disable" : ".enable");
    } catch (err) {
      this.toggleError = errorText(this.t, err);
    }
    this.toggling = false;
  };

  private statusText(i: Integration) {
    const t = this.t;
    if (i.status === "active") {
      // An active integration always says who consented; this only keeps a surprise readable.
      const consent = i.consent ?? {
        at: i.updatedAt ?? new Date().toISOString(),
        by: { name: null, upn: null },
        method: "support" as const,
      };
      // Support is named by how it was set up ("set up by ThingLink support"), not twice.
      const by = consent.method === "support" ? null : (consent.by.name ?? consent.by.upn ?? t.actors.account);
      const active = t.active(formatDate(t, consent.at, false), by, t.how[consent.method] ?? consent.method);
      return i.lastError
        ? html`${active}<span class="last-error">${t.noticed(formatDate(t, i.lastError.at), i.lastError.message)}</span>`
        : active;
    }
    if (i.status === "awaiting_consent") {
      return html`${t.awaiting}${i.lastError ? html`<span class="last-error">${t.lastError(formatDate(t, i.lastError.at), i.lastError.message)}</span>` : nothing}`;
    }
    return i.status === "disabled" ? t.disabled(i.updatedAt ? formatDate(t, i.updatedAt, false) : null) : t.notConfigured;
  }

  private renderUnavailable() {
    const { t, org } = this;
    const reason = this.integration?.unavailableReason ?? org.integration.unavailableReason;
    const why = reason && t.unavailableWhy[reason.code];
    return html`<div class="unavailable">
      <p><strong>${t.unavailable}</strong></p>
      <p>${why ? why(org.name, capitalized(org.license)) : reason?.message}</p>
      ${why ? html`<p>${t.upgrade}</p>` : nothing}
    </div>`;
  }

  private renderAwaiting() {
    const t = this.t;
    const note = this.grantNote;
    return html`<p class="hint">${t.awaitingHelp}</p>
      <div class="actions">
        <button type="button" class="primary grant" part="primary-button" @click=${this.grant}>${t.grant}</button>
      </div>
      <p role="status" part="status">${
        note && "url" in note
          ? html`${t.grantBlocked} <a href=${note.url} target="_blank" rel="noopener">${t.grantLink}</a>`
          : note
            ? t.grantOpened
            : ""
      }</p>
      <p role="alert" part="alert">${this.grantError}</p>
      <thinglink-sso-admin-consent-link .admin=${this.admin} .t=${this.t}></thinglink-sso-admin-consent-link>`;
  }

  private renderToggle(i: Integration) {
    const t = this.t;
    let controls;
    if (i.status === "disabled") {
      controls = html`<button type="button" class="primary enable" part="primary-button" @click=${() => this.setEnabled(true)}>${t.enable}</button>`;
    } else if (i.status === "not_configured") {
      return nothing;
    } else {
      controls = html`<button type="button" class="secondary disable" part="secondary-button" @click=${this.askDisable}>${t.disable}</button>`;
    }
    return html`<div class="toggle">${controls}<p role="alert" part="alert">${this.toggleError}</p></div>`;
  }

  /** What is asked of Microsoft, read when, and where a Microsoft administrator reviews it. */
  private renderPermissions() {
    const t = this.t;
    return html`<details class="permissions">
      <summary>${t.permissionsTitle}</summary>
      <ul>
        <li>${t.permissionSignIn}</li>
        ${this.org.kind === "education" ? html`<li>${t.permissionRoster}</li>` : nothing}
      </ul>
      <p>${t.permissionWhen}</p>
      <p>${t.permissionReview} <a href="https://entra.microsoft.com" target="_blank" rel="noopener">${t.entraCenter}</a></p>
    </details>`;
  }

  private renderMicrosoft() {
    const t = this.t;
    const i = this.integration;
    if (!(i?.available ?? this.org.integration.available)) return this.renderUnavailable();
    if (this.loadError) {
      return html`<p role="alert" part="alert">${this.loadError}</p>
        <button type="button" class="secondary" part="secondary-button" @click=${this.load}>${t.retry}</button>`;
    }
    if (!i) return html`<p role="status" part="status">${t.loading}</p>`;
    return html`<p class="hint">${t.intro}</p>
      ${this.renderPermissions()}
      <thinglink-sso-admin-tenant .admin=${this.admin} .t=${t} .tenantId=${i.tenantId} .tenantDomain=${i.tenantDomain} .active=${i.status === "active"} @tenant-saved=${this.saved}></thinglink-sso-admin-tenant>
      <div class="item">
        <span class="label">${t.status}</span>
        <span class="value status-line status-${i.status}" role="status" part="status" tabindex="-1">${this.statusText(i)}</span>
      </div>
      ${needsConsent(i) ? this.renderAwaiting() : nothing} ${this.renderToggle(i)}`;
  }

  render() {
    return html`<section part="section" aria-labelledby="microsoft-heading">
        <h3 id="microsoft-heading">${this.t.microsoft}</h3>
        ${this.renderMicrosoft()}
      </section>
      <thinglink-sso-admin-origins .admin=${this.admin} .t=${this.t}></thinglink-sso-admin-origins>
      <thinglink-sso-admin-activity .admin=${this.admin} .t=${this.t} .revision=${this.revision}></thinglink-sso-admin-activity>`;
  }
}
