/**
 * The contract's answers as TypeScript types, derived from the schemas the worker validates
 * and checks with. The widget imports them with `import type` (nothing of zod is shipped), so
 * a change to an answer that the panel does not follow fails `tsc`.
 */
import type * as z from "zod/mini";
import type * as people from "./people-schemas";
import type * as schemas from "./schemas";

export type Organization = z.output<typeof schemas.Organization>;
export type Integration = z.output<typeof schemas.Integration>;
export type IntegrationStatus = Integration["status"];
export type ConsentMethod = NonNullable<Integration["consent"]>["method"];
export type Reason = NonNullable<Integration["lastError"]>;
export type AuditEvent = z.output<typeof schemas.AuditEvent>;
export type EmbedOrigin = z.output<typeof schemas.EmbedOrigin>;
export type EmbedOrigins = z.output<typeof schemas.OriginList>;
export type JoinRequest = z.output<typeof people.JoinRequest>;
export type Member = z.output<typeof people.Member>;
export type TenantAccount = z.output<typeof people.TenantAccount>;
export type DecisionResult = z.output<typeof people.DecisionResults>["results"][number];
export type AddResult = z.output<typeof people.AddResults>["results"][number];
export type AddOutcome = AddResult["outcome"];
export type Session = z.output<typeof schemas.Session>;
