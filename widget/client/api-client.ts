/**
 * Talking to the worker from any origin. Third-party cookies are blocked in most
 * browsers, so the widget keeps its own session token (localStorage of the host
 * origin, per endpoint) and sends it as a bearer header; cookies are still sent
 * for first-party deployments.
 */
import type { Session } from "../../worker/api/types";
import type { ErrorDetail, SignedInDetail } from "../events";

export interface Named {
  id: string;
  name: string;
}

/** GET /api/session: the signed-in detail plus what the join prompt and admin badge need. */
export interface SessionInfo extends Omit<SignedInDetail, "restored"> {
  expiresAt: string;
  /** The organization the account's Microsoft tenant is connected to, which it is not in. */
  joinSuggestion?: Session["joinSuggestion"];
  /** The latest request: pending, or decided within a week and not yet read. */
  joinRequest?: Session["joinRequest"];
  adminOf?: Session["adminOf"];
}

/** Why a session this page held ended (GET /api/session says so with `account: null`). */
export type SessionEnd = NonNullable<Session["ended"]>;

export class SsoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** Seconds to wait before asking again (429's Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const storageKey = (endpoint: string) => `thinglink-sso:token:${endpoint}`;
/** Touched by the join prompt after an action: the token stays, but other tabs should ask for the session again. */
export const changedKey = (endpoint: string) => `thinglink-sso:changed:${endpoint}`;

export class ApiClient {
  /** Sent as Accept-Language: the worker words its errors (and reasons) in the widget's language. */
  lang = "en";

  constructor(readonly endpoint: string) {}

  get token(): string | null {
    try {
      return localStorage.getItem(storageKey(this.endpoint));
    } catch {
      return null;
    }
  }

  set token(value: string | null) {
    try {
      if (value) localStorage.setItem(storageKey(this.endpoint), value);
      else localStorage.removeItem(storageKey(this.endpoint));
    } catch {
      /* storage disabled: the session lasts for this page only */
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.token;
    if (token) headers.set("authorization", `Bearer ${token}`);
    headers.set("accept-language", this.lang);
    if (init.body) headers.set("content-type", "application/json");
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${path}`, { ...init, headers, credentials: "include", mode: "cors" });
    } catch {
      throw new SsoError("network", "Could not reach the sign-in service.");
    }
    if (response.status >= 400) {
      const body = (await response.json().catch(() => null)) as { error?: ErrorDetail } | null;
      const retryAfter = response.status === 429 ? Number(response.headers.get("retry-after")) || 1 : undefined;
      throw new SsoError(
        body?.error?.code ?? "http_error",
        body?.error?.message ?? `The sign-in service answered ${response.status}.`,
        response.status,
        retryAfter,
      );
    }
    return response;
  }

  /** Why the session this client held ended, as the last look found it (null while there is one, or there was none). */
  ended: SessionEnd | null = null;

  async session(): Promise<SessionInfo | null> {
    const body = await (await this.request("/api/session")).json<SessionInfo | { account: null; ended?: SessionEnd }>();
    this.ended = "ended" in body && body.ended ? body.ended : null;
    if (body.account) return body;
    this.token = null; // revoked or expired: stop sending it
    return null;
  }

  /** True when a storage event is about this endpoint's session (another tab signed in or out, or asked to join). */
  isSessionEvent(event: StorageEvent): boolean {
    return event.key === storageKey(this.endpoint) || event.key === changedKey(this.endpoint);
  }

  /** null while the sign-in has not finished; throws the reason when it failed. */
  async collect(secret: string, code?: string): Promise<SessionInfo | null> {
    const response = await this.request("/auth/handoff", { method: "POST", body: JSON.stringify(code ? { secret, code } : { secret }) });
    if (response.status === 202) return null;
    const body = await response.json<(SessionInfo & { status: "signed_in"; token: string }) | { status: "failed"; error: ErrorDetail }>();
    if (body.status === "failed") throw new SsoError(body.error.code, body.error.message);
    this.token = body.token;
    this.ended = null;
    return body;
  }

  async signOut(): Promise<void> {
    try {
      await this.request("/auth/logout", { method: "POST" });
    } finally {
      this.token = null;
    }
  }
}
