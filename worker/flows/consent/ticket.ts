/**
 * The admin panel's "Grant consent now" (way (a) of docs/security.md). The panel opens a
 * window of the worker's own origin at a URL that carries a sealed ticket: the organization,
 * the tenant, the admin and the hash of the session they asked with, for ten minutes, once.
 *
 * Why the URL alone is not enough: it would work for whoever it was forwarded to, and a page
 * of the asking admin's own site can be opened by anyone. An admin of one organization could
 * type another school's tenant and get that school's Global Administrator to open it, whose
 * Accept on Microsoft's page (which names only the app) would hand the school's new users to
 * the wrong organization. So the ticket goes on only in the browser the asking session was
 * signed in with (its HttpOnly cookie of the worker's own origin, http/cookies.ts),
 * while that session is live and its account is still an admin of the organization. Anyone
 * else meets a page that names who asks for what, and nothing goes to Microsoft.
 */
import type { Lang } from "../../pages/strings";
import { seal, unseal } from "../../session/seal";

export const TICKET_LIFETIME_MS = 10 * 60 * 1000;
export const CONSENT_START_PATH = "/auth/microsoft/admin-consent/start";

export interface Ticket {
  /** Random: redeemed once (used_flow_states). */
  id: string;
  organizationId: string;
  tenantId: string;
  /** The admin who asked, and the hash of the session they asked with. */
  accountId: string;
  sessionHash: string;
  lang: Lang;
  expiresAt: number;
}

export async function sealTicket(t: Omit<Ticket, "id" | "expiresAt">, p: { secret: string; now: number }): Promise<string> {
  const ticket: Ticket = { ...t, id: crypto.randomUUID(), expiresAt: p.now + TICKET_LIFETIME_MS };
  return seal(ticket, p.secret, "consent-ticket");
}

export async function openTicket(text: string | undefined, p: { secret: string; now: number }): Promise<Ticket | null> {
  const ticket = await unseal<Ticket>(text, p.secret, "consent-ticket");
  return ticket && ticket.expiresAt > p.now ? ticket : null;
}

export type TicketRefusal = "other_browser" | "session_ended" | "not_admin_any_more";

/** The session a ticket's redemption is checked against (read from D1 just now). */
export interface AskingSession {
  accountId: string;
  /** The hash of the cookie of the browser it was signed in with (null: signed in before that was kept). */
  browserHash: string | null;
  organizationId: string | null;
  role: string | null;
}

/**
 * Whether this browser may redeem the ticket: it is the browser the asking session was signed
 * in with (`browserHash`: its cookie's hash), and that session still makes its account an admin
 * of the organization. Pure.
 */
export function checkRedemption(ticket: Ticket, p: { browserHash: string | null; session: AskingSession | null }): TicketRefusal | null {
  if (!p.session || p.session.accountId !== ticket.accountId) return "session_ended";
  if (!p.browserHash || p.session.browserHash !== p.browserHash) return "other_browser";
  if (p.session.organizationId !== ticket.organizationId || p.session.role !== "admin") return "not_admin_any_more";
  return null;
}
