/**
 * The budgets `npm run bench` holds each figure against, in one place (docs/architecture.md,
 * "Budgets", says why each exists). Sizes are KB of min+gzip.
 */
export const BUDGETS = {
  /** widget.js and what it imports statically: every page load pays it. */
  signInPathKB: 12,
  /** Every view of the widget together (the lazy chunks included): readable code beats bytes there. */
  allViewsKB: 30,
  /** The worker as `wrangler deploy --dry-run` builds it: cold starts parse the whole script. */
  workerKB: 64,
  /** Startup CPU against a hello-world worker with the same compatibility settings. */
  startupRatio: 1.5,
};
