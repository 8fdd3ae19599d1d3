/** Embed origins as an admin types them: exact https origins, no path, query or fragment. */
import { AppError } from "../errors";

export function parseOrigins(inputs: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const [i, raw] of inputs.entries()) {
    const input = raw.trim();
    let url: URL | null = null;
    try {
      url = new URL(input);
    } catch {
      /* reported below */
    }
    const bare = input.replace(/\/$/, "");
    if (!url || url.protocol !== "https:" || url.origin !== bare || url.username || url.password) {
      throw new AppError(400, "invalid_origin", `origins.${i} "${input.slice(0, 100)}" must be an exact https origin such as https://lms.example.edu (no path).`);
    }
    seen.add(url.origin);
  }
  return [...seen].sort();
}
