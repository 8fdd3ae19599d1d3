import { LitElement, html, nothing } from "lit";
import { ApiClient, SsoError, type SessionInfo } from "../client/api-client";
import { finishRedirect, resumeSignIn, signInWithPopup } from "../client/sign-in-flow";
import { SignedInEvent, SignedOutEvent, SsoErrorEvent } from "../events";
import { stringsFor } from "../i18n";
import { renderSignIn, type SignInViewState } from "../sign-in/sign-in-view";
import { signInStyles } from "../sign-in/sign-in-view.styles";
import { hostStyles } from "./thinglink-sso.styles";

/** While signed in, the session is looked at this often (and when the person comes back to the page). */
const LOOK_EVERY_MS = 60_000;
/** Coming back to the page looks at most this often (focus and visibility fire together). */
const LOOK_AT_MOST_EVERY_MS = 5_000;

/** Window event that keeps several <thinglink-sso> elements of one page in step. */
const SESSION_CHANGED = "thinglink-sso:session-changed";

/** The origin this module was loaded from: the default `endpoint`. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * The views besides sign-in, each a chunk next to widget.js that is imported only when it is
 * needed (the relative import resolves against this module's own URL, not the host page's):
 * the admin panel for view="admin"; the join prompt for view="join", and for view="auto" once
 * the session has a suggestion or a request to show. Sign-in never downloads either.
 */
const chunks = { admin: () => import("../admin/index"), join: () => import("../join/index") };
const loading: Partial<Record<keyof typeof chunks, Promise<unknown>>> = {};

/**
 * @summary "Sign in with Microsoft" for ThingLink, embeddable in any page.
 *
 * @event thinglink-sso-signed-in - After sign-in (restored: false), when a session is found on load, and when a request to join is decided while the page is open (restored: true). detail: account, organization, membership, assertion, restored.
 * @event thinglink-sso-signed-out - Once, when the session ends: signed out here or in another tab, removed from the organization, replaced by a new sign-in, or expired (noticed on return to the page and at a look every minute). detail: reason.
 * @event thinglink-sso-join-requested - When the person asks to join their organization. detail: organizationId.
 * @event thinglink-sso-error - When something fails. detail: code, message.
 *
 * @csspart button - The "Sign in with Microsoft" button.
 * @csspart logo - The Microsoft logo inside the button.
 * @csspart signed-in - The signed-in row.
 * @csspart name - The signed-in person's name.
 * @csspart organization - The organization's name.
 * @csspart sign-out-button - The sign-out action.
 * @csspart cancel-button - Cancels a sign-in in progress.
 * @csspart message - Status and error messages.
 *
 * @csspart join - view="auto" | "join": the join prompt below the signed-in row.
 * @csspart join-button - The prompt's main action (Request to join).
 * @csspart join-secondary-button - The prompt's other actions (Not now, Cancel request).
 * @csspart join-status - The prompt's status line (its errors are alerts in the same place).
 * @csspart join-account-type - A school's prompt: "I am a student / a teacher", sent with the request.
 *
 * @cssproperty --thinglink-sso-font - Font family of the widget.
 * @cssproperty --thinglink-sso-color - Text color.
 * @cssproperty --thinglink-sso-button-background - Button background (Microsoft light theme: #ffffff).
 * @cssproperty --thinglink-sso-button-color - Button text color (#5e5e5e).
 * @cssproperty --thinglink-sso-button-border - Button border color (#8c8c8c).
 * @cssproperty --thinglink-sso-radius - Button corner radius (0).
 * @cssproperty --thinglink-sso-focus - Focus ring color.
 * @cssproperty --thinglink-sso-link-color - Color of text buttons.
 * @cssproperty --thinglink-sso-error-color - Color of error messages.
 * @cssproperty --thinglink-sso-message-color - Color of status messages.
 *
 * @csspart admin - view="admin": the organization admin panel.
 * @csspart admin-heading - view="admin": the organization's name.
 * @csspart tablist - view="admin": the row of tabs.
 * @csspart tab - view="admin": each tab.
 * @csspart tab-badge - view="admin": a count on a tab (e.g. pending requests).
 * @csspart tabpanel - view="admin": the selected tab's content.
 * @csspart section - view="admin": each boxed section of a tab.
 * @csspart input - view="admin": text fields.
 * @csspart primary-button - view="admin": the main action of a row (Save changes, Grant consent now).
 * @csspart secondary-button - view="admin": other actions (Edit, Cancel, Copy, Show more).
 * @csspart alert - view="admin": error messages.
 * @csspart status - view="admin": status lines and confirmations.
 *
 * @cssproperty --thinglink-sso-accent - Primary buttons (the join prompt's Request to join, the admin panel's) and the selected tab's underline (#005fb8).
 * @cssproperty --thinglink-sso-accent-color - Text on the accent color (#ffffff).
 * @cssproperty --thinglink-sso-border - view="admin": borders of fields, sections and tabs (#8a8886).
 * @cssproperty --thinglink-sso-muted-color - view="admin": hints (#605e5c).
 * @cssproperty --thinglink-sso-surface - view="admin": background of sections (transparent).
 * @cssproperty --thinglink-sso-field-background - view="admin": background of text fields (#ffffff).
 */
export class ThinglinkSso extends LitElement {
  static styles = [hostStyles, signInStyles];

  static properties = {
    endpoint: { type: String },
    view: { type: String, reflect: true },
    org: { type: String },
    lang: { type: String },
    theme: { type: String, reflect: true },
    loginHint: { type: String, attribute: "login-hint" },
    state: { state: true, attribute: false },
    chunkFailed: { state: true, attribute: false },
  };

  /** Base URL of the thinglink-sso worker; defaults to the origin widget.js was loaded from. */
  endpoint = SCRIPT_ORIGIN;
  /** Which view to show: "auto" (sign-in, then the join prompt when there is one), "button" (sign-in only), "join" or "admin". */
  view: "auto" | "button" | "join" | "admin" = "auto";
  /** Organization id or slug, for admin views and as a tenant hint. */
  org?: string;
  /** Microsoft's button theme: "light" (the default) or "dark". */
  theme?: "light" | "dark";
  /** Preselects a Microsoft account (its UPN or email). */
  loginHint?: string;

  private state: SignInViewState = { status: "checking" };
  private chunkFailed = false;
  private client?: ApiClient;
  private flow?: AbortController;

  private get api(): ApiClient {
    const endpoint = this.endpoint.replace(/\/+$/, "");
    if (this.client?.endpoint !== endpoint) this.client = new ApiClient(endpoint);
    this.client.lang = stringsFor(this.lang).code;
    return this.client;
  }

  private lookTimer?: ReturnType<typeof setInterval>;
  private lookedAt = 0;

  connectedCallback() {
    super.connectedCallback();
    addEventListener(SESSION_CHANGED, this.onSessionChanged);
    addEventListener("storage", this.onStorage);
    addEventListener("focus", this.onReturn);
    document.addEventListener("visibilitychange", this.onReturn);
    this.lookTimer = setInterval(this.look, LOOK_EVERY_MS);
    void this.restore();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener(SESSION_CHANGED, this.onSessionChanged);
    removeEventListener("storage", this.onStorage);
    removeEventListener("focus", this.onReturn);
    document.removeEventListener("visibilitychange", this.onReturn);
    clearInterval(this.lookTimer);
    this.flow?.abort();
  }

  /** The person is back on the page: is the session still there (removed meanwhile, signed out elsewhere)? */
  private onReturn = () => {
    if (document.visibilityState === "visible" && Date.now() - this.lookedAt >= LOOK_AT_MOST_EVERY_MS) void this.look();
  };

  /**
   * While signed in: a session that ended is shown as signed out, and the host is told once, with
   * the reason; a changed organization is announced as a restored sign-in; otherwise what is shown
   * is refreshed quietly. The answer comes from the worker's cache: no database read each time.
   */
  private look = async () => {
    if (this.state.status !== "signed-in" || document.visibilityState !== "visible") return;
    this.lookedAt = Date.now();
    const before = this.state.session;
    const session = await this.api.session().catch(() => undefined);
    if (session === undefined || this.state.status !== "signed-in") return; // unreachable, or changed meanwhile
    if (!session) return this.ended();
    if (session.organization?.id !== before?.organization?.id || session.account.id !== before?.account.id) this.signedIn(session, true);
    else this.show(session);
  };

  /** The session this page held is gone: signed out, and the host page told why, once. */
  private ended() {
    const wasSignedIn = this.state.status === "signed-in";
    this.state = { status: "signed-out" };
    this.announced = null;
    if (wasSignedIn) this.dispatchEvent(new SignedOutEvent({ reason: this.api.ended ?? "signed_out" }));
  }

  willUpdate() {
    // Asked for as soon as the view is seen, so the chunk is there by the time sign-in is.
    const session = this.state.session;
    if (this.view === "admin") this.need("admin");
    else if (this.view === "join" || (this.view === "auto" && (session?.joinSuggestion || session?.joinRequest))) this.need("join");
  }

  private need(name: keyof typeof chunks) {
    loading[name] ??= chunks[name]().catch(() => {
      loading[name] = undefined;
      this.chunkFailed = true;
    });
  }

  private async restore() {
    try {
      const redirected = await finishRedirect(this.api);
      const session = redirected ?? (await this.api.session());
      const resumed = session ? null : resumeSignIn(this.api);
      if (session) {
        this.signedIn(session, !redirected);
        if (redirected) this.announce();
      } else if (resumed) {
        await this.wait(resumed);
      } else {
        this.ended();
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Another <thinglink-sso> on this page signed in or out: show the same. */
  private onSessionChanged = (event: Event) => {
    const detail = (event as CustomEvent<{ endpoint: string; source: EventTarget }>).detail;
    if (detail.source === this || detail.endpoint !== this.api.endpoint) return;
    if (this.state.status !== "waiting") void this.restore();
  };

  /** Another tab of this site signed in or out. */
  private onStorage = (event: StorageEvent) => {
    if (this.api.isSessionEvent(event) && this.state.status !== "waiting") void this.restore();
  };

  /** Tells the other elements of this page (not this one: it already knows). */
  private announce() {
    dispatchEvent(new CustomEvent(SESSION_CHANGED, { detail: { endpoint: this.api.endpoint, source: this } }));
  }

  private show(session: SessionInfo) {
    this.state = {
      status: "signed-in",
      name: session.account.displayName,
      organization: session.organization?.name,
      account: session.account.id,
      session,
    };
  }

  /**
   * Who the host was last told is signed in (account, organization, role and type). Several
   * things can find the same change at once (the join prompt's look, this element's, another
   * tab's): the host hears of a restored session only when it differs from what it was told.
   */
  private announced: string | null = null;

  private signedIn(session: SessionInfo, restored: boolean) {
    this.show(session);
    const { account, organization, membership, assertion } = session;
    const key = JSON.stringify([account.id, organization?.id ?? null, membership?.role ?? null, membership?.accountType ?? null]);
    if (restored && key === this.announced) return;
    this.announced = key;
    this.dispatchEvent(new SignedInEvent({ account, organization, membership, assertion, restored }));
  }

  /**
   * The join prompt acted and read the session again: shown without a new signed-in event
   * (asking to join changes neither the organization nor the assertion); the other elements
   * of the page follow, and the prompt told the other tabs.
   */
  private joinChanged = (event: CustomEvent<SessionInfo | null>) => {
    if (event.detail) this.show(event.detail);
    else void this.restore();
    this.announce();
  };

  private fail(err: unknown) {
    const e = err instanceof SsoError ? err : new SsoError("internal_error", String((err as Error)?.message ?? err));
    const t = stringsFor(this.lang);
    if (e.code === "sign_in_not_finished") {
      // Most likely the window was closed: say so quietly, no alarm and no error event.
      this.state = { status: "signed-out", note: t.notFinished };
      return;
    }
    const message = t.errors[e.code] ?? e.message;
    this.state = { status: "signed-out", error: message };
    // The host page gets the sentence the person sees, in their language.
    this.dispatchEvent(new SsoErrorEvent({ code: e.code, message }));
  }

  private signIn = () =>
    this.wait((signal) => signInWithPopup(this.api, { loginHint: this.loginHint, lang: stringsFor(this.lang).code, signal }));

  /** Waits for a sign-in window (a new one, or one left open across a reload of the page). */
  private async wait(flowOf: (signal: AbortSignal) => Promise<SessionInfo>) {
    // A click while waiting starts over: the old window and its wait are abandoned.
    this.flow?.abort();
    const flow = (this.flow = new AbortController());
    this.state = { status: "waiting" };
    try {
      const session = await flowOf(flow.signal);
      if (flow.signal.aborted) return;
      // The button the person pressed is replaced: keep their place on the new view's action.
      const hadFocus = (this.renderRoot as ShadowRoot).activeElement !== null;
      this.signedIn(session, false);
      this.announce();
      if (hadFocus) void this.focusOn("button.link");
    } catch (err) {
      if (!flow.signal.aborted) this.fail(err);
    }
  }

  private cancel = () => {
    this.flow?.abort();
    this.state = { status: "signed-out" };
    void this.focusOn("button.ms");
  };

  private signOut = async () => {
    try {
      await this.api.signOut();
    } catch {
      /* the token is gone locally either way */
    }
    this.state = { status: "signed-out" };
    this.dispatchEvent(new SignedOutEvent({ reason: "signed_out" }));
    this.announce();
    void this.focusOn("button.ms");
  };

  /** Keyboard users keep their place: the control they used is gone, so focus moves to `selector` (e.g. the sign-in button). */
  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  render() {
    const t = stringsFor(this.lang);
    const s = this.state;
    const signIn = renderSignIn(s, t, { signIn: this.signIn, signOut: this.signOut, cancel: this.cancel });
    if (this.view === "button" || s.status !== "signed-in") return signIn;
    // Sign-in first, then the view. Its chunk defines the element when it arrives; until then
    // (and for view="auto" with nothing to join, when the chunk is never asked for) it is empty.
    return html`${signIn}${this.chunkFailed ? html`<p class="message" role="alert">${t.errors.network}</p>` : nothing}${
      this.view === "admin"
        ? html`<thinglink-sso-admin lang=${t.code} .api=${this.api} .org=${this.org} .account=${s.account}
          @thinglink-sso-admin-session-ended=${() => this.restore()}></thinglink-sso-admin>`
        : html`<thinglink-sso-join lang=${t.code} .api=${this.api} .session=${s.session}
          @thinglink-sso-join-changed=${this.joinChanged}></thinglink-sso-join>`
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "thinglink-sso": ThinglinkSso;
  }
}

/** The views of the element (its `view` attribute). */
export type SsoView = ThinglinkSso["view"];
/** Microsoft's two button themes (the `theme` attribute). */
export type SsoTheme = NonNullable<ThinglinkSso["theme"]>;
