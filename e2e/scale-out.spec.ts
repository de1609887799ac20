// Several instances on one PostgreSQL (issue 18, docs/decisions/055): two web instances and a
// report worker, started as the container image starts them (lib/runtime/container.ts `web` and
// `worker`, after its one-shot `migrate`), share a fresh database and one AUTH_SECRET; a
// round-robin balancer on loopback (support/round-robin-proxy.ts) sits in front of the web
// instances and sends every form to an instance other than the one that rendered it.
// In this topology the web instances also work the report queue (npm start's default), so that
// whichever instance dies, one is left to finish a report.
//
// A person signs in, adds an office and asks for the board report, each across instances. The
// instance printing the report is then killed outright (SIGKILL to its process group, as an
// out-of-memory kill or a lost node would): the report is retried and completes on another
// instance, nothing is lost, and the person stays signed in throughout. Sign-in throttling and
// signing out hold across instances too.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { createDatabase, dropDatabase } from "../lib/testing/global-setup";
import { pdfTool, withTempDir } from "../lib/testing/pdf-tools";
import { DEMO, signIn, signOut } from "./support/demo";
import { startRoundRobinProxy, type RoundRobinProxy } from "./support/round-robin-proxy";

const BASE = Number(process.env.E2E_PORT_BASE ?? 3110) + 20;
const SECRET = "scale-out-secret-scale-out-secret-scale-out";
// Long enough for an attempt on a busy 2-core machine, short enough for the test to wait for the
// retry of an attempt whose process was killed (plus up to 30 s of the queue's maintenance).
const ATTEMPT_TIMEOUT_SECONDS = 45;

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  output: () => string;
}

let database: { name: string; url: string } | undefined;
let proxy: RoundRobinProxy | undefined;
const instances: Instance[] = [];

function killGroup(child: ChildProcess, sig: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, sig);
  } catch {
    // already gone
  }
}

test.afterAll(async () => {
  for (const instance of instances) killGroup(instance.child, "SIGKILL");
  await proxy?.close();
  if (database) await dropDatabase(database.name).catch((e: unknown) => console.error(`could not drop ${database!.name}:`, e));
});

/** Runs lib/runtime/container.ts (the image's entry point) in `mode`, in a process group of its own. */
function container(mode: "web" | "worker", name: string, port: number): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/container.ts", mode], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: database!.url,
      AUTH_SECRET: SECRET,
      // As compose and the Kubernetes manifests give every instance (docs/OPERATIONS.md).
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "c2NhbGUtb3V0LWFjdGlvbnMta2V5LTMyLWJ5dGVzISE=",
      PORT: String(port),
      SOVRA_WEB_WORKERS: "1",
      SOVRA_LOG_FORMAT: "json",
      SOVRA_REPORT_ATTEMPT_TIMEOUT_SECONDS: String(ATTEMPT_TIMEOUT_SECONDS),
      // One document for the demo's report: one attempt, one Chromium page, fewer moving parts.
      SOVRA_REPORT_SINGLE_DOCUMENT_MAX_SYSTEMS: "1000",
    },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const instance = { name, port, child, output: () => output };
  instances.push(instance);
  return instance;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

/** The instance whose log says it started attempt `attempt` of the run. */
function printer(runId: string, attempt: number): Instance | undefined {
  return instances.find((i) =>
    i
      .output()
      .split("\n")
      .some((line) => line.includes('"report run started"') && line.includes(runId) && line.includes(`"attempt":${attempt}`)),
  );
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Signs in through the page's instance, failing with a wrong password: answers the message shown. */
async function failedSignIn(page: Page, origin: string): Promise<string> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(DEMO.analyst);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toBeVisible();
  return (await alert.textContent()) ?? "";
}

test("two web instances and a worker on one database: a journey across them survives the instance printing its report being killed", async ({ browser }) => {
  test.setTimeout(420_000);
  database = await createDatabase("sovra_scale_out");
  // The release's one-shot migration, then the demo data; the seed's own queued report is left out
  // so that the one asked for below is the only report printing.
  const migrate = spawnSync(process.execPath, ["--import", "tsx", "lib/runtime/container.ts", "migrate"], { env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: SECRET }, encoding: "utf8" });
  expect(migrate.status, migrate.stderr + migrate.stdout).toBe(0);
  const seed = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: { ...process.env, DATABASE_URL: database.url }, encoding: "utf8" });
  expect(seed.status, seed.stderr + seed.stdout).toBe(0);
  await query(`DELETE FROM "ReportRun"`);

  const webA = container("web", "web A", BASE);
  const webB = container("web", "web B", BASE + 1);
  const worker = container("worker", "worker", BASE + 2);
  for (const instance of instances) {
    await expect
      .poll(() => healthy(instance.port), { timeout: 150_000, message: `${instance.name} answers its health check` })
      .toBe(true)
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${instance.name} said:\n${instance.output()}`);
      });
  }
  proxy = await startRoundRobinProxy(BASE + 3, [webA.port, webB.port]);

  const context = await browser.newContext({ baseURL: proxy.url });
  const page = await context.newPage();
  await signIn(page, DEMO.owner);
  await expect(page.getByRole("heading", { level: 1, name: "Mainfeld Maschinenbau AG" })).toBeVisible();

  // A form rendered by one instance and saved by the other.
  await page.goto("/mainfeld/inventory/offices/new");
  await page.getByLabel("Name").fill("Scale-out test office");
  await page.getByLabel("City").fill("Porto");
  await page.getByLabel("Country").selectOption("PT");
  await page.getByLabel("Headcount").fill("40");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/offices$/);
  await expect(page.getByRole("row", { name: /Scale-out test office.*Portugal.*40/ })).toBeVisible();

  // The board report, asked for on one instance.
  const frozen = await page.request.post("/api/v1/orgs/mainfeld/assessments", { data: { note: "Scale-out journey" } });
  expect([201, 409], await frozen.text()).toContain(frozen.status());
  await page.goto("/mainfeld/reports");
  await page.getByRole("button", { name: "Generate PDF" }).click();
  await expect(page.getByText(/The board report is being generated/)).toBeVisible();
  const [run] = await query<{ id: string }>(`SELECT id FROM "ReportRun" ORDER BY "createdAt" DESC LIMIT 1`);
  expect(run, "the report run was recorded").toBeDefined();

  // Printing: killed outright, with its Chromium, mid-report.
  await expect
    .poll(async () => (await query<{ status: string; progress: number }>(`SELECT status, progress FROM "ReportRun" WHERE id = $1`, [run!.id]))[0], {
      timeout: 90_000,
      message: "the report is being printed",
    })
    .toMatchObject({ status: "running", progress: expect.any(Number) });
  await expect.poll(() => printer(run!.id, 1)?.name, { timeout: 30_000, message: "an instance says it prints the report" }).toBeTruthy();
  const first = printer(run!.id, 1)!;
  killGroup(first.child, "SIGKILL");
  const killedAt = Date.now();
  const requestsBeforeKill = proxy.log.length;
  await expect.poll(() => healthy(first.port), { message: `${first.name} is gone` }).toBe(false);
  const survivors = instances.filter((i) => i !== first);

  // The person carries on, still signed in, on whichever web instance is left.
  await page.goto("/mainfeld/inventory/offices");
  await expect(page.getByRole("row", { name: /Scale-out test office/ })).toBeVisible();
  await page.goto("/mainfeld/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();

  // The queue takes the attempt back and another instance prints it; the page shows it ready.
  const newest = page.getByRole("table", { name: "History, newest first" }).getByRole("row").nth(1);
  await expect(newest.getByText("Ready")).toBeVisible({ timeout: (ATTEMPT_TIMEOUT_SECONDS + 30 + 120) * 1000 });
  const second = printer(run!.id, 2);
  expect(second, "another instance printed the second attempt").toBeDefined();
  expect(second).not.toBe(first);
  const [done] = await query<{ status: string; attempts: number; pdfBytes: number }>(`SELECT status, attempts, "pdfBytes" FROM "ReportRun" WHERE id = $1`, [run!.id]);
  expect(done).toMatchObject({ status: "succeeded", attempts: 2 });
  console.log(`scale-out: ${first.name} killed mid-report; ${second!.name} finished it ${Math.round((Date.now() - killedAt) / 1000)} s later`);

  const [download] = await Promise.all([page.waitForEvent("download"), newest.getByRole("link", { name: /Download the board report/ }).click()]);
  const text = await withTempDir(async (dir) => {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return pdfTool("pdftotext", file).replace(/\s+/g, " ");
  });
  expect(text).toContain("Mainfeld Maschinenbau AG");
  expect(text).toContain("Vendor sovereignty");
  expect(text).toContain("Scale-out test office"); // the office added across instances is in the report

  // The balancer's view: both web instances served pages, forms were answered by an instance other
  // than the one that rendered them, and after the kill only the living were used.
  const log = proxy.log;
  expect(new Set(log.slice(0, requestsBeforeKill).map((r) => r.upstream)), "both web instances served the person").toEqual(new Set([webA.port, webB.port]));
  // The sign-in, the office and the report: each form answered by the instance that did not render it.
  const actions = log.slice(0, requestsBeforeKill).filter((r) => r.action && r.status < 400);
  expect(actions.length, "server actions answered").toBeGreaterThanOrEqual(3);
  for (const a of actions) expect(a.formFrom !== undefined && a.formFrom !== a.upstream, `${a.path} answered by :${a.upstream}, its form rendered by :${a.formFrom}`).toBe(true);
  expect(log.filter((r) => r.status >= 500), "no request failed").toEqual([]);
  if (first !== worker) expect([...proxy.down]).toEqual([first.port]);

  // Sessions are in the database: the person's cookie opens a page on every living instance, and
  // once they sign out (through the balancer) it opens none.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const openWith = async (port: number) => (await fetch(`http://127.0.0.1:${port}/mainfeld`, { headers: { cookie }, redirect: "manual" })).status;
  for (const s of survivors) expect(await openWith(s.port), `the session opens a page on ${s.name}`).toBe(200);
  await signOut(page);
  for (const s of survivors) expect(await openWith(s.port), `the ended session opens nothing on ${s.name}`).toBe(307);
  await context.close();

  // Sign-in throttling is shared: wrong passwords tried on the two living instances in turn count
  // together. Five failures are free, then each waits (2 s, doubling: THROTTLE.account); with the
  // tries alternating, neither instance alone ever sees more than four of at most eight.
  const guesser = await browser.newContext();
  const guess = await guesser.newPage();
  const messages: string[] = [];
  while (messages.length < 8 && !/Too many/.test(messages.at(-1) ?? "")) messages.push(await failedSignIn(guess, `http://127.0.0.1:${survivors[messages.length % 2]!.port}`));
  expect(messages.slice(0, 5)).toEqual(Array(5).fill("The email or password is incorrect."));
  expect(messages.at(-1)).toMatch(/Too many failed sign-in attempts\. Try again in \d+ seconds?\./);
  await guesser.close();

  // Nothing was lost: the office and the report are in the database once.
  const [counts] = await query<{ offices: string; reports: string }>(
    `SELECT (SELECT count(*) FROM "Office" WHERE name = 'Scale-out test office') AS offices, (SELECT count(*) FROM "ReportRun" WHERE status = 'succeeded') AS reports`,
  );
  expect(counts).toEqual({ offices: "1", reports: "1" });
});
