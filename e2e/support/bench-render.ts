// The renderer alone at the board report's sizes, for as long as the print route's content is
// too short to reach them (until the inventory appendix lands, a demo report is ~3 pages, so
// `npm run bench:report` cannot reach 30 or 100). The same code as the job (renderReportPdf: warm
// Chromium, wait for data-report-ready, page.pdf with the CSS footer) prints a stand-in print page of
// tables (lib/testing/report-print-stub.ts) sized to ~30 and ~100 A4 pages. Prints pages, seconds
// and the extra memory (PSS) of this process and its Chromium over the process before the browser started.
//
//   npm run bench:render [-- --rows 30:2000,100:6800]
import { readFileSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeBrowser, renderReportPdf, warmBrowser } from "../../lib/reports/renderer";
import { createPrintToken } from "../../lib/reports/print-token";
import { startPrintStub } from "../../lib/testing/report-print-stub";

const { values: opts } = parseArgs({ options: { rows: { type: "string", default: "30:2000,100:6800" } }, strict: true });
const SIZES = opts.rows.split(",").map((pair) => {
  const [label, rows] = pair.split(":").map(Number);
  return { target: label!, rows: Math.min(rows!, 20_000), seconds: label! <= 30 ? 6 : 20 };
});
const SECRET = "bench-render-secret-bench-render-secret-bench";

/** Memory (PSS, MB) of this process and its descendants (Chromium and its renderers). */
function treeMemoryMb(root = process.pid): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, pssKb(pid));
    } catch {
      // ended meanwhile
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    kb += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

/**
 * Proportional set size (kB) of a process: its private memory plus its share of pages it shares.
 * Chromium's processes share most of their libraries and memory, so adding up their RSS counts
 * the same pages many times.
 */
function pssKb(pid: number | string): number {
  return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
}

const baseMb = treeMemoryMb();
const stub = await startPrintStub(SECRET, 0, Math.max(...SIZES.map((s) => s.rows)), { organisation: "Bench GmbH" });
const ids = { organisationId: "0190f5e0-0000-7000-8000-000000000001", userId: "0190f5e0-0000-7000-8000-000000000002", assessmentId: "0190f5e0-0000-7000-8000-000000000003" };
const render = async (rows: number) => {
  let peak = treeMemoryMb();
  const sampler = setInterval(() => (peak = Math.max(peak, treeMemoryMb())), 100);
  const t0 = performance.now();
  try {
    const token = createPrintToken({ ...ids, paper: "a4" }, SECRET);
    const { pdf, pageCount } = await renderReportPdf({ url: `${stub.baseUrl}/print/report/${token}?rows=${rows}`, paper: "a4", parts: null });
    return { seconds: (performance.now() - t0) / 1000, pages: pageCount, sizeMb: pdf.byteLength / 1024 / 1024, peak };
  } finally {
    clearInterval(sampler);
  }
};

try {
  await warmBrowser();
  const warm = await render(50);
  console.log(`bench-render: warm-up ${warm.pages} pages in ${warm.seconds.toFixed(2)} s; before the browser ${baseMb.toFixed(0)} MB (PSS)`);
  let over = 0;
  for (const size of SIZES) {
    const r = await render(size.rows);
    const extra = r.peak - baseMb;
    const ok = r.seconds < size.seconds && extra < 600;
    if (!ok) over++;
    console.log(
      `~${size.target} pages (${size.rows} table rows): ${r.pages} pages in ${r.seconds.toFixed(2)} s (budget ${size.seconds} s)  PDF ${r.sizeMb.toFixed(1)} MB  extra PSS ${extra.toFixed(0)} MB (budget 600 MB)  ${ok ? "within budget" : "OVER BUDGET"}`,
    );
  }
  if (over > 0) process.exitCode = 1;
} finally {
  await closeBrowser();
  await stub.close();
}
