/**
 * Embed origins as an admin types them: exact https origins of real sites, no path,
 * query, fragment or wildcard. Case and a trailing slash do not matter; the stored
 * form is the browser's (`URL.origin`, lowercase), which is what `Origin` headers carry.
 */
import { AppError } from "../errors";

const EXAMPLE = "https://lms.example.edu";

/** Why an input is not an origin we trust, in words an admin can act on; null when it is one. */
function problemOf(input: string, url: URL | null): string | null {
  if (!url && /^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?\/?$/i.test(input)) return `needs https:// in front: https://${input.replace(/\/$/, "")}`;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return `is not a web address: enter one such as ${EXAMPLE}`;
  if (url.protocol !== "https:") return `must start with https:// (pages served over plain http cannot be trusted with sign-in)`;
  if (url.username || url.password) return `must not contain a user name or password`;
  if (url.hostname.includes("*") || input.includes("*")) return `cannot be a wildcard: list each site on its own, such as ${EXAMPLE}`;
  if (!url.hostname.includes(".") && !url.hostname.startsWith("[")) return `is not a public site name (it needs a domain such as ${EXAMPLE})`;
  const afterScheme = input.slice(input.indexOf("//") + 2).replace(/\/$/, "");
  if (!input.includes("//") || /[/?#\\]/.test(afterScheme)) return `has more than a site in it: enter only the origin, such as ${url.origin}, without a path, query or #`;
  return null;
}

export function parseOrigins(inputs: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of inputs) {
    const input = raw.trim();
    let url: URL | null = null;
    try {
      url = new URL(input);
    } catch {
      /* reported below */
    }
    const problem = problemOf(input, url);
    if (problem) throw new AppError(400, "invalid_origin", `"${input.slice(0, 100)}" ${problem}.`);
    seen.add(url!.origin);
  }
  return [...seen].sort();
}
