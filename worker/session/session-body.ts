/** The JSON of GET /api/session (and of a collected sign-in): the Session of api/schemas.ts. */
import { assertionFor } from "../assertion/assertion";
import type { Config } from "../config";
import { integrationAvailability } from "../integration/availability";
import type { AccountExtras, AccountView } from "../storage/accounts";
import type { LiveSession } from "./session-store";

/** What GET /api/session adds for the widget: joinSuggestion, joinRequest and adminOf. */
export function joinFields(view: Omit<AccountView, "extras">, extras: AccountExtras | undefined) {
  const suggestion = extras?.suggestion;
  const offered = suggestion && integrationAvailability(suggestion).available ? suggestion : null;
  return {
    joinSuggestion: offered
      ? {
          organization: { id: offered.id, name: offered.name, kind: offered.kind },
          leavesOrganization: view.organization ? { id: view.organization.id, name: view.organization.name } : null,
        }
      : null,
    joinRequest: extras?.joinRequest ?? null,
    adminOf:
      view.membership?.role === "admin" && view.organization
        ? { id: view.organization.id, name: view.organization.name, pendingRequests: extras?.adminPending ?? 0 }
        : null,
  };
}

export async function sessionBody(session: LiveSession, p: { config: Config; ownOrigin: string; now: number }) {
  // The audience is the one site the session is bound to, never whatever Origin a caller claims.
  const assertion = await assertionFor({
    key: p.config.signingKey,
    issuer: p.ownOrigin,
    audience: session.origin,
    view: session.view,
    now: p.now,
    sessionKey: session.tokenHash,
  });
  const { extras, ...view } = session.view;
  // An address Microsoft did not mark verified is never passed on: a tenant admin can set anyone's.
  const account = view.account.emailVerified ? view.account : { ...view.account, email: null };
  return { ...view, account, ...joinFields(session.view, extras), expiresAt: new Date(session.expiresAt).toISOString(), assertion };
}
