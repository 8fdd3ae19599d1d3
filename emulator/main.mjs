#!/usr/bin/env node
/** Runs the emulator on its own: `npm run emulator` (PORT, COOP=off to compare). */
import { createEmulator } from "./server.mjs";

const emulator = await createEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 8790),
  coop: process.env.COOP !== "off",
  log: process.env.EMULATOR_LOG === "1",
});
console.log(`Microsoft Entra ID + Graph emulator on ${emulator.url}`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => emulator.close().then(() => process.exit(0)));
