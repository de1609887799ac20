// Large-tenant benchmark (issue 18): what holds its budget, and what does not grow linearly, when
// one organisation has 20,000 AI systems, 100,000 dependencies and 500,000 data flows, and when one
// database holds 1,000 organisations. Self-contained: generates its databases with
// lib/bench/large-tenant.ts (FRESH ones on TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1),
// measures each in its own process (lib/bench/bench-large-worker.ts: the query functions the pages
// call, in-process, no HTTP, so each peak RSS is that database's own), prints a table and what does
// not scale, and drops the databases unless --keep. Loopback only.
//
//   npm run bench:large [-- --runs 20 --only large|many --keep]
//   --large-small-db NAME / --large-db NAME / --many-one-db NAME / --many-db NAME
//       reuse a database kept by `npm run bench:generate -- --keep` (profile large at 0.1 and 1,
//       profile many at 0.001 and 1); reused databases are not dropped
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Measure } from "./bench-large-worker";
import { dropDatabase } from "./databases";
import { createGeneratedDatabase, type Profile } from "./large-tenant";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    "large-small-db": { type: "string" },
    "large-db": { type: "string" },
    "many-one-db": { type: "string" },
    "many-db": { type: "string" },
  },
  strict: true,
});
const dbName = z.string().regex(/^sovra_[a-z0-9_]+$/).optional();
const opts = z
  .object({ runs: z.coerce.number().int().min(3).max(200), only: z.enum(["large", "many"]).optional(), keep: z.boolean(), "large-small-db": dbName, "large-db": dbName, "many-one-db": dbName, "many-db": dbName })
  .parse(values);

const LIST_BUDGET = 300;
// Budgets from README's benchmark list and docs/decisions: lists and portfolio p95 < 300 ms
// (issues 4 and 15), each export < 5 s (decisions 025, 044, 045), the scoring engine 250 ms at
// 10,000 dependencies (decision 013; it is the 0.1 scale's size, so held against that column only).
function budgetOf(op: string): { ms: number; on: "p95" | "time"; label: string; atSmallOnly?: boolean } | null {
  if (op.startsWith("list ")) return { ms: LIST_BUDGET, on: "p95", label: "p95 < 300 ms" };
  if (op.startsWith("portfolio: 10 concurrent")) return { ms: 300, on: "p95", label: "p95 < 300 ms" };
  if (op.startsWith("export:")) return { ms: 5_000, on: "time", label: "< 5 s" };
  if (op.includes("scoring engine")) return { ms: 250, on: "time", label: "< 250 ms at 10k deps", atSmallOnly: true };
  return null;
}

const log = (msg: string) => console.log(`bench-large: ${msg}`);

interface Db {
  name: string;
  reused: boolean;
}
const made: Db[] = [];

async function database(profile: Profile, scale: number, reuse: string | undefined): Promise<Db> {
  if (reuse) return { name: reuse, reused: true };
  const t0 = performance.now();
  const { name } = await createGeneratedDatabase({ profile, scale, log: () => {} });
  const db = { name, reused: false };
  made.push(db);
  log(`generated ${profile} at scale ${scale} in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${name}`);
  return db;
}

/** Runs the worker on one database in its own process; answers its measures. */
function measure(db: Db, kind: Profile): Promise<Measure[]> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/bench/bench-large-worker.ts", "--database", db.name, "--kind", kind, "--runs", String(opts.runs)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // Its errors, but not a crash's pages of native stack.
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d.toString().split("\n").filter((l) => !/^\s*(at |\d+: 0x)/.test(l)).join("\n")));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const lines = out.split("\n");
      const measures = lines.filter((l) => l.startsWith("MEASURE ")).map((l) => JSON.parse(l.slice("MEASURE ".length)) as Measure);
      // A worker that died (out of memory at the largest scale) still answers what it measured, and says where it stopped.
      if (code !== 0 || !lines.includes("DONE")) measures.push({ op: "the worker process", ms: (performance.now() - t0), note: `died (exit ${code ?? signal}) after "${measures.at(-1)?.op ?? "nothing"}": see its output above`, failed: true });
      log(`measured ${db.name} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      resolve(measures);
    });
  });
}

const fmt = (m: Measure | undefined) => {
  if (!m) return "—";
  if (m.failed) return `FAILED ${(m.ms / 1000).toFixed(1)} s`;
  if (m.note?.startsWith("MB")) return `${m.ms} MB`;
  const t = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
  return m.p95 === undefined ? t(m.ms) : `${t(m.ms)} / ${t(m.p95)}`;
};
const headline = (m: Measure) => (m.p95 ?? m.ms);

interface Finding {
  op: string;
  why: string;
  evidence?: string;
}

/** The table for two runs of the same operations; `linear` is the ratio that means "grows as the data does" (10 for 0.1 -> 1, 1 for 1 -> 1,000 organisations' neighbours). */
function table(title: string, a: Measure[], b: Measure[], columns: [string, string], linear: number, limit: number): Finding[] {
  const findings: Finding[] = [];
  console.log(`\n${title}\n`);
  console.log(`${"operation (p50 / p95 where repeated)".padEnd(66)} ${columns[0].padStart(17)} ${columns[1].padStart(17)} ${"ratio".padStart(7)}  budget`);
  for (const mb of b) {
    const ma = a.find((m) => m.op === mb.op) ?? a.find((m) => m.op.replace(/\(.*\)/, "") === mb.op.replace(/\(.*\)/, ""));
    const ratio = ma && !ma.failed && !mb.failed && headline(ma) > 0 ? headline(mb) / headline(ma) : null;
    const budget = budgetOf(mb.op);
    console.log(`${mb.op.slice(0, 66).padEnd(66)} ${fmt(ma).padStart(17)} ${fmt(mb).padStart(17)} ${(ratio === null ? "—" : ratio.toFixed(1)).padStart(7)}  ${budget?.label ?? ""}${mb.note ? `  [${mb.note}]` : ""}`);
    const evidence = mb.slowest ? `${mb.queries} queries, ${mb.dbMs} ms in the database; slowest ${mb.slowest}` : undefined;
    if (mb.failed) findings.push({ op: mb.op, why: `fails at ${columns[1]}: ${mb.note}` });
    else if (ma?.failed) findings.push({ op: mb.op, why: `fails at ${columns[0]}: ${ma.note}` });
    if (budget && !mb.failed) {
      const held = budget.atSmallOnly ? [ma] : [ma, mb];
      const over = held.filter((m): m is Measure => !!m && !m.failed && (budget.on === "p95" ? (m.p95 ?? m.ms) : m.ms) >= budget.ms);
      if (over.length) findings.push({ op: mb.op, why: `over its budget (${budget.label}) at ${over.map((m) => (m === ma ? columns[0] : columns[1])).join(" and ")}`, evidence });
    }
    if (ratio !== null && ratio > limit && headline(mb) > 20) findings.push({ op: mb.op, why: `ratio ${ratio.toFixed(1)} (${linear} would be linear)`, evidence });
  }
  return findings;
}

const started = performance.now();
console.log(`bench-large: ${opts.runs} runs per repeated operation; machine: ${loadavg().map((l) => l.toFixed(2)).join(" ")} load average (a shared 2-core machine: figures vary with what else runs)`);
const findings: Finding[] = [];
try {
  if (opts.only !== "many") {
    const small = await database("large", 0.1, opts["large-small-db"]);
    const a = await measure(small, "large");
    const full = await database("large", 1, opts["large-db"]);
    const b = await measure(full, "large");
    findings.push(...table("Profile large: the demo organisation plus 2,000 AI systems (scale 0.1) and 20,000 (scale 1.0)", a, b, ["at 0.1", "at 1.0"], 10, 12));
  }
  if (opts.only !== "large") {
    const one = await database("many", 0.001, opts["many-one-db"]);
    const a = await measure(one, "many");
    const many = await database("many", 1, opts["many-db"]);
    const b = await measure(many, "many");
    // Mainfeld's lists and score must not notice the other organisations: flat is 1.
    const f = table("Profile many: the demo organisation's lists and score, and the portfolio and switcher, in a database of 1 and of 1,000 bench organisations", a, b, ["1 org", "1,000 orgs"], 1, 1.5);
    // The switcher and the portfolio do grow with their organisations (1 -> 1,000, 1 -> 200 clients): only their budgets count.
    findings.push(...f.filter((x) => !(x.why.startsWith("ratio") && (x.op.startsWith("org switcher") || x.op.startsWith("portfolio")))));
  }
  console.log("\ndoes not scale linearly:");
  if (findings.length === 0) console.log("  nothing: every operation within ratio ~12 (large) / ~1.5 (many) and its budget");
  const byOp = new Map<string, Finding[]>();
  for (const f of findings) byOp.set(f.op, [...(byOp.get(f.op) ?? []), f]);
  for (const [op, fs] of byOp) {
    console.log(`  - ${op}: ${fs.map((f) => f.why).join("; ")}`);
    const evidence = fs.find((f) => f.evidence)?.evidence;
    if (evidence) console.log(`      ${evidence.slice(0, 300)}`);
  }
  console.log(`\n(likely reasons, from EXPLAIN on these databases: docs/decisions/053-large-tenants.md)`);
  log(`done in ${((performance.now() - started) / 1000 / 60).toFixed(1)} min`);
} finally {
  for (const db of made) {
    if (opts.keep) log(`kept database ${db.name}`);
    else await dropDatabase(db.name).catch((e: unknown) => console.error(`bench-large: could not drop ${db.name}:`, e));
  }
}
