/** Isolate-wide singletons: what is cached between requests of one isolate. */
import { ProviderCache } from "./oidc/discovery";

/** Discovery documents and JWKS of the identity provider (SPEC §6: cached in the isolate). */
export const providers = new ProviderCache();
