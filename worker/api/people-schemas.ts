/**
 * The contract's schemas for an organization's people (join requests, decisions, members, the
 * tenant's accounts): the routes validate with them, the test tier checks every answer against
 * them, /openapi.json describes them, and the widget takes its types from them (api/types.ts).
 * Answer schemas are compiled in only where they are used (`__DOCS__`: see api/registry.ts).
 */
import * as z from "zod/mini";
import { dateTime } from "./schemas";

export const AccountSummary = __DOCS__
  ? z.object({ id: z.string(), name: z.string(), email: z.nullable(z.string()), upn: z.nullable(z.string()) })
  : (null as never);
export const JoinRequest = __DOCS__
  ? z.object({
      id: z.string(),
      account: AccountSummary,
      status: z.enum(["pending", "approved", "rejected", "cancelled"]),
      /** What the requester said they are (schools only; null when they did not say). */
      accountType: z.nullable(z.enum(["student", "teacher"])),
      createdAt: dateTime,
      decidedAt: z.nullable(dateTime),
      decidedBy: z.nullable(z.string()),
    })
  : (null as never);
export const Member = __DOCS__
  ? z.object({
      accountId: z.string(),
      name: z.string(),
      email: z.nullable(z.string()),
      upn: z.nullable(z.string()),
      role: z.enum(["admin", "member"]),
      accountType: z.enum(["student", "teacher", "member"]),
      accountTypeSource: z.enum(["graph", "default", "request", "admin"]),
      accountTypeReason: z.nullable(z.string()),
      joinedAt: dateTime,
    })
  : (null as never);
export const TenantAccount = __DOCS__
  ? z.object({
      accountId: z.string(),
      name: z.string(),
      email: z.nullable(z.string()),
      upn: z.nullable(z.string()),
      organization: z.nullable(z.object({ id: z.string(), name: z.nullable(z.string()) })),
      pendingRequest: z.boolean(),
    })
  : (null as never);
export const AccountIds = () =>
  z.object({ accountIds: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(500)) });
export const AddResults = __DOCS__
  ? z.object({
      results: z.array(
        z.object({
          accountId: z.string(),
          outcome: z.enum(["added", "moved", "already_member", "not_in_tenant", "last_admin"]),
          message: z.optional(z.string()),
        }),
      ),
    })
  : (null as never);

export const DecisionResults = __DOCS__
  ? z.object({
      results: z.array(
        z.object({
          id: z.string(),
          outcome: z.enum(["approved", "rejected", "already_decided", "not_found", "last_admin"]),
          status: z.nullable(z.string()),
          message: z.nullable(z.string()),
        }),
      ),
    })
  : (null as never);
