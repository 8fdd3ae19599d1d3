/**
 * The admin panel's chunk: <thinglink-sso> imports it with a dynamic import() only when
 * view="admin", so widget.js (the sign-in path) stays small. It defines the panel and the
 * elements of its tabs; defining is guarded, as a second copy of widget.js on the page may
 * share this chunk.
 */
import { Activity } from "./activity/activity";
import { AdminView } from "./admin-view/admin-view";
import { ConsentLink } from "./consent-link/consent-link";
import { EmbedOrigins } from "./embed-origins/embed-origins";
import { IntegrationsTab } from "./integrations/integrations-tab";
import { TenantRow } from "./integrations/tenant-row";
import { RequestsTab } from "./requests/requests-tab";
import { TenantAccounts } from "./users/tenant-accounts";
import { UsersTab } from "./users/users-tab";

/** Each element by its tag: the panel, then its tabs and their parts. */
const elements: [string, CustomElementConstructor][] = [
  ["thinglink-sso-admin", AdminView],
  ["thinglink-sso-admin-integrations", IntegrationsTab],
  ["thinglink-sso-admin-tenant", TenantRow],
  ["thinglink-sso-admin-consent-link", ConsentLink],
  ["thinglink-sso-admin-origins", EmbedOrigins],
  ["thinglink-sso-admin-activity", Activity],
  ["thinglink-sso-admin-requests", RequestsTab],
  ["thinglink-sso-admin-users", UsersTab],
  ["thinglink-sso-admin-tenant-accounts", TenantAccounts],
];
for (const [name, element] of elements) {
  if (!customElements.get(name)) customElements.define(name, element);
}

declare global {
  interface HTMLElementTagNameMap {
    "thinglink-sso-admin": AdminView;
  }
}
