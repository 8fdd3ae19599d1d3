import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startStack } from "./stack.mjs";
const stateDir = await mkdtemp(path.join(tmpdir(), "tl-explore-"));
const stack = await startStack({ stateDir });
console.log(JSON.stringify({ workerUrl: stack.workerUrl, demoUrl: stack.demoUrl, emulatorUrl: stack.emulatorUrl, stateDir }));
process.on("SIGTERM", async () => { await stack.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
