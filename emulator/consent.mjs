/**
 * Delegated permission grants, per user and tenant-wide, for Microsoft Graph scopes.
 * Scopes are kept in their short form ("User.Read"); the Graph resource prefix is dropped.
 */
const GRAPH_PREFIX = "https://graph.microsoft.com/";
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];
export const DEFAULT_SCOPE = ".default";

export function parseScopes(text) {
  return [
    ...new Set(
      String(text ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((s) => (s.toLowerCase().startsWith(GRAPH_PREFIX) ? s.slice(GRAPH_PREFIX.length) : s)),
    ),
  ];
}

/** Graph permissions that only an administrator can grant (the education roster, directory-wide reads). */
export function needsAdmin(scope) {
  return /^Edu[A-Za-z]+\./.test(scope) || /^(Directory|Group|User|Application)\.(Read|ReadWrite)\.All$/.test(scope);
}

/** `/.default` stands for every permission configured on the app registration. */
export function expandScopes(scopes, client) {
  return [...new Set(scopes.flatMap((s) => (s === DEFAULT_SCOPE ? (client.requiredPermissions ?? []) : [s])))];
}

export const resourceScopes = (scopes) => scopes.filter((s) => !OIDC_SCOPES.includes(s));

export function consentStore(state) {
  const tenantGrants = () => (state.grants.tenant ??= new Map());
  const userGrants = () => (state.grants.user ??= new Map());
  const add = (map, key, clientId, scopes) => {
    if (!map.has(key)) map.set(key, new Map());
    const byClient = map.get(key);
    if (!byClient.has(clientId)) byClient.set(clientId, new Set());
    for (const s of scopes) byClient.get(clientId).add(s);
  };

  const tenantScopes = (tenantId, clientId) => tenantGrants().get(tenantId)?.get(clientId) ?? new Set();

  /** The fixture's `consented` flag: an earlier user consent to what users may consent to. */
  function fixtureConsent(record, client) {
    const legacy = record?.consented === true || (Array.isArray(record?.consented) && record.consented.includes(client.clientId));
    return legacy ? (client.requiredPermissions ?? []).filter((s) => !needsAdmin(s)) : [];
  }

  /** Everything this person may use the app with: their own consent plus the tenant's. */
  function granted(identity, record, client) {
    const own = userGrants().get(`${identity.tenant.id}/${identity.oid}`)?.get(client.clientId) ?? new Set();
    return new Set([...fixtureConsent(record, client), ...own, ...tenantScopes(identity.tenant.id, client.clientId)]);
  }

  return {
    tenantScopes,
    granted,
    missing: (identity, record, client, scopes) => {
      const have = granted(identity, record, client);
      return scopes.filter((s) => !have.has(s));
    },
    hasTenantGrant: (tenantId, clientId) => tenantScopes(tenantId, clientId).size > 0,
    grantTenant: (tenantId, clientId, scopes) => add(tenantGrants(), tenantId, clientId, scopes),
    grantUser: (identity, clientId, scopes) => add(userGrants(), `${identity.tenant.id}/${identity.oid}`, clientId, scopes),
  };
}
