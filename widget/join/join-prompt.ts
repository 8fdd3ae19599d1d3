/**
 * <thinglink-sso-join>: the "join your organization" prompt below the signed-in
 * row. What it shows comes from the session: a suggestion (Request to join / Not now), or the
 * latest request (pending, with Cancel request; approved; rejected). After each action it
 * reads the session again and hands it to <thinglink-sso>, which tells the other elements of
 * the page; other tabs hear of it through localStorage. While a request waits, an
 * administrator's decision is looked for every 30 seconds and whenever the person comes back
 * to the page (the session is answered from the worker's cache: no database read each time).
 *
 * It renders into its own light DOM, inside <thinglink-sso>'s shadow root: the sign-in view's
 * styles (text buttons, messages, alerts, focus rings) apply as they are, so the chunk carries
 * no CSS of its own, and its ::part() names are the host element's without exportparts.
 */
import { LitElement, html, nothing } from "lit";
import { changedKey, type ApiClient, type SessionInfo } from "../client/api-client";
import { JoinRequestedEvent, SsoErrorEvent } from "../events";
import { stringsFor } from "../i18n";
import { joinStringsFor } from "./i18n";

/** Each action's call: Request to join, Not now (30 days, every device), Cancel request, OK (a decision read). */
const CALLS = {
  request: ["POST", () => "/api/join-requests"],
  dismiss: ["POST", () => "/api/join-suggestions/dismiss"],
  cancel: ["DELETE", () => "/api/join-requests/current"],
  seen: ["POST", (requestId: string) => `/api/join-requests/${encodeURIComponent(requestId)}/seen`],
} as const;
type Action = keyof typeof CALLS;
type AccountType = "student" | "teacher";
let prompts = 0;
const LOOK_EVERY_MS = 30_000;

/**
 * @tagname thinglink-sso-join
 * @summary The join prompt inside `<thinglink-sso view="auto">` and `view="join"` (internal: its parts are the host element's).
 *
 * @event thinglink-sso-join-requested - After a request to join was made (or found already made). detail: organizationId.
 * @event thinglink-sso-error - When an action fails. detail: code, message (the sentence shown).
 * @event thinglink-sso-join-changed - (internal, not composed) After an action: detail is the session read again, for the host element (null: the host reads it again itself, e.g. after a decision elsewhere).
 */
export class JoinPrompt extends LitElement {
  static properties = {
    api: { attribute: false },
    session: { attribute: false },
    lang: { type: String },
    busy: { state: true },
    note: { state: true },
    error: { state: true },
    accountType: { state: true },
  };

  /** The host element's API client (its endpoint and session token). */
  api!: ApiClient;
  session?: SessionInfo;
  /** "en" or "fi", as the host element chose it (an attribute, so screen readers switch voice too). */
  lang!: string;

  /** The action whose call is running: its button is aria-disabled (so it keeps focus) until it ends. */
  private busy?: Action;
  /** What the last action did, when the session alone does not say it (Not now, a cancellation). */
  private note = "";
  private error = "";
  /** A school's "I am a student / a teacher", sent with the request. */
  private accountType?: AccountType;
  /** The radio group's name: unique to this prompt, as a page may hold two. */
  private readonly group = `thinglink-sso-join-type-${++prompts}`;

  protected createRenderRoot() {
    return this;
  }

  private timer?: ReturnType<typeof setInterval>;

  connectedCallback() {
    super.connectedCallback();
    addEventListener("focus", this.lookForDecision);
    document.addEventListener("visibilitychange", this.lookForDecision);
    this.timer = setInterval(this.lookForDecision, LOOK_EVERY_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("focus", this.lookForDecision);
    document.removeEventListener("visibilitychange", this.lookForDecision);
    clearInterval(this.timer);
  }

  /** A pending request decided meanwhile: the host element reads the session again (the organization may have changed). */
  private lookForDecision = async () => {
    const waiting = this.session?.joinRequest;
    if (waiting?.status !== "pending" || this.busy || document.visibilityState !== "visible") return;
    const session = await this.api.session().catch(() => undefined);
    if (session === undefined || (session?.joinRequest?.id === waiting.id && session.joinRequest.status === "pending")) return;
    this.dispatchEvent(new CustomEvent("thinglink-sso-join-changed", { detail: null }));
  };

  private async act(action: Action, id: string, asksType = false) {
    // Double clicks (and Enter held down) make one call; the API is idempotent too, for two tabs.
    if (this.busy) return;
    const t = joinStringsFor(this.lang);
    if (action === "request" && asksType && !this.accountType) {
      this.error = t.chooseType;
      await this.updateComplete;
      this.querySelector<HTMLElement>(".account-type input")?.focus();
      return;
    }
    this.busy = action;
    this.error = this.note = "";
    const [method, path] = CALLS[action];
    const organizationId = action === "request" || action === "dismiss" ? id : undefined;
    const body = organizationId && JSON.stringify({ organizationId, accountType: asksType ? this.accountType : undefined });
    let code = "";
    try {
      await this.api.request(path(id), { method, body });
      if (organizationId && action === "request") this.dispatchEvent(new JoinRequestedEvent({ organizationId }));
      this.note = action === "dismiss" || action === "cancel" ? t[action] : "";
    } catch (err) {
      // The API's own message, in the prompt's language (Accept-Language); the browser's for a network failure.
      const e = err as { code: string; message: string };
      code = e.code || "internal_error";
      this.error = stringsFor(t.code).errors[code] ?? e.message;
      this.dispatchEvent(new SsoErrorEvent({ code, message: this.error }));
    }
    // The view shows the session as it is now, also after a refusal (already a member, nothing to cancel).
    if (code !== "network") await this.refresh();
    this.busy = undefined;
    await this.updateComplete;
    // Keyboard and screen-reader users keep their place: the control they used may be gone.
    // After a success the status line says what changed (Tab goes on to what is offered next);
    // after OK there is nothing left to say, and focus goes back to the signed-in row's action.
    const root = this.getRootNode() as ShadowRoot;
    if (!code && action === "seen") root.querySelector<HTMLElement>("button.link")?.focus();
    else this.querySelector<HTMLElement>(code ? `.${action}, .error` : ".state")?.focus();
  }

  private async refresh() {
    const session = await this.api.session().catch(() => undefined);
    if (session === undefined) return; // the service could not be reached: what is shown stays, with the error
    this.session = session ?? undefined;
    try {
      localStorage.setItem(changedKey(this.api.endpoint), String(Date.now()));
    } catch {
      /* storage disabled: other tabs see it at their next load */
    }
    this.dispatchEvent(new CustomEvent("thinglink-sso-join-changed", { detail: session }));
  }

  private button(action: Action, label: string, part: string, id: string, o: { asksType?: boolean; ariaLabel?: string } = {}) {
    // The request is the prompt's one real choice: a button that looks like one; the others are links.
    return html`<button type="button" class="${action === "request" ? "primary" : "link"} ${action}" part=${part} aria-disabled=${this.busy === action ? "true" : "false"}
      aria-label=${o.ariaLabel ?? nothing} @click=${() => this.act(action, id, o.asksType)}>${label}</button>`;
  }

  /** A school's question: student or teacher (the admin who approves confirms it, or changes it). */
  private accountTypeChoice(t: ReturnType<typeof joinStringsFor>) {
    const pick = (e: Event) => {
      this.accountType = (e.target as HTMLInputElement).value as AccountType;
      if (this.error === t.chooseType) this.error = "";
    };
    return html`<fieldset class="account-type" part="join-account-type">
      <legend>${t.iAm}</legend>
      ${(["student", "teacher"] as const).map(
        (type) =>
          html`<label><input type="radio" name=${this.group} value=${type} .checked=${this.accountType === type} @change=${pick} /> ${t.types[type]}</label>`,
      )}
    </fieldset>`;
  }

  render() {
    const t = joinStringsFor(this.lang);
    const s = this.session;
    // "You joined X" only while in X (someone removed since then is offered to join again instead).
    const request = s?.joinRequest?.status === "approved" && s.organization?.id !== s.joinRequest.organization.id ? null : s?.joinRequest;
    const pending = request?.status === "pending";
    const suggestion = pending ? null : s?.joinSuggestion;
    const org = suggestion?.organization;
    const leaves = suggestion?.leavesOrganization;
    const asked = request?.accountType ? t.types[request.accountType] : undefined;
    const state = request ? t[request.status](request.organization.name, asked) : this.note;
    const decided = request && !pending;
    const school = org && "kind" in org && org.kind === "education";
    // The state line is always there, so that what is put in it later is announced.
    return html`<div part="join">
      <p class="message state" role="status" part="join-status" tabindex="-1">${state}</p>
      ${pending ? html`<div class="row">${this.button("cancel", t.cancelRequest, "join-secondary-button", request.id)}</div>` : nothing}
      ${decided ? html`<div class="row">${this.button("seen", t.seen, "join-secondary-button", request.id, { ariaLabel: t.seenLabel })}</div>` : nothing}
      ${
        org
          ? html`<div role="group" aria-labelledby="join-ask">
            <p class="message" id="join-ask">${leaves ? t.moves(leaves.name, org.name) + " " : ""}${t.ask(org.name)}</p>
            ${school ? this.accountTypeChoice(t) : nothing}
            <div class="row">${this.button("request", t.request, "join-button", org.id, { asksType: school })} ${this.button("dismiss", t.notNow, "join-secondary-button", org.id)}</div>
          </div>`
          : nothing
      }
      <p class="message error" role="alert" part="join-status" tabindex="-1">${this.error}</p>
    </div>`;
  }
}
