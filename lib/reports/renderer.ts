import "server-only";
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import type { Paper } from "@/lib/reports/print-token";
import { partSearch, type ReportPart } from "@/lib/reports/report-footer";
import { CHROMIUM_ARGS, chromiumPath } from "@/lib/runtime/chromium";

const execFileAsync = promisify(execFile);

export { chromiumPath };

// The board report's renderer: Debian's Chromium through playwright-core, kept warm per process
// (a launch costs ~1 s; a warm browser opens a page in milliseconds) and relaunched when it goes
// away. Every step has a timeout, so a stuck browser fails the attempt instead of the job hanging.

export const TIMEOUTS = { launchMs: 30_000, openMs: 30_000, readyMs: 60_000, printMs: 120_000 };


/** What to do when Chromium is missing, as the Reports page and the failed run say it. */
export function chromiumMissingMessage(path = chromiumPath()): string {
  return `Chromium was not found at ${path}, so no PDF can be rendered. Install it on the server ("apt-get install -y chromium" on Debian or Ubuntu) or set CHROMIUM_PATH to the path of a Chromium executable, then restart Sovra.`;
}

/** Null when the configured Chromium exists and is executable, else what to do about it. */
export function chromiumProblem(): string | null {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return null;
  } catch {
    return chromiumMissingMessage();
  }
}

const globalForBrowser = globalThis as unknown as { sovraBrowser?: Promise<Browser> };

/** The process's warm browser, launched on first use and again after it disconnects (crash, kill). */
export function warmBrowser(): Promise<Browser> {
  globalForBrowser.sovraBrowser ??= chromium
    .launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: TIMEOUTS.launchMs })
    .then((browser) => {
      browser.on("disconnected", () => {
        globalForBrowser.sovraBrowser = undefined;
      });
      return browser;
    })
    .catch((e: unknown) => {
      globalForBrowser.sovraBrowser = undefined;
      throw e;
    });
  return globalForBrowser.sovraBrowser;
}

/** Closes the warm browser (tests, shutdown). */
export async function closeBrowser(): Promise<void> {
  const pending = globalForBrowser.sovraBrowser;
  globalForBrowser.sovraBrowser = undefined;
  const browser = await pending?.catch(() => null);
  await browser?.close().catch(() => undefined);
}

/** Test hooks: code run at a step of the render (the retry test kills the browser here). */
export const renderHooks: { beforePrint?: () => Promise<void> | void } = {};

/** Where the job stands, said to the run: a stage ("printing part 2 of 5") and a progress (0-100). */
export type RenderProgress = (stage: string, progress: number) => Promise<void>;

export interface RenderInput {
  /** The print route for this report (the token's URL); a part's query is appended to it. */
  url: string;
  paper: Paper;
  /** The parts to print and join (reportParts()); null prints the report as one document. */
  parts: ReportPart[] | null;
  /**
   * The inventory appendix's table rows per AI system, on average (one per model dependency, at
   * least one): the estimate of a part's pages before it is printed.
   */
  rowsPerSystem?: number;
  onProgress?: RenderProgress;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Pages of a PDF that Chromium wrote: the page tree's root `/Count` (the largest one), or, if no
 * page tree node says it, the number of page objects.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString("latin1");
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length > 0) return Math.max(...counts);
  return [...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/** The executable `pdfunite` (poppler-utils) on PATH, or null. */
export function pdfunitePath(): string | null {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, "pdfunite"), constants.X_OK);
      return path.join(dir, "pdfunite");
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Null when pdfunite can join a large report's parts, else what to install. */
export function pdfuniteProblem(): string | null {
  return pdfunitePath()
    ? null
    : 'pdfunite (poppler-utils) was not found on the server, and a report this large is printed in parts that it joins. Install it ("apt-get install -y poppler-utils" on Debian or Ubuntu), then restart Sovra.';
}

/**
 * Opens one print URL in the warm browser, waits until it says it is ready
 * (`[data-report-ready="true"]`, i.e. charts drawn), and prints it to PDF. Its browser context
 * is closed before this returns, so that the renderer's memory goes before the next part.
 */
async function printOne(url: string, paper: Paper, step: (stage: "opening" | "rendering" | "printing") => Promise<void>): Promise<{ pdf: Buffer; pageCount: number }> {
  const browser = await withTimeout(warmBrowser(), TIMEOUTS.launchMs, "Starting Chromium");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await step("opening");
    const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUTS.openMs });
    if (!response?.ok()) throw new Error(`The report's print page answered HTTP ${response?.status() ?? "nothing"}`);
    await step("rendering");
    await page.waitForSelector('[data-report-ready="true"]', { state: "attached", timeout: TIMEOUTS.readyMs });
    await renderHooks.beforePrint?.();
    await step("printing");
    const pdf = await withTimeout(
      page.pdf({
        format: paper === "letter" ? "Letter" : "A4",
        // The report's own @page rules (components/reports/board-report.tsx) set the paper, the
        // margins and the footer (lib/reports/report-footer.ts); the options are the fallback.
        preferCSSPageSize: true,
        printBackground: true,
        margin: { top: "14mm", bottom: "18mm", left: "12mm", right: "12mm" },
      }),
      TIMEOUTS.printMs,
      "Printing the PDF",
    );
    return { pdf, pageCount: countPdfPages(pdf) };
  } finally {
    // A browser too stuck to close a page is closed whole; the next render relaunches it.
    await withTimeout(context.close(), 10_000, "Closing the page").catch(() => closeBrowser());
  }
}

const SINGLE_PROGRESS = { opening: 15, rendering: 35, printing: 60 } as const;

/**
 * Prints the board report. One document: the print route as it is, Chromium numbering the pages.
 * In parts (a large report: Chromium's memory grows with every page of one document): each part
 * is printed with its first page number and a total, and the parts joined with pdfunite. A part's
 * page count does not depend on the footer's text, but the total is only known once every part is
 * printed: each part is printed once with the best estimate of the total (the pages so far plus
 * the rest of the inventory at the pages per system seen so far), and only the parts whose
 * estimate was wrong are printed again with the true total.
 */
export async function renderReportPdf(input: RenderInput): Promise<{ pdf: Buffer; pageCount: number; prints: number }> {
  const base = input.url;
  const withPart = (search: string) => (base.includes("?") ? `${base}&${search.slice(1)}` : `${base}${search}`);
  if (!input.parts) {
    const out = await printOne(base, input.paper, (stage) => input.onProgress?.(stage, SINGLE_PROGRESS[stage]) ?? Promise.resolve());
    return { ...out, prints: 1 };
  }
  const problem = pdfuniteProblem();
  if (problem) throw new Error(problem);
  const parts = input.parts;
  const rowsOf = (p: ReportPart) => (p.part === "inventory" ? (p.to - p.from) * Math.max(input.rowsPerSystem ?? 3, 1) : 0);
  const remainingRows = (i: number) => parts.slice(i).reduce((n, p) => n + rowsOf(p), 0);
  const printed: { pdf: Buffer; pageCount: number; first: number; total: number }[] = [];
  // Planned prints: every part once, and (at worst) every part again; progress runs 15 -> 90.
  let done = 0;
  let planned = parts.length;
  const progressOf = () => 15 + Math.round((75 * done) / Math.max(planned, 1));
  const printPart = async (i: number, first: number, total: number, pass: 1 | 2) => {
    const label = `printing part ${i + 1} of ${parts.length}${pass === 2 ? " again with the page total" : ""}`;
    await input.onProgress?.(label, progressOf());
    const out = await printOne(withPart(partSearch(parts[i]!, { first, total })), input.paper, async () => undefined);
    done++;
    return { ...out, first, total };
  };

  let pages = 0;
  let inventoryPages = 0;
  let inventoryRows = 0;
  for (let i = 0; i < parts.length; i++) {
    // Before any inventory part is measured, ~12 table rows a page (A4, the appendix's layout);
    // the main part's own pages are not known before it is printed: ~22.
    const perRow = inventoryRows > 0 ? inventoryPages / inventoryRows : 1 / 12;
    const estimate = Math.max(pages + 1, pages + (parts[i]!.part === "main" ? 22 : 0) + Math.round(remainingRows(i) * perRow));
    const out = await printPart(i, pages + 1, estimate, 1);
    printed.push(out);
    pages += out.pageCount;
    if (parts[i]!.part === "inventory") {
      inventoryPages += out.pageCount;
      inventoryRows += rowsOf(parts[i]!);
    }
  }
  const total = pages;
  const again = printed.map((p, i) => (p.total === total ? -1 : i)).filter((i) => i >= 0);
  planned = parts.length + again.length;
  for (const i of again) {
    const out = await printPart(i, printed[i]!.first, total, 2);
    // The footer sits in the page margin: the same part with another total has the same pages.
    if (out.pageCount !== printed[i]!.pageCount) throw new Error(`Part ${i + 1} of the report printed ${printed[i]!.pageCount} pages, then ${out.pageCount}: its numbering would be wrong`);
    printed[i] = out;
  }

  await input.onProgress?.(`joining ${parts.length} parts`, 88);
  const dir = await mkdtemp(path.join(tmpdir(), "sovra-report-"));
  try {
    const files = printed.map((_, i) => path.join(dir, `part-${String(i).padStart(3, "0")}.pdf`));
    await Promise.all(printed.map((p, i) => writeFile(files[i]!, p.pdf)));
    const joined = path.join(dir, "report.pdf");
    await withTimeout(execFileAsync(pdfunitePath()!, [...files, joined]), TIMEOUTS.printMs, "Joining the parts");
    const pdf = await readFile(joined);
    const pageCount = countPdfPages(pdf);
    if (pageCount !== total) throw new Error(`The joined report has ${pageCount} pages where its ${parts.length} parts have ${total}`);
    return { pdf, pageCount, prints: done };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
