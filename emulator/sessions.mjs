/**
 * The emulator's browser session: which accounts this browser has signed in with, as
 * login.microsoftonline.com remembers them (ESTSAUTH). prompt=none is answered from it.
 */
import { randomBytes } from "node:crypto";

export const SESSION_COOKIE = "ESTSAUTH";

/**
 * Microsoft's cookies are SameSite=None; Secure. On plain http that needs the browser to
 * treat the loopback origin as secure (Chromium does, not every browser does), so the
 * emulator uses Lax: every flow that needs the session reaches it as a top-level GET
 * navigation (redirect or popup), never from a frame or a fetch, and Lax is sent there.
 */
const ATTRIBUTES = "Path=/; HttpOnly; SameSite=Lax";

function cookieValue(req, name) {
  for (const part of String(req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

export function sessionStore(state) {
  state.sessions ??= { generation: 1, byId: new Map() };
  const s = state.sessions;

  /** The session this request's cookie names, if it is from the current generation. */
  function read(req) {
    const value = cookieValue(req, SESSION_COOKIE);
    if (!value) return null;
    const [generation, id] = value.split(".");
    if (Number(generation) !== s.generation) return null;
    const session = s.byId.get(id);
    return session ? { id, ...session } : null;
  }

  /** Adds a signed-in account (its home object) to the browser's session; returns the Set-Cookie value. */
  function remember(req, home) {
    const existing = read(req);
    const id = existing?.id ?? randomBytes(18).toString("base64url");
    const users = (existing?.users ?? []).filter((u) => !(u.tenantId === home.tenant.id && u.oid === home.oid));
    s.byId.set(id, { users: [{ tenantId: home.tenant.id, oid: home.oid }, ...users] });
    return `${SESSION_COOKIE}=${s.generation}.${id}; ${ATTRIBUTES}`;
  }

  /** Forgets every session; cookies still held by browsers no longer match the generation. */
  function reset() {
    s.generation += 1;
    s.byId.clear();
    return { generation: s.generation };
  }

  return { read, remember, reset };
}
