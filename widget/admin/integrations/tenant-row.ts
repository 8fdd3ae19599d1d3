/**
 * The "Azure tenant ID" row: the value with an Edit button, which turns it into a field
 * with Save changes and Cancel. Saving PUTs the tenant ID (a GUID or a verified domain,
 * which the worker resolves), after which the integration awaits consent.
 */
import { html } from "lit";
import type { Integration } from "../admin-api";
import { confirmDialog } from "../confirm/confirm-dialog";
import { errorText } from "../i18n";
import { LightElement } from "../light-element";

/** Where a Microsoft administrator sees the tenant ID (the admin center's tenant overview). */
const ENTRA_OVERVIEW = "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView";
/**
 * @tagname thinglink-sso-admin-tenant
 * @summary The admin panel's Azure tenant ID row (internal).
 * @event tenant-saved - After a successful save. detail: the integration (with consentUrl).
 */
export class TenantRow extends LightElement {
  static properties = {
    tenantId: { attribute: false },
    tenantDomain: { attribute: false },
    active: { attribute: false },
    editing: { state: true },
    saving: { state: true },
    error: { state: true },
  };

  tenantId: string | null = null;
  /** The domain the tenant was typed as, shown beside the GUID. */
  tenantDomain: string | null = null;
  /** The integration is active: replacing its tenant stops it, so the browser asks first. */
  active = false;
  private editing = false;
  private saving = false;
  private error = "";

  private edit = () => {
    this.editing = true;
    this.error = "";
    void this.focusLater("input");
  };

  private cancel = () => {
    this.editing = false;
    void this.focusLater(".edit");
  };

  private save = async (event: Event) => {
    event.preventDefault();
    if (this.saving) return;
    const value = this.querySelector("input")!.value.trim();
    const changesTheConnectedTenant = this.active && value.toLowerCase() !== this.tenantId && value.toLowerCase() !== this.tenantDomain;
    if (changesTheConnectedTenant) {
      const t = this.t;
      if (!(await confirmDialog(this, { message: t.confirmTenant, confirm: t.saveTenant, cancel: t.cancel }))) return;
    }
    this.saving = true;
    this.error = "";
    try {
      const integration: Integration = await this.admin.setTenant(value);
      this.editing = false;
      this.dispatchEvent(new CustomEvent("tenant-saved", { detail: integration }));
      void this.focusLater(".edit");
    } catch (err) {
      this.error = errorText(this.t, err);
      void this.focusLater("input");
    } finally {
      this.saving = false;
    }
  };

  render() {
    const t = this.t;
    if (!this.editing) {
      return html`<div class="item">
        <span class="label">${t.tenant}</span>
        <span class="value">${this.tenantId ? html`${this.tenantDomain ? html`${this.tenantDomain} ` : ""}<code>${this.tenantId}</code>` : t.notConfigured}</span>
        <button type="button" class="secondary edit" part="secondary-button" @click=${this.edit}>${t.edit}<span class="vh"> ${t.tenantObject}</span></button>
      </div>`;
    }
    const invalid = this.error ? "true" : "false";
    return html`<form class="edit-form" @submit=${this.save} @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.cancel()}>
      <label for="tenant-id">${t.tenant}</label>
      <input id="tenant-id" part="input" type="text" autocomplete="off" spellcheck="false" .value=${this.tenantDomain ?? this.tenantId ?? ""}
        aria-describedby="tenant-hint tenant-where tenant-error" aria-invalid=${invalid} />
      <p id="tenant-hint" class="hint">${t.tenantHint}</p>
      <p id="tenant-where" class="hint">${t.tenantWhere} <a href=${ENTRA_OVERVIEW} target="_blank" rel="noopener">${t.entraCenter}</a></p>
      <p id="tenant-error" role="alert" part="alert">${this.error}</p>
      <div class="actions">
        <button type="submit" class="primary" part="primary-button" ?disabled=${this.saving}>${this.saving ? t.saving : t.save}</button>
        <button type="button" class="secondary" part="secondary-button" @click=${this.cancel}>${t.cancel}</button>
      </div>
    </form>`;
  }
}
