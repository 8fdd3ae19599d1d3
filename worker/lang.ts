/**
 * The languages the worker speaks. What a person reads — pages, error messages, reasons — is
 * worded in one of these at the edge, from codes (docs/architecture.md, "Errors and words").
 */
export type Lang = "en" | "fi";

/** The language a tag names (`fi-FI` → fi), or undefined when we do not speak it. */
export function langOf(value: string | undefined | null): Lang | undefined {
  const tag = value?.trim().toLowerCase();
  if (!tag) return undefined;
  return tag.startsWith("fi") ? "fi" : tag.startsWith("en") ? "en" : undefined;
}
