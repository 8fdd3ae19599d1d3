/**
 * The admin views' chunk: <thinglink-sso> imports it with a dynamic import() only when
 * view="admin", so widget.js (the sign-in path) stays small (SPEC §6). Defining is guarded:
 * a second copy of widget.js on the page shares this chunk, but be safe anyway.
 *
 * The import order is the order of the chunk's code, and it was chosen for gzip (SPEC §6: all
 * views ≤ 25 KB): the chunk is longer than gzip's 32 KB window, and this order keeps what repeats
 * (the strings' keys, the templates' markup) within reach of each other: 0.1 KB less than others.
 */
import { IntegrationsTab } from "./integrations/integrations-tab";
import { ConsentLink } from "./consent-link/consent-link";
import { TenantRow } from "./integrations/tenant-row";
import { EmbedOrigins } from "./embed-origins/embed-origins";
import { Activity } from "./activity/activity";
import { RequestsTab } from "./requests/requests-tab";
import { TenantAccounts } from "./users/tenant-accounts";
import { UsersTab } from "./users/users-tab";
import { AdminView } from "./admin-view/admin-view";

const elements: [string, CustomElementConstructor][] = [
  ["thinglink-sso-admin-tenant", TenantRow],
  ["thinglink-sso-admin-consent-link", ConsentLink],
  ["thinglink-sso-admin-origins", EmbedOrigins],
  ["thinglink-sso-admin-activity", Activity],
  ["thinglink-sso-admin-integrations", IntegrationsTab],
  ["thinglink-sso-admin-requests", RequestsTab],
  ["thinglink-sso-admin-tenant-accounts", TenantAccounts],
  ["thinglink-sso-admin-users", UsersTab],
  ["thinglink-sso-admin", AdminView],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

declare global {
  interface HTMLElementTagNameMap {
    "thinglink-sso-admin": AdminView;
  }
}
