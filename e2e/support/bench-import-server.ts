// Import limits through the real server (issue 7, docs/decisions/031): the production build on a
// fresh database seeded with the demo, ONE web process (the limits are per process), signed in
// as the demo owner. Checks and prints:
//   - issue 7's workbook (47,000 rows x 64 numbers) uploaded on the import page: a clear answer in
//     under 10 s, under 300 MB more server memory (PSS of the server's processes over idle);
//   - six such uploads at once: /api/health answers within 1 s all along (polled every 100 ms);
//     uploads beyond SOVRA_IMPORT_CONCURRENCY are told "busy" (429 with Retry-After);
//   - the body limit: the demo's inventory document padded to 15.6 MB imports (dry run) through
//     the API (it was cut at 10 MB by Next's proxy and answered "malformed JSON"); bodies over
//     25 MB are 413, on the API and on the import page.
//
//   npx next build && npm run bench:import-server [-- --port 3830 --keep-db]
//
// The in-process figures (no server, no build): npm run bench:import (lib/inventory/bench-import.ts).
import { readFileSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { IMPORT_LIMITS } from "../../lib/inventory/file-limits";
import { applyMigrations } from "../../lib/runtime/database";
import { numbersWorkbook } from "../../lib/testing/xlsx-files";
import { seedDemo } from "../../prisma/seed";
import { DEMO_ORG_SLUGS } from "../../prisma/seed-data";
import { benchSession, sessionCookie, waitForHealth } from "./bench-server";

const { values: opts } = parseArgs({
  options: { port: { type: "string", default: "3830" }, "keep-db": { type: "boolean", default: false } },
  strict: true,
});
const PORT = Number(opts.port);
const BASE = `http://127.0.0.1:${PORT}`;
const ORG = DEMO_ORG_SLUGS.mainfeld;
const log = (msg: string) => console.log(`bench-import-server: ${msg}`);
const verdicts: string[] = [];
const budget = (what: string, ok: boolean) => verdicts.push(`${ok ? "PASS" : "FAIL"}  ${what}`);

/** Memory (PSS, MB) of the server and every process under it. */
function serverPssMb(root: number): number {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // ended meanwhile
    }
  }
  let kb = 0;
  const visit = (pid: number) => {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return kb / 1024;
}

function uploadForm(fileName: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set("file", new File([bytes as BlobPart], fileName));
  form.set("intent", "preview");
  return form;
}

async function upload(cookie: string, fileName: string, bytes: Uint8Array) {
  const started = performance.now();
  const res = await fetch(`${BASE}/${ORG}/inventory/import/upload`, { method: "POST", headers: { cookie }, body: uploadForm(fileName, bytes) });
  const body = (await res.json().catch(() => ({}))) as { message?: string; problems?: { message: string }[]; errorCount?: number };
  return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get("retry-after"), body };
}

async function main() {
  const { url, reused, start, cleanup } = await benchSession("sovra_bench_import", BASE, { keepDb: opts["keep-db"] }, log);
  try {
    if (!reused) {
      await applyMigrations(url);
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      await seedDemo(prisma);
      await prisma.$disconnect();
    }
    const server = start(PORT, { SOVRA_WEB_WORKERS: "1", SOVRA_REPORT_WORKER: "off" });
    await waitForHealth(server, BASE);
    const root = server.pid!;
    const cookie = await sessionCookie(BASE);
    const wide = numbersWorkbook({ sheet: "Offices", rows: 47_000, columns: 64, headers: ["Name", "Country", "Headcount", "Teams"] });
    log(`workbook of 47,000 rows x 64 numbers: ${(wide.byteLength / 1024 / 1024).toFixed(1)} MB`);

    // ---- one upload
    await upload(cookie, "warm-up.xlsx", wide); // the first request compiles nothing in production, but warms the route
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = serverPssMb(root);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, serverPssMb(root))), 100);
    const one = await upload(cookie, "wide.xlsx", wide);
    clearInterval(sampler);
    log(`one upload: ${one.status} in ${Math.round(one.ms)} ms, server ${Math.round(idle)} -> ${Math.round(peak)} MB PSS; answer: ${one.body.problems?.[0]?.message ?? one.body.message}`);
    budget(`47,000 x 64: a clear answer in ${Math.round(one.ms)} ms (< 10,000) with +${Math.round(peak - idle)} MB (< 300)`, one.status === 200 && one.body.errorCount === 1 && one.ms < 10_000 && peak - idle < 300);

    // ---- six at once, /api/health polled all along
    let healthMax = 0;
    let healthFailures = 0;
    let stop = false;
    const health = (async () => {
      while (!stop) {
        const started = performance.now();
        const res = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
        if (!res?.ok) healthFailures++;
        await res?.arrayBuffer();
        healthMax = Math.max(healthMax, performance.now() - started);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = performance.now();
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(cookie, `wide-${i}.xlsx`, wide)));
    const allMs = performance.now() - started;
    stop = true;
    await health;
    const statuses = six.map((r) => `${r.status}${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ""} ${Math.round(r.ms)} ms`);
    log(`six at once, all answered in ${Math.round(allMs)} ms: ${statuses.join(", ")}; /api/health max ${Math.round(healthMax)} ms, ${healthFailures} failed`);
    budget(`six at once: /api/health answered within ${Math.round(healthMax)} ms (< 1,000), ${healthFailures} failures`, healthMax < 1_000 && healthFailures === 0);
    budget(`six at once: each answered (200 or 429 with Retry-After)`, six.every((r) => r.status === 200 || (r.status === 429 && r.retryAfter !== null)));

    // ---- the body limit
    const document = await (await fetch(`${BASE}/api/v1/orgs/${ORG}/inventory`, { headers: { cookie } })).text();
    const padded = (bytes: number) => document + " ".repeat(bytes - Buffer.byteLength(document));
    const post = (body: string) => fetch(`${BASE}/api/v1/orgs/${ORG}/inventory/import?dryRun=true`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });
    const medium = await post(padded(Math.round(15.6 * 1024 * 1024)));
    const mediumBody = (await medium.json()) as { error?: { code: string } };
    log(`15.6 MB document: ${medium.status} ${mediumBody.error?.code ?? "(plan)"}`);
    budget(`a 15.6 MB document is read whole (${medium.status}, not 400 MALFORMED_JSON)`, medium.status === 200);
    const huge = await post(padded(IMPORT_LIMITS.maxUploadBytes + 1024 * 1024));
    log(`26 MB document: ${huge.status} ${((await huge.json()) as { error?: { code: string } }).error?.code}`);
    budget(`a 26 MB document is 413 (${huge.status})`, huge.status === 413);
    const big = await upload(cookie, "big.json", new Uint8Array(IMPORT_LIMITS.maxUploadBytes + 1024 * 1024));
    log(`26 MB upload: ${big.status} ${big.body.message}`);
    budget(`a 26 MB upload is 413 (${big.status})`, big.status === 413);

    console.log(verdicts.join("\n"));
    if (verdicts.some((v) => v.startsWith("FAIL"))) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
