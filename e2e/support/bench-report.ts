// Board report budgets (issue: the board report job): once the browser is warm, a board report of
// ~30 pages in under 6 s and ~100 pages in under 20 s, with under 600 MB of extra memory for the
// server process and its Chromium.
//
// Through the real job path: a FRESH database on the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL,
// default postgres@127.0.0.1:5432), migrated and seeded with the demo, the demo organisation grown
// by --small AI systems (3 dependencies each, a fallback for every other one) and frozen, grown to
// --large and frozen again; the production build served on it (`npx next build` first; ONE web
// process, so that one warm Chromium serves every job); signed in as the demo owner; one report
// generated to warm the browser; then each report started through the public API, polled to the
// end, and its PDF downloaded. Prints pages, seconds, and the server's extra memory (PSS of the
// server and every process under it: the web process, its Chromium and the renderers) over the idle server.
// Each report is generated twice, once reading the memory at every poll and once timed without
// reading it (the reading itself costs CPU: see generate()).
//
//   npx next build && npm run bench:report [-- --small 250 --large 900 --port 3820]
//   --keep-db / --database NAME     keep the database / reuse one kept (not seeded again)
//   --stages                        also prints when the run entered each stage ("printing part 2 of 5")
//   BENCH_REPORT_SAVE=/tmp/report   also saves each PDF as /tmp/report-<pages>.pdf, to look at it
//
// The pages per AI system depend on the print route's inventory appendix: the figures printed
// say how many pages each size gave; adjust --small and --large to land near 30 and 100.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { AccessPath, Criticality } from "../../lib/generated/prisma/enums";
import { applyMigrations } from "../../lib/runtime/database";
import { seedDemo } from "../../prisma/seed";
import { DEMO_ORG_SLUGS } from "../../prisma/seed-data";
import { benchSession, sessionCookie, waitForHealth } from "./bench-server";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3820" },
    small: { type: "string", default: "250" },
    large: { type: "string", default: "900" },
    "keep-db": { type: "boolean", default: false },
    database: { type: "string" },
    stages: { type: "boolean", default: false },
  },
  strict: true,
});
const PORT = Number(opts.port);
const SMALL = Math.min(Number(opts.small), 5_000);
const LARGE = Math.min(Math.max(Number(opts.large), SMALL), 5_000);
if (!Number.isInteger(PORT) || PORT < 1024 || PORT > 65535) throw new Error(`--port: ${opts.port} is not a usable port`);
const BASE = `http://127.0.0.1:${PORT}`;
const ORG = DEMO_ORG_SLUGS.mainfeld;
const API = `${BASE}/api/v1/orgs/${ORG}`;
const BUDGETS = [
  { label: "~30 pages", seconds: 6 },
  { label: "~100 pages", seconds: 20 },
];
const MEMORY_BUDGET_MB = 600;

/**
 * Proportional set size (kB) of a process: its private memory plus its share of pages it shares.
 * Chromium's processes share most of their libraries and memory, so adding up their RSS counts
 * the same pages many times (it gave ~1.1 GB for a browser whose PSS is ~300 MB).
 */
function pssKb(pid: number | string): number {
  return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
}

const log = (msg: string) => console.log(`bench-report: ${msg}`);
const pad = (i: number, n = 5) => String(i).padStart(n, "0");

/**
 * Memory (PSS, MB) of the server and every process under it, and of its Chromium alone. By
 * parentage, not process group: playwright-core starts Chromium in a process group of its own.
 */
function serverMemory(root: number): { total: number; chromium: number } {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // ended meanwhile
    }
  }
  let total = 0;
  let chromium = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const kb = pssKb(pid);
      total += kb;
      if (/chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) chromium += kb;
    } catch {
      // ended meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { total: total / 1024, chromium: chromium / 1024 };
}

/** Adds AI systems `from`..`to`-1 to the demo organisation, each with 3 dependencies on its models. */
async function growInventory(prisma: PrismaClient, from: number, to: number) {
  const { id: organisationId } = await prisma.organisation.findUniqueOrThrow({ where: { slug: ORG }, select: { id: true } });
  const models = await prisma.model.findMany({ where: { organisationId }, select: { id: true }, orderBy: { name: "asc" } });
  const offices = await prisma.office.findMany({ where: { organisationId }, select: { id: true } });
  const criticalities: Criticality[] = ["low", "medium", "high", "critical"];
  const systems = await prisma.aiSystem.createManyAndReturn({
    data: Array.from({ length: to - from }, (_, k) => {
      const i = from + k;
      return { organisationId, name: `Bench system ${pad(i)}`, owner: `Owner ${i % 40}`, description: `Bench system ${i}`, criticality: criticalities[i % 4]!, toleratedDowntimeMinutes: 30 * (1 + (i % 48)), teams: [] };
    }),
    select: { id: true },
  });
  await prisma.aiSystemOffice.createMany({ data: systems.map((s, k) => ({ organisationId, aiSystemId: s.id, officeId: offices[k % offices.length]!.id })) });
  // Direct API and self-hosted only: the other paths need a cloud vendor the demo's models may not fit.
  const paths: AccessPath[] = ["direct_api", "self_hosted"];
  const dependencies = await prisma.dependency.createManyAndReturn({
    data: systems.flatMap((s, k) => [0, 1, 2].map((j) => ({ organisationId, aiSystemId: s.id, modelId: models[(k * 3 + j * 7) % models.length]!.id, accessPath: paths[(k + j) % 2]! }))),
    select: { id: true },
    skipDuplicates: true,
  });
  await prisma.fallback.createMany({
    data: dependencies.filter((_, i) => i % 2 === 0).map((d, i) => ({ organisationId, dependencyId: d.id, modelId: models[(i * 5 + 3) % models.length]!.id, accessPath: "self_hosted" as const, switchTimeMinutes: 60 })),
  });
  await prisma.$executeRawUnsafe("ANALYZE");
}

async function api(cookie: string, method: string, url: string, body?: unknown) {
  const res = await fetch(url, { method, headers: { cookie, ...(body !== undefined && { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

/**
 * Starts a report, polls it every 100 ms, downloads the PDF. With `sampleMemory`, also reads the
 * server's memory at each poll. That reading is not free: PSS walks every Chromium process's page
 * tables, ~60-75 ms of CPU per sample here, a third of one of the machine's two cores taken from
 * the job it measures. So each report is generated twice: once sampled, for its memory, and once
 * without, for its time.
 */
async function generate(cookie: string, assessmentId: string, pgid: number, sampleMemory: boolean) {
  const noSample = { total: 0, chromium: 0 };
  let peakMb = sampleMemory ? serverMemory(pgid).total : 0;
  let chromiumMb = sampleMemory ? serverMemory(pgid).chromium : 0;
  const t0 = performance.now();
  const run = (await (await api(cookie, "POST", `${API}/reports`, { assessmentId, paper: "a4" })).json()) as { id: string };
  const stages: string[] = [];
  let state: { status: string; stage: string; pageCount: number | null; error: string | null; attempts: number; startedAt: string | null; finishedAt: string | null };
  for (;;) {
    const now = sampleMemory ? serverMemory(pgid) : noSample;
    peakMb = Math.max(peakMb, now.total);
    chromiumMb = Math.max(chromiumMb, now.chromium);
    state = await (await api(cookie, "GET", `${API}/reports/${run.id}`)).json();
    if (opts.stages && !stages.at(-1)?.endsWith(` ${state.stage}`)) stages.push(`${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s  ${sampleMemory ? `${now.total.toFixed(0).padStart(5)} MB` : "       "}  ${state.stage}`);
    if (state.status === "succeeded" || state.status === "failed") break;
    if (performance.now() - t0 > 180_000) throw new Error("the report did not finish within 180 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (state.status !== "succeeded") throw new Error(`the report failed: ${state.error}`);
  const pdf = await (await api(cookie, "GET", `${API}/reports/${run.id}/pdf`)).arrayBuffer();
  if (process.env.BENCH_REPORT_SAVE) writeFileSync(`${process.env.BENCH_REPORT_SAVE}-${state.pageCount}.pdf`, Buffer.from(pdf));
  const worker = (Date.parse(state.finishedAt!) - Date.parse(state.startedAt!)) / 1000;
  if (opts.stages) log(`stages${sampleMemory ? " (sampling memory)" : ""} (seconds since the start${sampleMemory ? ", server memory when first seen" : ""}):\n  ${stages.join("\n  ")}`);
  return { seconds, worker, pages: state.pageCount!, sizeMb: pdf.byteLength / 1024 / 1024, peakMb, chromiumMb, attempts: state.attempts };
}

async function freeze(cookie: string, note: string): Promise<string> {
  return ((await (await api(cookie, "POST", `${API}/assessments`, { note })).json()) as { id: string }).id;
}

async function main() {
  const { url, reused, start, cleanup } = await benchSession("sovra_bench_report", BASE, { database: opts.database, keepDb: opts["keep-db"] }, log);

  try {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    if (!reused) {
      await applyMigrations(url);
      await seedDemo(prisma);
    }
    const server = start(PORT, { SOVRA_WEB_WORKERS: "1" });
    await waitForHealth(server, BASE);
    const pgid = server.pid!;
    const cookie = await sessionCookie(BASE);

    // Two assessments of two sizes: frozen through the API, the inventory grown in between.
    const assessments: string[] = [];
    if (reused) {
      const list = (await (await api(cookie, "GET", `${API}/assessments`)).json()) as { items: { id: string }[] };
      assessments.push(...list.items.slice(0, 2).map((a) => a.id).reverse());
      if (assessments.length < 2) throw new Error("the reused database has fewer than two assessments");
    } else {
      await growInventory(prisma, 0, SMALL);
      assessments.push(await freeze(cookie, `bench: ${SMALL} extra AI systems`));
      await growInventory(prisma, SMALL, LARGE);
      assessments.push(await freeze(cookie, `bench: ${LARGE} extra AI systems`));
    }
    await prisma.$disconnect();

    // The browser is launched by the first job: that one is the warm-up and not held to the budget.
    // The web process's heap moves by tens of MB with its GC, so the idle figure is taken after a pause.
    await new Promise((r) => setTimeout(r, 3_000));
    const idleMb = serverMemory(pgid).total;
    const warm = await generate(cookie, assessments[0]!, pgid, false);
    log(`warm-up (cold browser): ${warm.pages} pages in ${warm.seconds.toFixed(2)} s`);

    console.log(`\nboard report through the job path (server: 1 web process; memory as PSS; idle before the browser ${idleMb.toFixed(0)} MB)`);
    let over = 0;
    for (const [i, assessmentId] of assessments.entries()) {
      const memory = await generate(cookie, assessmentId, pgid, true);
      const r = await generate(cookie, assessmentId, pgid, false);
      const budget = BUDGETS[i]!;
      const extraMb = Math.max(0, memory.peakMb - idleMb);
      const ok = r.seconds < budget.seconds && extraMb < MEMORY_BUDGET_MB && r.pages === memory.pages;
      if (!ok) over++;
      console.log(
        `${budget.label.padEnd(11)} (${[SMALL, LARGE][i]} extra systems): ${String(r.pages).padStart(4)} pages  ${r.seconds.toFixed(2)} s end to end (worker ${r.worker.toFixed(2)} s, budget ${budget.seconds} s)  ` +
          `PDF ${r.sizeMb.toFixed(1)} MB  extra ${extraMb.toFixed(0)} MB (server peak ${memory.peakMb.toFixed(0)} MB, of which Chromium ${memory.chromiumMb.toFixed(0)} MB; budget ${MEMORY_BUDGET_MB} MB; ` +
          `that run took ${memory.seconds.toFixed(2)} s while sampling)  attempts ${r.attempts}  ${ok ? "within budget" : "OVER BUDGET"}`,
      );
    }
    if (over > 0) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
