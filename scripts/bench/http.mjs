/** Signing in to the local stack over plain HTTP, as a browser would, for the benchmark. */

/**
 * A first-party sign-in (login_hint signs in at the emulator without a click),
 * following every redirect and keeping both sites' cookies; returns the session cookie.
 */
export async function signIn(workerUrl, loginHint) {
  const jars = new Map();
  const jarOf = (url) => jars.get(url.origin) ?? jars.set(url.origin, new Map()).get(url.origin);
  const header = (url) => [...jarOf(url)].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(`${workerUrl}/auth/microsoft/start?login_hint=${encodeURIComponent(loginHint)}`);
  for (let hops = 0; hops < 16; hops++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: header(url) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      jarOf(url).set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (res.status !== 302) break;
    url = new URL(res.headers.get("location"), url);
    if (url.origin === workerUrl && !url.pathname.startsWith("/auth/")) break;
  }
  const session = jarOf(new URL(workerUrl)).get("__Host-tl_session");
  if (!session) throw new Error(`benchmark sign-in of ${loginHint} failed`);
  return `__Host-tl_session=${session}`;
}

/** A JSON call to the worker with a first-party session cookie (or a support token). */
export async function call(workerUrl, method, path, { cookie, support, body } = {}) {
  const headers = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  if (support) headers.authorization = `Bearer ${support}`;
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  // After a load test, a kept-alive connection may have been closed by workerd: try once more.
  const res = await fetch(`${workerUrl}${path}`, init).catch(() => fetch(`${workerUrl}${path}`, init));
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
