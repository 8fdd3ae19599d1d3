/** OpenID Connect discovery documents and the signing keys (JWKS), per authority. */
import { AADSTS, tokenErrorBody } from "./aad-errors.mjs";
import { PERSONAL_TENANT_ID } from "./fixture.mjs";

export function discoveryRoutes(h) {
  const { state } = h;

  function document(segment, resolved) {
    const base = state.base;
    // common/organizations publish the issuer template; a tenant, even named by domain, its own GUID.
    const issuerTenant = resolved.multi ? "{tenantid}" : resolved.tenant.id;
    return {
      token_endpoint: `${base}/${segment}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/${segment}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/graph/oidc/userinfo`,
      authorization_endpoint: `${base}/${segment}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${segment}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${segment}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "cloud_instance_name",
        "cloud_instance_host_name",
        "cloud_graph_host_name",
        "msgraph_host",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
      ],
      kerberos_endpoint: `${base}/${segment}/kerberos`,
      tenant_region_scope: resolved.multi ? null : "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    };
  }

  const tenantNotFound = (segment) => ({ status: 400, json: tokenErrorBody(AADSTS.tenantNotFound, segment) });

  return [
    {
      method: "GET",
      path: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/,
      handle: ({ match }) => {
        state.stats.discovery++;
        if (state.faults.discovery === "down") return { status: 503, html: "<html><body>Service Unavailable</body></html>" };
        const segment = decodeURIComponent(match[1]);
        const resolved = h.tenant(segment);
        if (!resolved) return tenantNotFound(segment);
        if (segment.toLowerCase() === "consumers")
          return { json: { ...document(segment, resolved), issuer: `${state.base}/${PERSONAL_TENANT_ID}/v2.0` } };
        return { json: document(segment, resolved) };
      },
    },
    {
      method: "GET",
      path: /^\/([^/]+)\/discovery\/v2\.0\/keys$/,
      handle: ({ match }) => {
        state.stats.jwks++;
        if (state.faults.jwks === "down") return { status: 503, html: "<html><body>Service Unavailable</body></html>" };
        const segment = decodeURIComponent(match[1]);
        return h.tenant(segment) ? { json: state.keys.jwks(state.base) } : tenantNotFound(segment);
      },
    },
  ];
}
