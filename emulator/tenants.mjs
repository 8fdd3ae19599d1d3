/** Resolving the tenant segment of an authority URL, as Microsoft does. */
import { PERSONAL_TENANT_ID } from "./fixture.mjs";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @param {import('./fixture.mjs').Tenant[]} tenants
 * @returns {{segment:string, multi:boolean, tenant?:object} | null} who may sign in is directory.mjs's business
 */
export function resolveTenant(tenants, segment) {
  const lower = segment.toLowerCase();
  if (lower === "common" || lower === "organizations") return { segment: lower, multi: true };
  if (lower === "consumers") return { segment: lower, multi: false, tenant: tenants.find((t) => t.id === PERSONAL_TENANT_ID) };
  const tenant = GUID.test(segment) ? tenants.find((t) => t.id === lower) : tenants.find((t) => t.domains.includes(lower));
  return tenant ? { segment, multi: false, tenant } : null;
}

/** Microsoft matches loopback redirect URIs on everything but the port. */
export function redirectUriAllowed(client, redirectUri) {
  let url;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  return client.redirectUris.some((registered) => {
    const r = new URL(registered);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(r.hostname);
    return loopback
      ? r.protocol === url.protocol && r.hostname === url.hostname && r.pathname === url.pathname && !url.search
      : r.href === url.href;
  });
}
