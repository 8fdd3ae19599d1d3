/**
 * What is kept of a receiver's answer to a failed delivery: its first characters, enough to
 * recognise an error page, with anything that looks like an email address or a token masked
 * (a receiver may echo what it got, or leak its own secrets in an error page).
 */
const MAX_CHARS = 200;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const TOKEN = /[A-Za-z0-9_\-+/.]{24,}/g;
/** `token=…`, `api_key: …`, `password=…`: the value of anything named like a secret, however short. */
const NAMED_SECRET = /\b([A-Za-z_-]*(?:token|key|secret|password|passwd|signature|sig|auth[a-z]*)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;

export function maskedExcerpt(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_CHARS)
    .replace(EMAIL, "[email]")
    .replace(NAMED_SECRET, "$1[masked]")
    .replace(TOKEN, "[masked]");
}

/** Reads at most `maxBytes` of a body and lets the rest go (a receiver may answer with anything). */
export async function readStart(res: Response, maxBytes = 1024): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  // The rest of the answer is not wanted; a body that already failed has nothing left to cancel.
  await reader.cancel().then(
    () => undefined,
    () => undefined,
  );
  const decoder = new TextDecoder();
  const text = chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
  return text.slice(0, maxBytes);
}
