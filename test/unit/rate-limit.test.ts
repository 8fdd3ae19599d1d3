import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/http/app-env";
import { AppError } from "../../worker/errors";
import { byClientAddress, byHandoff, rateLimit } from "../../worker/http/rate-limit";

/** A stand-in for the Rate Limiting binding: `limit` calls per key, recording the keys asked. */
function binding(limit: number) {
  const counts = new Map<string, number>();
  return {
    keys: counts,
    async limit({ key }: { key: string }) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { success: counts.get(key)! <= limit };
    },
  };
}

function app(limiter: ReturnType<typeof binding> | undefined) {
  const a = new Hono<AppEnv>();
  a.post("/", rateLimit("HANDOFF_LIMITER", "sign-in status", byHandoff), (c) => c.text("ok"));
  a.get("/", rateLimit("SIGN_IN_LIMITER", "sign-in", byClientAddress), (c) => c.text("ok"));
  a.onError((err, c) => (err instanceof AppError ? c.json(err.toJSON(), err.status) : c.text(String(err), 500)));
  return {
    request: (path: string, init: RequestInit = {}) => a.request(path, init, { HANDOFF_LIMITER: limiter, SIGN_IN_LIMITER: limiter }),
  };
}

const from = (ip?: string): RequestInit => (ip ? { headers: { "cf-connecting-ip": ip } } : {});
const poll = (secret: string, ip = "203.0.113.5"): RequestInit => ({
  method: "POST",
  headers: { "cf-connecting-ip": ip, "content-type": "application/json" },
  body: JSON.stringify({ secret }),
});

describe("rateLimit", () => {
  it("answers 429 with Retry-After past the binding's limit, per client address", async () => {
    const a = app(binding(2));
    expect((await a.request("/", from("203.0.113.5"))).status).toBe(200);
    expect((await a.request("/", from("203.0.113.5"))).status).toBe(200);
    const limited = await a.request("/", from("203.0.113.5"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "Too many sign-in requests. Please wait a moment and try again." },
    });
    expect((await a.request("/", from("198.51.100.7"))).status).toBe(200);
  });

  it("counts hand-off polls per hand-off, so a school behind one address is not limited as one", async () => {
    const limiter = binding(2);
    const a = app(limiter);
    for (let i = 0; i < 10; i++) expect((await a.request("/", poll(`secret-${i}`))).status).toBe(200);
    expect((await a.request("/", poll("secret-0"))).status).toBe(200);
    expect((await a.request("/", poll("secret-0"))).status).toBe(429);
    // Keys hold a hash, never the secret.
    expect([...limiter.keys.keys()].some((k) => k.includes("secret-"))).toBe(false);
  });

  it("does not limit without the binding, or without a client address (no Cloudflare in front)", async () => {
    for (const a of [app(undefined), app(binding(0))]) expect((await a.request("/")).status).toBe(200);
  });
});
