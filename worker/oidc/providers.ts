/**
 * The isolate's cache of the identity provider's discovery documents and JWKS: every flow
 * and check shares it, so a warm isolate asks Microsoft for neither on a sign-in.
 */
import { ProviderCache } from "./discovery";

export const providers = new ProviderCache();
