#!/usr/bin/env node
/** `npm start`: the whole product on this machine, no Microsoft account needed. */
import { execFileSync } from "node:child_process";
import { startStack } from "./stack.mjs";

for (const step of ["scripts/build-widget.mjs", "scripts/build-openapi.mjs"]) execFileSync(process.execPath, [step], { stdio: "inherit" });
const stack = await startStack({
  workerPort: Number(process.env.WORKER_PORT ?? 8787),
  emulatorPort: Number(process.env.EMULATOR_PORT ?? 8790),
  demoPort: Number(process.env.DEMO_PORT ?? 8788),
  coop: process.env.COOP !== "off",
  log: process.env.LOG === "1",
  logWebhooks: true,
  useLocalConfig: true,
});
console.log(`
thinglink-sso is running.

  Demo host page (open this):  ${stack.demoUrl}
  Organization admin page:     ${stack.demoUrl}/org?org=northwood   (riverside, westbrook, contoso, fabrikam)
  Worker (thinglink-sso):      ${stack.workerUrl}   (/healthz, /openapi.json, /widget.js)
  Microsoft emulator:          ${stack.emulatorUrl}${stack.authority === stack.emulatorUrl ? "" : `\n  Identity provider in use:    ${stack.authority} (from .dev.vars or the environment)`}

Click "Sign in with Microsoft" on the demo page and pick a person in the emulator window; the
README says who shows what (Sam Student, Ada Lovelace, Chris Employee, Carla Admin, Felix Worker,
Saara Oppilas, Pat Personal; Rita Rector, Leo Librarian, Gwen Global and Cleo Cloudadmin for the
Organization page and its three ways to connect Microsoft).
The demo page's back-end receives thinglink-sso's webhooks: each change (someone joins, is
approved, removed, changes type) is printed below as "[host back-end] webhook ✓ …".
Ctrl+C stops everything.
`);
const stop = () => stack.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
