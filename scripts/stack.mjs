/**
 * Brings the whole product up on this machine: the emulator, the worker on local
 * workerd (wrangler dev) with a local D1 (migrations applied, demo data seeded), and
 * the demo host page on another origin. Used by `npm start` and the end-to-end tests.
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createDemoServer } from "../demo/server.mjs";
import { DEFAULT_CLIENT } from "../emulator/fixture.mjs";
import { createEmulator } from "../emulator/server.mjs";

/** Northwood (School Data Sync) and Contoso: their integrations are active in the demo data. */
const SEEDED_CONSENTS = ["6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f", "8c3d4e5f-4d5e-4f60-8b92-3c4d5e6f7081"];

const ROOT = path.resolve(new URL("..", import.meta.url).pathname);
const WRANGLER = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

export async function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(args, { quiet = true, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, CI: "true" },
      stdio: quiet ? "pipe" : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`wrangler ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

/** Local secrets: generated once into .dev.vars-style files so that restarts keep sessions valid. */
async function secrets(stateDir) {
  const file = path.join(stateDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8"));
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const value = {
    SIGNING_KEY: JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: `dev-${Date.now().toString(36)}` }),
    SUPPORT_API_TOKEN: `dev-support-${Math.random().toString(36).slice(2)}`,
  };
  await writeFile(file, JSON.stringify(value, null, 2));
  return value;
}

const CONFIG_NAMES = [
  "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET",
  "ENTRA_CLIENT_CERTIFICATE",
  "ENTRA_CLIENT_CERTIFICATE_THUMBPRINT",
  "ENTRA_AUTHORITY",
  "GRAPH_BASE_URL",
  "PUBLIC_URL",
  "ALLOWED_ORIGINS",
  "SUPPORT_API_TOKEN",
  "SIGNING_KEY",
  "SIGNING_KEY_PREVIOUS",
  "ENTRA_TENANT",
  "WEBHOOK_RETRY_SECONDS",
  "WEBHOOK_TIMEOUT_SECONDS",
  "PROVIDER_TIMEOUT_SECONDS",
];

/**
 * With real credentials in .dev.vars (or the environment), `npm start` talks
 * to them instead of the emulator. The environment wins over .dev.vars.
 */
async function localConfig() {
  const found = {};
  const file = path.join(ROOT, ".dev.vars");
  if (existsSync(file)) {
    for (const line of (await readFile(file, "utf8")).split(/\r?\n/)) {
      const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (m && CONFIG_NAMES.includes(m[1])) found[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
    }
  }
  for (const name of CONFIG_NAMES) if (process.env[name]) found[name] = process.env[name];
  return found;
}

async function waitFor(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/**
 * The demo page's back-end receives webhooks: its endpoint is registered afresh at every start
 * (a secret is shown only when it is made), replacing the one of an earlier run.
 */
async function registerDemoReceiver(workerUrl, supportToken, demo) {
  const url = `${demo.url}/webhooks`;
  const call = async (method, route, body) => {
    const res = await fetch(workerUrl + route, {
      method,
      headers: { authorization: `Bearer ${supportToken}`, "content-type": "application/json" },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { endpoints } = await call("GET", "/api/support/webhook-endpoints");
  for (const e of endpoints.filter((e) => e.url === url)) await call("DELETE", `/api/support/webhook-endpoints/${e.id}`);
  const made = await call("POST", "/api/support/webhook-endpoints", { url });
  demo.setWebhookSecret(made.secret);
}

/**
 * @param {{workerPort?:number, emulatorPort?:number, demoPort?:number, stateDir?:string, coop?:boolean, demoCoop?:string|null, log?:boolean, logWebhooks?:boolean, useLocalConfig?:boolean, extraSeed?:string[]}} options
 */
export async function startStack(options = {}) {
  const stateDir = path.resolve(options.stateDir ?? path.join(ROOT, ".state"));
  await mkdir(stateDir, { recursive: true });
  const workerPort = options.workerPort ?? (await freePort());
  const demoPort = options.demoPort ?? (await freePort("localhost"));
  const emulator = await createEmulator({ port: options.emulatorPort ?? 0, coop: options.coop ?? true, log: options.log });
  // The seeded organizations whose integration is active (scripts/seed.sql) granted
  // tenant-wide consent at Microsoft long ago: the emulator knows it too.
  for (const tenantId of SEEDED_CONSENTS) {
    await fetch(`${emulator.url}/_emulator/admin-consent`, { method: "POST", body: JSON.stringify({ tenantId }) });
  }
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const demoUrl = `http://localhost:${demoPort}`;

  const envFile = path.join(stateDir, "worker.env");
  const local = options.useLocalConfig ? await localConfig() : {};
  const vars = {
    ENTRA_CLIENT_ID: DEFAULT_CLIENT.clientId,
    ENTRA_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    ENTRA_AUTHORITY: emulator.url,
    GRAPH_BASE_URL: `${emulator.url}/graph`,
    PUBLIC_URL: workerUrl,
    ...(await secrets(stateDir)),
    ...local,
    ALLOWED_ORIGINS: [demoUrl, local.ALLOWED_ORIGINS].filter(Boolean).join(","),
  };
  // Single quotes: dotenv takes the value literally (the signing key is JSON).
  await writeFile(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}='${v}'`)
      .join("\n") + "\n",
  );

  const persist = path.join(stateDir, "wrangler");
  await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  await run(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", "scripts/seed.sql"]);
  for (const file of options.extraSeed ?? []) await run(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", file]);

  const worker = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(workerPort),
      "--persist-to",
      persist,
      "--env-file",
      envFile,
      "--show-interactive-dev-session=false",
      "--log-level",
      options.log ? "info" : "warn",
    ],
    // Its own process group: wrangler runs workerd as a grandchild, and stop() must end them all.
    {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      stdio: options.log ? "inherit" : ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  const killWorker = (signal) => {
    try {
      process.kill(-worker.pid, signal);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", () => killWorker("SIGKILL"));
  let workerLog = "";
  worker.stdout?.on("data", (d) => (workerLog += d));
  worker.stderr?.on("data", (d) => (workerLog += d));
  try {
    await waitFor(`${workerUrl}/healthz`, worker);
  } catch (err) {
    killWorker("SIGKILL");
    await emulator.close();
    throw new Error(`${err.message}\n${workerLog.slice(-3000)}`);
  }
  const demo = await createDemoServer({
    port: demoPort,
    workerUrl,
    coop: options.demoCoop ?? null,
    log: options.logWebhooks ? console.log : () => {},
  });
  await registerDemoReceiver(workerUrl, vars.SUPPORT_API_TOKEN, demo);

  return {
    stateDir,
    workerUrl,
    demoUrl: demo.url,
    emulatorUrl: emulator.url,
    emulator,
    authority: vars.ENTRA_AUTHORITY,
    workerLog: () => workerLog,
    async stop() {
      await demo.close();
      const exited = worker.exitCode !== null ? Promise.resolve() : new Promise((r) => worker.once("exit", r));
      killWorker("SIGTERM");
      const timer = setTimeout(() => killWorker("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      killWorker("SIGKILL"); // whatever of the group is left (workerd)
      await emulator.close();
    },
  };
}
