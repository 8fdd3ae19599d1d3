/**
 * The admin panel's "Grant consent now" (§3.4 a). The widget runs on another site,
 * where the worker cannot set the cookie that binds a flow to a browser, so the
 * consent URL is the worker's own, carrying a sealed ticket (organization, tenant,
 * admin, ten minutes): the browser that opens it gets the flow cookie there, first
 * party, and goes on to Microsoft.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { ownOrigin } from "../http/origins";
import type { Lang } from "../pages/strings";
import { seal, unseal } from "../session/seal";

const TICKET_LIFETIME_MS = 10 * 60 * 1000;
export const CONSENT_START_PATH = "/auth/microsoft/admin-consent/start";

export interface Ticket {
  organizationId: string;
  tenantId: string;
  accountId: string;
  lang: Lang;
  expiresAt: number;
}

export async function consentUrl(c: Context<AppEnv>, t: Omit<Ticket, "expiresAt">): Promise<string> {
  const ticket = await seal({ ...t, expiresAt: c.var.now() + TICKET_LIFETIME_MS } satisfies Ticket, c.var.config.sealSecret, "consent-ticket");
  return `${ownOrigin(c)}${CONSENT_START_PATH}?ticket=${encodeURIComponent(ticket)}`;
}

export async function openTicket(c: Context<AppEnv>, text: string | undefined): Promise<Ticket | null> {
  const ticket = await unseal<Ticket>(text, c.var.config.sealSecret, "consent-ticket");
  return ticket && ticket.expiresAt > c.var.now() ? ticket : null;
}
