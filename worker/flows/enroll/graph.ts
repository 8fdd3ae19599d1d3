/**
 * Reading the signing-up person's education role from Microsoft Graph
 * (`GET /v1.0/education/me`): one call, within a short time budget. Every
 * failure (no School Data Sync, 403, throttling, 5xx, a timeout, the network) is a
 * reason, never an error: the account is then a student, with the reason kept.
 */
import { log } from "../../log";
import type { RoleReading } from "../../members/account-type";
import { reason, type AccountTypeReason } from "../../account-type-reason";
import { noteGraphAnswer } from "./graph-backoff";

const TIMEOUT_MS = 2500;
/** A 429 is waited out once if Microsoft asks for at most this long. */
const MAX_RETRY_AFTER_S = 2;

export type GraphFetch = (url: string, init: RequestInit) => Promise<Response>;

async function once(fetcher: GraphFetch, url: string, accessToken: string): Promise<Response | AccountTypeReason> {
  try {
    return await fetcher(url, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: "application/json",
        // `faculty` came after `unknownFutureValue` in educationUserRole: ask for it by name.
        prefer: "include-unknown-enum-members",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    return (err as Error)?.name === "TimeoutError" ? reason("graph_timeout", TIMEOUT_MS / 1000) : reason("graph_unreachable");
  }
}

export async function readEducationRole(
  graphBaseUrl: string,
  accessToken: string,
  who: { tenantId: string; now: number },
  fetcher: GraphFetch = (u, i) => fetch(u, i),
): Promise<RoleReading> {
  const url = `${graphBaseUrl}/v1.0/education/me`;
  let response = await once(fetcher, url, accessToken);
  if (typeof response !== "string" && response.status === 429) {
    const wait = Number(response.headers.get("retry-after"));
    if (Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_S) {
      await new Promise((r) => setTimeout(r, wait * 1000));
      response = await once(fetcher, url, accessToken);
    }
  }
  if (typeof response === "string") {
    log.warn("graph_unavailable", { reason: response });
    return { ok: false, reason: response };
  }
  if (!response.ok) {
    noteGraphAnswer(who.tenantId, response.status, response.headers.get("retry-after"), who.now);
    const why =
      response.status === 429
        ? reason("graph_busy")
        : response.status === 403
          ? reason("graph_refused")
          : response.status === 404 || response.status === 400
            ? reason("no_sds_data", response.status)
            : reason("graph_status", response.status);
    // No School Data Sync data is routine for a school; anything else is worth a warning.
    if (response.status === 404 || response.status === 400) log.info("graph_no_education_data", { status: response.status });
    else log.warn("graph_refused", { status: response.status });
    return { ok: false, reason: why };
  }
  const body = (await response.json().catch(() => null)) as { primaryRole?: unknown } | null;
  return { ok: true, primaryRole: typeof body?.primaryRole === "string" ? body.primaryRole : "none" };
}
