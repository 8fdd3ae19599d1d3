/**
 * Who a person is at a given authority. A user object lives in one tenant; a B2B guest is a
 * separate object (own oid) in the inviting tenant that points at the user's home object.
 * An "identity" is a user object with its tenant attached, plus `home` for guests.
 */
import { CONSENT_ROLES, PERSONAL_TENANT_ID, ROLES } from "./fixture.mjs";

export const isGuest = (identity) => Boolean(identity?.guestOf);

/** Whether this user may grant tenant-wide consent (the fixture's older `admin` flag counts). */
export function canConsentForTenant(identity) {
  if (!identity || isGuest(identity) || identity.tenant?.personal) return false;
  return identity.admin === true || (identity.roles ?? []).some((r) => CONSENT_ROLES.includes(r));
}

/** A Global Administrator (the fixture's older `admin` flag counts as one). */
export function isGlobalAdministrator(identity) {
  if (!canConsentForTenant(identity)) return false;
  return identity.admin === true || (identity.roles ?? []).includes(ROLES.globalAdministrator);
}

/** Role template IDs for `wids`: assigned roles, then the implicit member or guest role. */
export function roleTemplateIds(identity) {
  const assigned = (identity.roles ?? []).filter((r) => r !== ROLES.member && r !== ROLES.guestUser);
  return [...assigned, isGuest(identity) ? ROLES.guestUser : ROLES.member];
}

/** The issuer Microsoft names as `idp` for a user homed in this tenant. */
export function identityProviderOf(tenant) {
  return tenant.id === PERSONAL_TENANT_ID ? "live.com" : `https://sts.windows.net/${tenant.id}/`;
}

export function directory(state, resolveTenant) {
  const tenantById = (id) => state.tenants.find((t) => t.id === id);
  const attach = (tenant, user) => {
    if (!user.guestOf) return { ...user, tenant, home: null };
    const homeTenant = tenantById(user.guestOf.tenantId);
    return { ...user, tenant, home: { tenant: homeTenant, user: homeTenant.users.find((u) => u.oid === user.guestOf.oid) } };
  };
  const members = (tenant) => tenant.users.filter((u) => !u.guestOf).map((u) => attach(tenant, u));
  const allMembers = () => state.tenants.flatMap(members);
  const allUsers = () => state.tenants.flatMap((t) => t.users.map((u) => attach(t, u)));

  /** The home identity behind any identity (itself for members). */
  const homeOf = (identity) => (identity.home ? attach(identity.home.tenant, identity.home.user) : identity);

  /** This home user's guest object in `tenant`, if they were invited there. */
  function guestIn(tenant, home) {
    const guest = tenant.users.find((u) => u.guestOf?.tenantId === home.tenant.id && u.guestOf.oid === home.oid);
    return guest ? attach(tenant, guest) : null;
  }

  /** Accounts an authority's account picker offers first (guests included at a tenant). */
  function listed(authority, { organizationsOnly = false } = {}) {
    if (authority.multi) {
      const personalAllowed = authority.segment === "common" && !organizationsOnly;
      return allMembers().filter((u) => personalAllowed || !u.tenant.personal);
    }
    return authority.tenant.users.map((u) => attach(authority.tenant, u));
  }

  /** Accounts of other tenants, for the picker's "Use another account" at a tenant authority. */
  function others(authority) {
    if (authority.multi) return [];
    return allMembers().filter((u) => u.tenant.id !== authority.tenant.id && !guestIn(authority.tenant, u));
  }

  /** Finds an account by oid or sign-in name (a guest also answers to its home UPN). */
  function find(authority, key, options) {
    if (!key) return null;
    const lower = String(key).toLowerCase();
    const matches = (u) => u.oid === key || u.upn.toLowerCase() === lower || u.home?.user.upn.toLowerCase() === lower;
    return listed(authority, options).find(matches) ?? others(authority).find(matches) ?? allUsers().find(matches) ?? null;
  }

  /**
   * The identity a signed-in person has at this authority: themselves, their guest object
   * (at the inviting tenant's authority, or at common with that tenant as domain_hint), or
   * `{foreign: true}` when the tenant does not know them (AADSTS50020).
   */
  function at(authority, identity, domainHint) {
    if (!authority.multi && identity.tenant.id === authority.tenant.id) return identity;
    const home = homeOf(identity);
    if (authority.multi) {
      const hinted = domainHint ? resolveTenant(domainHint) : null;
      const guest = hinted && !hinted.multi ? guestIn(hinted.tenant, home) : null;
      if (guest) return guest;
      if (authority.segment === "organizations" && home.tenant.personal)
        return { ...home, foreign: true, foreignTo: { name: "Microsoft Services" } };
      return home;
    }
    if (home.tenant.id === authority.tenant.id) return home;
    return guestIn(authority.tenant, home) ?? { ...home, foreign: true, foreignTo: authority.tenant };
  }

  /** The identity behind a remembered session entry. */
  function byHome({ tenantId, oid }) {
    const tenant = tenantById(tenantId);
    const user = tenant?.users.find((u) => u.oid === oid);
    return user ? attach(tenant, user) : null;
  }

  /** The stored user object (consent records live on it). */
  const record = (identity) => tenantById(identity.tenant.id)?.users.find((u) => u.oid === identity.oid);

  return { tenantById, listed, others, find, at, homeOf, byHome, record, allMembers };
}
