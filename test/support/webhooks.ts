/**
 * Webhooks and the events feed in worker tests: receivers on the test sites server (which
 * records every delivery with its headers and body), the feed read through support's API,
 * deliveries verified with Standard Webhooks' reference library, and a school's story that
 * makes one event of each kind.
 */
import { Webhook } from "standardwebhooks";
import { expect, inject } from "vitest";
import { emulator } from "./browser";
import { TENANT, adminOf, createOrg, db, forgetIntegrations, orgApi, signUp, support, widgetSignIn, type Org } from "./orgs";

const sites = () => inject("sitesUrl");

export interface Delivery {
  host: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
export interface FeedEvent {
  id: string;
  type: string;
  organizationId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** What the receiver at `host` + `path` answers. */
export async function receiver(
  host: string,
  answer: { status?: number; body?: string; headers?: Record<string, string>; delayMs?: number },
  path = "/hooks",
) {
  await fetch(`${sites()}/_sites`, { method: "PUT", body: JSON.stringify({ host, path, ...answer }) });
}

export async function deliveriesTo(host: string): Promise<Delivery[]> {
  const all = await (await fetch(`${sites()}/_sites/requests`)).json<Delivery[]>();
  return all.filter((r) => r.host === host && r.method === "POST");
}

/** Polls until `check` holds for what `read` returns (deliveries travel through a real queue). */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last seen: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function register(body: { url: string; eventTypes?: string[]; organizationId?: string }) {
  const res = await support("POST", "/api/support/webhook-endpoints", body);
  expect(res.status).toBe(201);
  return res.json<{ id: string; secret: string; url: string; eventTypes: string[] | null; organizationId: string | null }>();
}

export async function feed(query: string) {
  const res = await support("GET", `/api/support/events?${query}`);
  expect(res.status).toBe(200);
  return res.json<{ events: FeedEvent[]; nextCursor: string | null }>();
}

/** The whole feed of one organization. */
export async function eventsOf(org: Org) {
  const events: FeedEvent[] = [];
  let after: string | null = null;
  do {
    const page = await feed(`organizationId=${org.id}&limit=100${after ? `&after=${after}` : ""}`);
    events.push(...page.events);
    after = page.nextCursor;
  } while (after);
  return events;
}

/** A verified delivery's body (the reference library throws on a bad signature or timestamp). */
export function verified(secret: string, d: Delivery) {
  return new Webhook(secret).verify(d.body, {
    "webhook-id": d.headers["webhook-id"],
    "webhook-timestamp": d.headers["webhook-timestamp"],
    "webhook-signature": d.headers["webhook-signature"],
  }) as { type: string; timestamp: string; data: Record<string, unknown> };
}

export async function removeAllEndpoints() {
  const { endpoints } = await (await support("GET", "/api/support/webhook-endpoints")).json<{ endpoints: Array<{ id: string }> }>();
  for (const e of endpoints) expect((await support("DELETE", `/api/support/webhook-endpoints/${e.id}`)).status).toBe(200);
}

export async function sitesReset() {
  await fetch(`${sites()}/_sites/reset`, { method: "POST" });
}

/** Each story of the events tests starts here: Microsoft as seeded, no integration, no account, no endpoint, receivers answering nothing yet. */
export async function eventsWorld() {
  await emulator("/_emulator/reset", {});
  await forgetIntegrations();
  await db().prepare("DELETE FROM accounts").run();
  await removeAllEndpoints();
  await sitesReset();
}

/**
 * A school through its life: connected, Sam signs up, Ada makes him a teacher and removes him,
 * he asks to join again and Ada approves, and the integration is switched off.
 */
export async function schoolStory() {
  const org = await createOrg({ name: "Events School" });
  const ada = await adminOf(org, "ada@northwood.edu");
  expect((await support("PUT", `/api/support/organizations/${org.id}/integration`, { tenantId: TENANT.northwood })).status).toBe(200);
  // Northwood's Global Administrator granted consent at Microsoft (support's link stands for it).
  await emulator("/_emulator/admin-consent", { tenantId: TENANT.northwood });
  const signedUp = await signUp("sam@northwood.edu");
  expect(signedUp.status).toBe("signed_in");
  const sam = { accountId: signedUp.account.id as string };
  expect((await orgApi(ada.token, "PATCH", `/api/orgs/${org.id}/members/${sam.accountId}`, { accountType: "teacher" })).status).toBe(200);
  expect((await orgApi(ada.token, "DELETE", `/api/orgs/${org.id}/members/${sam.accountId}`)).status).toBe(200);
  const again = await widgetSignIn("sam@northwood.edu");
  const asked = await orgApi(again.token, "POST", "/api/join-requests", { organizationId: org.id, accountType: "student" });
  expect(asked.status).toBe(201);
  const request = await asked.json<{ id: string }>();
  const decided = await orgApi(ada.token, "POST", `/api/orgs/${org.id}/join-requests/decisions`, {
    decisions: [{ id: request.id, decision: "approve" }],
  });
  expect(decided.status).toBe(200);
  expect((await orgApi(ada.token, "PATCH", `/api/orgs/${org.id}/integration`, { enabled: false })).status).toBe(200);
  return { org, ada, sam, requestId: request.id };
}
