/**
 * <thinglink-sso-admin>: the organization admin panel, rendered by
 * <thinglink-sso view="admin"> once someone is signed in. It lives in the lazily loaded
 * chunk, so sign-in never pays for it.
 */
import { LitElement, html } from "lit";
import { SsoError, type ApiClient } from "../../client/api-client";
import { SsoErrorEvent } from "../../events";
import { AdminApi, type Organization } from "../admin-api";
import { adminStringsFor, errorText } from "../i18n";
import { integrationsStyles } from "../integrations/integrations-tab.styles";
import { tableStyles } from "../list/list.styles";
import { renderTabs, type Tab } from "../tabs/tabs";
import { tabsStyles } from "../tabs/tabs.styles";
import { adminStyles } from "./admin-view.styles";
import { confirmDialogStyles } from "../confirm/confirm-dialog.styles";

/** The panel's ::part() names, which <thinglink-sso> passes on to the host page. */
export const ADMIN_PARTS =
  "admin, admin-heading, tablist, tab, tab-badge, tabpanel, section, input, primary-button, secondary-button, alert, status";

/** Fired (not composed) when the API says the session is gone: the host element checks it again. */
export const SESSION_ENDED = "thinglink-sso-admin-session-ended";

type ViewState =
  | { status: "loading" }
  | { status: "refused" }
  | { status: "error"; message: string }
  | { status: "ready"; org: Organization; admin: AdminApi };

/**
 * @tagname thinglink-sso-admin
 * @summary The organization admin panel inside `<thinglink-sso view="admin">` (internal: its parts are exported through the host element).
 *
 * @event thinglink-sso-error - When the panel cannot load. detail: code, message.
 */
export class AdminView extends LitElement {
  static styles = [adminStyles, tabsStyles, integrationsStyles, tableStyles, confirmDialogStyles];

  static properties = {
    api: { attribute: false },
    org: { attribute: false },
    lang: { type: String },
    account: { attribute: false },
    state: { state: true },
    tab: { state: true },
  };

  /** The host element's API client (its endpoint and session token). */
  api?: ApiClient;
  /** Organization id or slug, from the host's `org` attribute. */
  org?: string;
  /** "en" or "fi", as the host element chose it (an attribute, so screen readers switch voice too: the panel may speak another language than the page). */
  lang!: string;
  /** The signed-in account's id: another account means loading again. */
  account?: string;

  private state: ViewState = { status: "loading" };
  private tab = "integrations";
  private loadedFor = "";
  private loads = 0;

  connectedCallback() {
    super.connectedCallback();
    // exportparts is read from the element itself, so the host page can style the panel's parts too.
    this.setAttribute("exportparts", ADMIN_PARTS);
  }

  /** A tab decided requests or changed members: the counts (the Requests badge) are read again. */
  private recount = async () => {
    const s = this.state;
    if (s.status !== "ready") return;
    try {
      const org = await s.admin.organization();
      if (this.state === s) this.state = { ...s, org };
    } catch {
      /* the badge keeps its number; the tab said what happened */
    }
  };

  willUpdate() {
    const key = `${this.api?.endpoint} ${this.org} ${this.account}`;
    if (this.api && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private load = async () => {
    const load = ++this.loads;
    this.state = { status: "loading" };
    let next: ViewState;
    try {
      if (!this.org) throw new SsoError("not_found", "No organization was named (the org attribute).", 404);
      const org = await new AdminApi(this.api!, this.org).organization();
      next = { status: "ready", org, admin: new AdminApi(this.api!, org.id) };
    } catch (err) {
      // Read, not instanceof: the error may come from another instance of widget.js than this chunk's.
      const e = err as Partial<SsoError>;
      const status = e.status ?? 0;
      // 404 and 403 alike: a polite refusal that tells a non-admin nothing about the organization.
      if (status === 404 || status === 403) next = { status: "refused" };
      else {
        if (status === 401) this.dispatchEvent(new Event(SESSION_ENDED, { bubbles: true }));
        next = { status: "error", message: errorText(adminStringsFor(this.lang), err) };
        if (e.code) this.dispatchEvent(new SsoErrorEvent({ code: e.code, message: e.message! }));
      }
    }
    if (load === this.loads) this.state = next;
  };

  private select = async (id: string, byKeyboard: boolean) => {
    this.tab = id;
    if (!byKeyboard) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${id}`)?.focus();
  };

  render() {
    const t = adminStringsFor(this.lang);
    const s = this.state;
    if (s.status === "loading") return html`<p role="status" part="status">${t.loading}</p>`;
    if (s.status === "refused") {
      return html`<div role="status" part="admin">
        <p><strong>${t.refused}</strong></p>
        <p class="hint">${t.refusedHint}</p>
      </div>`;
    }
    if (s.status === "error") {
      return html`<p role="alert" part="alert">${s.message}</p>
        <button type="button" class="secondary" part="secondary-button" @click=${this.load}>${t.retry}</button>`;
    }
    const tabs: Tab[] = [
      {
        id: "integrations",
        label: t.tabs.integrations,
        render: () => html`<thinglink-sso-admin-integrations .admin=${s.admin} .t=${t} .org=${s.org}></thinglink-sso-admin-integrations>`,
      },
      {
        id: "requests",
        label: t.tabs.requests,
        badge: { count: s.org.counts.pendingRequests, label: t.pending },
        render: () => html`<thinglink-sso-admin-requests .admin=${s.admin} .t=${t} .org=${s.org}></thinglink-sso-admin-requests>`,
      },
      {
        id: "users",
        label: t.tabs.users,
        render: () => html`<thinglink-sso-admin-users .admin=${s.admin} .t=${t} .org=${s.org}></thinglink-sso-admin-users>`,
      },
    ];
    return html`<div part="admin" @org-changed=${this.recount}>
      <h2 id="org-name" part="admin-heading">${s.org.name}</h2>
      ${renderTabs(tabs, this.tab, t.settings, this.select)}
    </div>`;
  }
}
