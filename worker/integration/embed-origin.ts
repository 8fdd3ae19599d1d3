/**
 * Embed origins as an admin types them: exact https origins of public sites, named (not an
 * IP address), with no path, query, fragment or wildcard. Case and a trailing slash do not
 * matter; the stored form is the browser's (`URL.origin`, lowercase), which is what `Origin`
 * headers carry. Listing one proves nothing (docs/security.md): it takes effect once proven.
 */
import { AppError } from "../errors";

const EXAMPLE = "https://lms.example.edu";

/** Special-use names (RFC 6761, 6762, 8375 and the like) that no public site has. */
const NOT_PUBLIC = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|onion)$/i;

/** Why an input is not an origin we trust, in words an admin can act on; null when it is one. */
function problemOf(input: string, url: URL | null, ownHost: string): string | null {
  if (!url && /^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?\/?$/i.test(input)) return `needs https:// in front: https://${input.replace(/\/$/, "")}`;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return `is not a web address: enter one such as ${EXAMPLE}`;
  if (url.protocol !== "https:") return `must start with https:// (pages served over plain http cannot be trusted with sign-in)`;
  if (url.username || url.password) return `must not contain a user name or password`;
  if (url.hostname.includes("*") || input.includes("*")) return `cannot be a wildcard: list each site on its own, such as ${EXAMPLE}`;
  // A trailing dot names the same host (localhost. is localhost): never a way around the rules below.
  if (url.hostname.endsWith(".")) return `must not end with a dot (enter it as ${url.origin.replace(/\.(?=(:\d+)?$)/, "")})`;
  if (url.hostname.startsWith("[") || /^\d+(\.\d+){3}$/.test(url.hostname))
    return `must be a site name such as ${EXAMPLE}, not an IP address`;
  if (!url.hostname.includes(".") || NOT_PUBLIC.test(url.hostname))
    return `is not a public site name (it needs a domain such as ${EXAMPLE})`;
  if (url.hostname === ownHost) return `is ThingLink's own address, not a site of your organization`;
  const afterScheme = input.slice(input.indexOf("//") + 2).replace(/\/$/, "");
  if (!input.includes("//") || /[/?#\\]/.test(afterScheme))
    return `has more than a site in it: enter only the origin, such as ${url.origin}, without a path, query or #`;
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
    if (problem) throw new AppError(400, "invalid_origin", `"${input.slice(0, 100)}" ${problem}.`);
    seen.add(url!.origin);
  }
  return [...seen].sort();
}
