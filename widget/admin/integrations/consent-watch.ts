/**
 * While Microsoft's consent window may be open, the panel asks for the integration every
 * 3 seconds, and at once when this window gets focus back (the admin has most likely just
 * finished there), for at most ten minutes. Once Microsoft's page has severed the window
 * (COOP), polling is the only way to learn the outcome.
 */
import type { SsoError } from "../../client/api-client";

export const WATCH_POLL_MS = 3000;
export const WATCH_FOR_MS = 10 * 60 * 1000;

export class ConsentWatch {
  private timer?: ReturnType<typeof setTimeout>;
  private until = 0;
  private busy = false;

  /** `check` answers whether to keep watching (the integration is still awaiting consent). */
  constructor(private readonly check: () => Promise<boolean>) {}

  get watching() {
    return this.until > 0;
  }

  start() {
    this.until = Date.now() + WATCH_FOR_MS;
    addEventListener("focus", this.now);
    this.schedule(WATCH_POLL_MS);
  }

  stop() {
    this.until = 0;
    clearTimeout(this.timer);
    removeEventListener("focus", this.now);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.watching) this.timer = setTimeout(this.now, ms);
  }

  private now = async () => {
    if (this.busy || !this.watching) return;
    if (Date.now() > this.until) return this.stop();
    this.busy = true;
    let next = WATCH_POLL_MS;
    try {
      if (!(await this.check())) return this.stop();
    } catch (err) {
      // A network blip does not end the watch; a 429 slows it down as asked.
      // (Read, not instanceof: the error may come from another instance of widget.js than this chunk's.)
      const { retryAfter } = err as Partial<SsoError>;
      if (retryAfter) next = Math.min(retryAfter, 60) * 1000;
    } finally {
      this.busy = false;
    }
    this.schedule(next);
  };
}
