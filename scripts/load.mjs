#!/usr/bin/env node
/**
 * `npm run load`: the 8 a.m. storm against the local worker and emulator (not part of
 * `npm test`). LOAD_STUDENTS first sign-ins of one school's people (one in ten a teacher) from
 * ONE client address, LOAD_CONCURRENCY at a time, while people who left the school ask to join
 * again and its admin approves them in batches. Then the books are checked through the API:
 * every newcomer is one member of the right type, every approval one member of the type asked,
 * nothing lost or doubled, no 5xx, and no student told to wait (429). Prints the throughput beside
 * a trivial route's in the same run, and a verdict; exits 1 unless it is clean.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { startStack } from "./stack.mjs";
import { Client, pool } from "./load/client.mjs";

const STUDENTS = Number(process.env.LOAD_STUDENTS ?? 1200);
const MOVERS = Number(process.env.LOAD_MOVERS ?? 60);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 32);
/**
 * `page` (default): first-party sign-ins; `widget`: the popup and hand-off polls of <thinglink-sso>.
 * (Under the widget's storm, local wrangler dev has been seen restarting the worker mid-request:
 * those answers count as 5xx in the verdict, honestly, until that is understood.)
 */
const MODE = process.env.LOAD_MODE === "widget" ? "widget" : "page";
/** The district's one NAT address, as Cloudflare would report it. */
const NAT = "203.0.113.10";
const NORTHWOOD = { id: "a0a0a0a0-0001-4000-8000-000000000001", tenant: "6e9d4f1a-2b3c-4d5e-8f70-1a2b3c4d5e6f" };
const pad = (i) => String(i).padStart(4, "0");
const step = (what) => process.stderr.write(`load: ${what}\n`);

const stateDir = await mkdtemp(path.join(tmpdir(), "thinglink-sso-load-"));
step("starting the stack");
const stack = await startStack({ stateDir });
const problems = [];
let verdictClean = false;
try {
  const supportToken = JSON.parse(await readFile(path.join(stateDir, "secrets.json"), "utf8")).SUPPORT_API_TOKEN;
  const support = new Client(stack.workerUrl, { support: supportToken });
  const students = Array.from({ length: STUDENTS }, (_, i) => ({
    upn: `storm-${pad(i)}@northwood.edu`,
    name: `Storm Person ${pad(i)}`,
    eduRole: i % 10 === 0 ? "faculty" : "student",
  }));
  const movers = Array.from({ length: MOVERS }, (_, i) => ({
    upn: `mover-${pad(i)}@northwood.edu`,
    name: `Mover ${pad(i)}`,
    eduRole: "student",
  }));
  await fetch(`${stack.emulatorUrl}/_emulator/users`, {
    method: "POST",
    body: JSON.stringify({ tenantId: NORTHWOOD.tenant, users: [...students, ...movers] }),
  });

  step(`setting up: Ada (Northwood's admin) and ${MOVERS} people who left the school`);
  const ada = new Client(stack.workerUrl, { address: "198.51.100.1" });
  await ada.signIn("ada@northwood.edu");
  for (const m of movers) {
    const c = new Client(stack.workerUrl, { address: "198.51.100.2" });
    await c.signIn(m.upn);
    m.id = (await c.json("GET", "/api/session")).account.id;
    await ada.json("DELETE", `/api/orgs/northwood/members/${m.id}`);
  }
  const before = (await support.json("GET", "/api/support/organizations/northwood")).counts.members;

  step(
    `the storm: ${STUDENTS} first sign-ins (${MODE === "widget" ? "the widget's popup and polls" : "first-party"}) and ${MOVERS} requests to join, ${CONCURRENCY} at a time, all from ${NAT}`,
  );
  const clients = [];
  const person = async (upn) => {
    const c = new Client(stack.workerUrl, { address: NAT, site: stack.demoUrl });
    clients.push(c);
    if (MODE === "widget") await c.widgetSignIn(upn);
    else await c.signIn(upn);
    return c;
  };
  const signUps = students.map((s) => async () => {
    await person(s.upn);
  });
  const asks = movers.map((m, i) => async () => {
    const c = await person(m.upn);
    m.asked = i % 2 ? "teacher" : "student";
    await c.json("POST", "/api/join-requests", { organizationId: NORTHWOOD.id, accountType: m.asked });
  });
  // Interleaved, as a morning is: the requests arrive among the sign-ins.
  const every = Math.max(1, Math.floor(STUDENTS / Math.max(1, MOVERS)));
  const tasks = [];
  signUps.forEach((task, i) => {
    tasks.push(task);
    if (i % every === every - 1 && asks.length) tasks.push(asks.shift());
  });
  tasks.push(...asks);
  let stormDone = false;
  let approved = 0;
  const approver = (async () => {
    // Ada approves whatever waits, 25 at a time, until the storm is over and nobody waits.
    for (;;) {
      const { requests } = await ada.json("GET", "/api/orgs/northwood/join-requests?status=pending&limit=25");
      if (requests.length) {
        const { results } = await ada.json("POST", "/api/orgs/northwood/join-requests/decisions", {
          decisions: requests.map((r) => ({ id: r.id, decision: "approve" })),
        });
        approved += results.filter((r) => r.outcome === "approved").length;
      } else if (stormDone) return;
      else await new Promise((r) => setTimeout(r, 300));
    }
  })();
  const started = Date.now();
  await pool(tasks, CONCURRENCY, (err) => problems.push(`a task failed: ${err.message}`));
  const stormMs = Date.now() - started;
  stormDone = true;
  await approver;

  step("a trivial route at the same concurrency");
  const trivial = new Client(stack.workerUrl, { address: NAT });
  let trivialCount = 0;
  const trivialUntil = Date.now() + 3000;
  await pool(
    Array.from({ length: CONCURRENCY }, () => async () => {
      while (Date.now() < trivialUntil) {
        await trivial.raw("GET", "/livez");
        trivialCount++;
      }
    }),
    CONCURRENCY,
    (err) => problems.push(`the trivial route failed: ${err.message}`),
  );

  step("checking the books through the API");
  const told429 = clients.reduce((n, c) => n + c.statuses.filter((s) => s === 429).length, 0);
  const fivexx = [...clients, ada, trivial].reduce((n, c) => n + c.statuses.filter((s) => s >= 500).length, 0);
  if (told429) problems.push(`${told429} answers told someone of the school to wait (429)`);
  if (fivexx) problems.push(`${fivexx} answers were 5xx`);
  const members = new Map();
  let cursor = null;
  do {
    const page = await ada.json("GET", `/api/orgs/northwood/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    for (const m of page.members) {
      if (members.has(m.accountId)) problems.push(`${m.name} is listed twice`);
      members.set(m.accountId, m);
    }
    cursor = page.nextCursor;
  } while (cursor);
  const byName = new Map([...members.values()].map((m) => [m.name, m]));
  for (const s of students) {
    const m = byName.get(s.name);
    const type = s.eduRole === "faculty" ? "teacher" : "student";
    if (!m) problems.push(`${s.name} is not a member`);
    else if (m.accountType !== type) problems.push(`${s.name} is a ${m.accountType}, not a ${type}`);
  }
  for (const mv of movers) {
    const m = members.get(mv.id);
    if (!m) problems.push(`${mv.name} asked to join and is not a member`);
    else if (m.accountType !== mv.asked) problems.push(`${mv.name} asked to join as a ${mv.asked} and is a ${m.accountType}`);
  }
  if (approved !== MOVERS) problems.push(`${approved} approvals for ${MOVERS} requests`);
  const after = (await support.json("GET", "/api/support/organizations/northwood")).counts.members;
  if (after !== before + STUDENTS + MOVERS) problems.push(`members went from ${before} to ${after}, not ${before + STUDENTS + MOVERS}`);
  if (members.size !== after) problems.push(`the member list has ${members.size} people, the count says ${after}`);

  const rate = ((STUDENTS + MOVERS) / stormMs) * 1000;
  console.log(`
The 8 a.m. storm (one address, ${CONCURRENCY} at a time, ${MODE === "widget" ? "through the widget's popup and hand-off polls" : "first-party sign-ins"})
  first sign-ins                 ${STUDENTS} (${students.filter((s) => s.eduRole === "faculty").length} teachers)
  requests to join, approved     ${MOVERS} asked, ${approved} approved in batches of up to 25
  time                           ${(stormMs / 1000).toFixed(1)} s
  sign-ins per second            ${rate.toFixed(1)}
  told to wait (429)             ${told429}
  5xx answers                    ${fivexx}
  members before / after         ${before} / ${after}
  trivial route (/livez)         ${(trivialCount / 3).toFixed(0)} requests per second at the same concurrency
`);
  verdictClean = problems.length === 0;
  if (!verdictClean) console.log(`The worker's last words:\n${stack.workerLog().slice(-3000)}`);
  if (process.env.LOAD_WORKER_LOG) await (await import("node:fs/promises")).writeFile(process.env.LOAD_WORKER_LOG, stack.workerLog());
  console.log(
    verdictClean
      ? "VERDICT: clean — every newcomer one member of the right type, every approval one member, nothing lost or doubled."
      : `VERDICT: ${problems.length} problems\n  ${problems.slice(0, 20).join("\n  ")}`,
  );
} finally {
  await stack.stop();
}
process.exit(verdictClean ? 0 : 1);
