import type { TestProject } from "vitest/node";
import { createEmulator } from "../../emulator/server.mjs";

/** The worker tests talk to a real emulator over HTTP on a free loopback port. */
export default async function setup(project: TestProject) {
  const emulator = await createEmulator({ port: 0 });
  project.provide("emulatorUrl", emulator.url);
  return () => emulator.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}
