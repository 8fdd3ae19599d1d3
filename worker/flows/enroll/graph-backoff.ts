/**
 * When Microsoft Graph asks a tenant's sign-ups to wait (429, or 503 with Retry-After), this
 * isolate stops calling it for that tenant until then: during an 8 a.m. storm the sign-ups go on
 * (students, with the reason kept) instead of every one of them retrying against a Graph that
 * is already refusing. Kept per isolate; other isolates learn it from their own first refusal.
 */
const waitUntil = new Map<string, number>();
/** However long Graph asks, a few minutes at most: a storm ends, and a wrong Retry-After must not stop readings for long. */
const MAX_WAIT_S = 300;
const DEFAULT_WAIT_S = 10;

/** Graph asked this tenant's sign-ups to wait, and the time is not over yet. */
export function graphResting(tenantId: string, now: number): boolean {
  const until = waitUntil.get(tenantId.toLowerCase());
  if (until === undefined) return false;
  if (until > now) return true;
  waitUntil.delete(tenantId.toLowerCase());
  return false;
}

/** Graph answered `status` with `retryAfter` (seconds, as sent): a 429 or a 503 rests the tenant's readings. */
export function noteGraphAnswer(tenantId: string, status: number, retryAfter: string | null, now: number) {
  if (status !== 429 && status !== 503) return;
  const asked = Number(retryAfter);
  const seconds = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_WAIT_S) : DEFAULT_WAIT_S;
  waitUntil.set(tenantId.toLowerCase(), now + seconds * 1000);
}

/** Every tenant's readings may go on (tests that make Graph refuse, then expect readings again). */
export function forgetGraphRests() {
  waitUntil.clear();
}
