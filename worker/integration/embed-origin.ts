/**
 * Embed origins as an admin types them: exact https origins of public sites, named (not an
 * IP address), with no path, query, fragment or wildcard. Case and a trailing slash do not
 * matter; the stored form is the browser's (`URL.origin`, lowercase), which is what `Origin`
 * headers carry. Listing one proves nothing (docs/security.md): it takes effect once proven.
 */
import { AppError } from "../errors";

/** Special-use names (RFC 6761, 6762, 8375 and the like) that no public site has. */
const NOT_PUBLIC = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|onion)$/i;

/** Why an input is not an origin we trust (worded for the admin in error-messages.ts); null when it is one. */
function problemOf(input: string, url: URL | null, ownHost: string): AppError | null {
  const shown = input.slice(0, 100);
  if (!url && /^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?\/?$/i.test(input))
    return new AppError(400, "invalid_origin.no_scheme", { input: shown, suggestion: `https://${input.replace(/\/$/, "")}` });
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return new AppError(400, "invalid_origin.not_web", { input: shown });
  if (url.protocol !== "https:") return new AppError(400, "invalid_origin.http", { input: shown });
  if (url.username || url.password) return new AppError(400, "invalid_origin.credentials", { input: shown });
  if (url.hostname.includes("*") || input.includes("*")) return new AppError(400, "invalid_origin.wildcard", { input: shown });
  // A trailing dot names the same host (localhost. is localhost): never a way around the rules below.
  if (url.hostname.endsWith("."))
    return new AppError(400, "invalid_origin.trailing_dot", { input: shown, suggestion: url.origin.replace(/\.(?=(:\d+)?$)/, "") });
  if (url.hostname.startsWith("[") || /^\d+(\.\d+){3}$/.test(url.hostname))
    return new AppError(400, "invalid_origin.address", { input: shown });
  if (!url.hostname.includes(".") || NOT_PUBLIC.test(url.hostname)) return new AppError(400, "invalid_origin.not_public", { input: shown });
  if (url.hostname === ownHost) return new AppError(400, "invalid_origin.own", { input: shown });
  const afterScheme = input.slice(input.indexOf("//") + 2).replace(/\/$/, "");
  if (!input.includes("//") || /[/?#\\]/.test(afterScheme))
    return new AppError(400, "invalid_origin.path", { input: shown, suggestion: url.origin });
  return null;
}

/** `ownHost`: the worker's own host name, which is never an organization's site. */
export function parseOrigins(inputs: readonly string[], ownHost: string): string[] {
  const seen = new Set<string>();
  for (const raw of inputs) {
    const input = raw.trim();
    let url: URL | null = null;
    try {
      url = new URL(input);
    } catch {
      /* reported below */
    }
    const problem = problemOf(input, url, ownHost);
    if (problem) throw problem;
    seen.add(url!.origin);
  }
  return [...seen].sort();
}
