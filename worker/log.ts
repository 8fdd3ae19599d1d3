/**
 * Structured logs: one JSON object per line, with an `event` name, the request's id
 * and plain fields. Whatever a field holds, what looks like an email address, a JWT
 * or a long random token is masked before it is written: logs never carry tokens,
 * codes, secrets or email addresses, even inside a provider's message.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Fields = Record<string, unknown>;

const request = new AsyncLocalStorage<{ id: string }>();

/** Runs a request with its id, so every log line of it carries the id. */
export function withRequestId<T>(id: string, run: () => T): T {
  return request.run({ id }, run);
}

// Any run of non-space, non-quote characters around an @ (or its URL encoding %40) with a dotted
// domain: plain addresses, guest UPNs (chris_contoso.com#EXT#@tenant.onmicrosoft.com), encoded ones.
const EMAIL = /[^\s"'<>(),;:@=&?/\\[\]{}|]*(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
/** Session tokens, hand-off secrets, codes: long unbroken base64url runs (GUIDs have hyphens every few characters). */
const TOKEN = /\b[A-Za-z0-9_-]{32,}\b/g;

export function redact(text: string): string {
  return text
    .replace(JWT, "[jwt]")
    .replace(EMAIL, "[email]")
    .replace(TOKEN, (m) => (/^[0-9a-f-]+$/i.test(m) && m.includes("-") ? m : "[token]"));
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields) {
  const requestId = request.getStore()?.id;
  const line = JSON.stringify({ level, event, ...(requestId ? { requestId } : {}), ...fields }, (_key, value: unknown) => {
    if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: value.stack && redact(value.stack) };
    return typeof value === "string" ? redact(value) : value;
  });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write("info", event, fields),
  warn: (event: string, fields: Fields = {}) => write("warn", event, fields),
  error: (event: string, fields: Fields = {}) => write("error", event, fields),
};
