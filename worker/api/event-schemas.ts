/**
 * Schemas of the events a host back-end learns of (the feed and webhooks, docs/events.md)
 * and of the webhook endpoints support registers.
 */
import * as z from "zod/mini";
import { dateTime } from "./schemas";

/** Every event type, as the triggers of migration 0008 write them. */
export const EVENT_TYPES = [
  "member.joined",
  "member.updated",
  "member.removed",
  "join_request.created",
  "join_request.decided",
  "join_request.cancelled",
  "integration.updated",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EndpointInput = () =>
  z.object({
    url: z.string().check(z.maxLength(2048)),
    eventTypes: z.optional(z.nullable(z.array(z.enum(EVENT_TYPES)).check(z.minLength(1), z.maxLength(EVENT_TYPES.length)))),
    organizationId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(100)))),
  });

export const RotateInput = () =>
  z.object({
    /** How long the previous secret keeps signing too (default a day, at most a week). */
    overlapSeconds: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(7 * 24 * 60 * 60))),
  });

export const EventsQuery = () =>
  z.object({
    after: z.optional(z.string().check(z.maxLength(100))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "must be a number from 1 to 100"))),
    organizationId: z.optional(z.string().check(z.maxLength(100))),
  });

export const Event = __DOCS__
  ? z.object({
      id: z.string(),
      type: z.enum(EVENT_TYPES),
      organizationId: z.nullable(z.string()),
      occurredAt: dateTime,
      data: z.record(z.string(), z.unknown()),
    })
  : (null as never);

export const EventPage = __DOCS__ ? z.object({ events: z.array(Event), nextCursor: z.nullable(z.string()) }) : (null as never);

export const WebhookEndpoint = __DOCS__
  ? z.object({
      id: z.string(),
      url: z.string(),
      eventTypes: z.nullable(z.array(z.enum(EVENT_TYPES))),
      organizationId: z.nullable(z.string()),
      createdAt: dateTime,
      /** Deliveries that used up their retries and wait for a replay: the endpoint is failing while there are any. */
      failing: z.boolean(),
      failedDeliveries: z.number(),
      lastAttempt: z.nullable(z.object({ at: dateTime, status: z.number(), ok: z.boolean() })),
      lastSuccessAt: z.nullable(dateTime),
      lastErrorExcerpt: z.nullable(z.string()),
      previousSecretSignsUntil: z.nullable(dateTime),
    })
  : (null as never);
