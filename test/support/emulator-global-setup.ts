import type { TestProject } from "vitest/node";
import { createEmulator } from "../../emulator/server.mjs";
import { createSites } from "./sites.mjs";

/**
 * The worker tests talk to a real emulator over HTTP on a free loopback port, and to the
 * organizations' sites (test/support/sites.mjs), which the config's outboundService reaches
 * through SITES_URL (set here, read at request time in this same process).
 */
export default async function setup(project: TestProject) {
  const emulator = await createEmulator({ port: 0 });
  const sites = await createSites({ port: 0 });
  process.env.SITES_URL = sites.url;
  project.provide("emulatorUrl", emulator.url);
  project.provide("sitesUrl", sites.url);
  return async () => {
    await emulator.close();
    await sites.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
    sitesUrl: string;
  }
}
