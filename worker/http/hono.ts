/**
 * The Hono class every route file builds on: `hono/tiny`'s PatternRouter, compiled on the
 * first request instead of at startup.
 *
 * PatternRouter turns each route into a RegExp as it is added. Route files are sub-apps
 * whose routes `app.route()` copies into the main app, so at startup every route was
 * compiled twice, and the sub-apps' copies were never matched. That was the largest part
 * of the worker's top-level evaluation (the startup budget: docs/architecture.md, "Budgets"). Now adding a
 * route only records it; the main app compiles its table once, on its first match.
 */
import { HonoBase, type HonoOptions } from "hono/hono-base";
import type { Router, Result } from "hono/router";
import { PatternRouter } from "hono/router/pattern-router";
import type { BlankEnv, BlankSchema, Env, Schema } from "hono/types";

class CompiledOnFirstMatch<T> implements Router<T> {
  name = "PatternRouter";
  #added: [method: string, path: string, handler: T][] = [];
  #compiled: PatternRouter<T> | undefined;

  add(method: string, path: string, handler: T) {
    if (this.#compiled) this.#compiled.add(method, path, handler);
    else this.#added.push([method, path, handler]);
  }

  match(method: string, path: string): Result<T> {
    if (!this.#compiled) {
      const router = new PatternRouter<T>();
      for (const [m, p, h] of this.#added) router.add(m, p, h);
      this.#compiled = router;
      this.#added = [];
    }
    return this.#compiled.match(method, path);
  }
}

export class Hono<E extends Env = BlankEnv, S extends Schema = BlankSchema, BasePath extends string = "/"> extends HonoBase<
  E,
  S,
  BasePath
> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = new CompiledOnFirstMatch();
  }
}
