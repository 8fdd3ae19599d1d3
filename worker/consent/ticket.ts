/**
 * The admin panel's "Grant consent now" (way (a) of docs/security.md). The widget runs on
 * another site, where the worker cannot set the cookie that binds a flow to a browser, so
 * the panel opens a window of the worker's own origin with a form POST that carries a
 * sealed ticket and the secret whose hash the ticket holds. The ticket names the
 * organization, the tenant, the admin and the session that asked; it lasts ten minutes and
 * is redeemed once.
 *
 * Why not a link: a URL would work for whoever it is forwarded to. An admin of one
 * organization could type another school's tenant and send the URL to that school's Global
 * Administrator, whose Accept on Microsoft's page (which names only the app) would hand the
 * school's new users to the wrong organization. The secret never leaves the admin's page
 * except in that POST, so only their browser can go on; the session must still be live and
 * its account still an admin of the organization when it does.
 */
import { safeEqual, sha256 } from "../crypto";
import type { Lang } from "../pages/strings";
import { seal, unseal } from "../session/seal";

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
  /** SHA-256 (base64url) of the widget's secret; null when asked without one (nothing can redeem it). */
  challenge: string | null;
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

export type TicketRefusal = "no_secret" | "secret_mismatch" | "origin_mismatch" | "session_ended" | "not_admin_any_more";

/** The session a ticket's redemption is checked against (read from D1 just now). */
export interface AskingSession {
  origin: string;
  accountId: string;
  organizationId: string | null;
  role: string | null;
}

/**
 * Whether this browser may redeem the ticket: it holds the secret, the request comes from the
 * site the admin's session belongs to, and that session still makes them an admin of the
 * organization. Pure apart from hashing.
 */
export async function checkRedemption(
  ticket: Ticket,
  p: { secret: string | undefined; origin: string | undefined; session: AskingSession | null },
): Promise<TicketRefusal | null> {
  if (!ticket.challenge || !p.secret) return "no_secret";
  if (!safeEqual(await sha256(p.secret), ticket.challenge)) return "secret_mismatch";
  if (!p.session || p.session.accountId !== ticket.accountId) return "session_ended";
  if (p.origin !== p.session.origin) return "origin_mismatch";
  if (p.session.organizationId !== ticket.organizationId || p.session.role !== "admin") return "not_admin_any_more";
  return null;
}
