/**
 * The flow core (docs/architecture.md, "Flows"): sign-in, admin consent and enrollment are
 * plain functions `(input, deps) → outcome`, like oidc/: they read and write D1 and talk to
 * Microsoft, but know nothing of Hono. One adapter (http/outcome.ts) turns an outcome into
 * the HTTP answer — a redirect or a page, with the cookies it asks for.
 */
import type { Config } from "../config";
import type { ConsentRequest } from "../pages/consent-pages";
import type { Lang } from "../pages/strings";
import type { Flow, PendingQuestion } from "../session/flow-cookie";

/** What every flow may use. */
export interface FlowDeps {
  db: D1Database;
  config: Config;
  /** Milliseconds since the epoch: one clock for the whole request. */
  now: number;
  /** The worker's own origin: redirect URIs are built from it. */
  ownOrigin: string;
  /**
   * The hash of this browser's cookie (http/cookies.ts), for a session to remember
   * which browser signed in; the cookie is made (and set by the adapter) on first use.
   */
  browser: () => Promise<string>;
  /** The first-party session token this browser presents (its cookie), if any: replaced at sign-in. */
  cookieSession: string | null;
}

/** Where a sign-in's result goes: a URL, and its origin (the site a session will be bound to). */
export interface ReturnTo {
  url: string;
  origin: string;
}

/** A page the adapter renders (pages/), in the person's language. */
export type PageSpec =
  | {
      view: "message";
      lang: Lang;
      title: string;
      message: string;
      code?: string;
      /** A popup's page: a Close button, and the window closes itself after closeAfterMs (null: stays). */
      closeHint?: boolean;
      closeAfterMs?: number | null;
      retryHref?: string;
    }
  | { view: "consent-link"; lang: Lang; request: ConsentRequest; token: string }
  | { view: "consent-ticket"; lang: Lang; request: ConsentRequest }
  | {
      view: "sign-in-consent";
      lang: Lang;
      pending: string;
      tenant: string;
      candidates: Array<ConsentRequest & { organizationId: string }>;
    };

/** What an outcome asks of the browser besides its answer. */
export interface Effects {
  /** A flow kept sealed in this browser until its callback (session/flow-cookie.ts). */
  setFlow?: Flow;
  /** Way (c)'s question, kept sealed in this browser until it is answered. */
  setQuestion?: PendingQuestion;
  /** A first-party session cookie for this browser. */
  setSession?: { token: string; expiresAt: number };
}

export type Outcome = ({ kind: "redirect"; to: string } | { kind: "page"; page: PageSpec; status: 200 | 400 | 403 | 500 | 503 }) & Effects;

export const redirect = (to: string, effects: Effects = {}): Outcome => ({ kind: "redirect", to, ...effects });

export const page = (spec: PageSpec, status: 200 | 400 | 403 | 500 | 503 = 200, effects: Effects = {}): Outcome => ({
  kind: "page",
  page: spec,
  status,
  ...effects,
});
