import "server-only";
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Paper } from "@/lib/reports/print-token";
import { PAGE_MARGIN_MM, pageNumbersHtml, partSearch, PRINT_VIEWPORT, type ReportPart } from "@/lib/reports/report-footer";
import { chromiumLaunchOptions, reportChromiumPath } from "@/lib/runtime/chromium";

const execFileAsync = promisify(execFile);

// The board report's renderer: Debian's Chromium through playwright-core, kept warm per process
// (a launch costs ~1 s; a warm browser opens a page in milliseconds) and relaunched when it goes
// away. Every step has a timeout, so a stuck browser fails the attempt instead of the job hanging.

export const TIMEOUTS = { launchMs: 30_000, openMs: 30_000, readyMs: 60_000, printMs: 120_000 };


/** What to do when Chromium is missing, as the Reports page and the failed run say it. */
export function chromiumMissingMessage(path = reportChromiumPath()): string {
  return `Chromium was not found at ${path}, so no PDF can be rendered. Install it on the server ("apt-get install -y chromium-headless-shell" on Debian or Ubuntu, the fastest at printing, or "apt-get install -y chromium") or set CHROMIUM_PATH to the path of a Chromium executable, then restart Sovra.`;
}

/** Null when the configured Chromium exists and is executable, else what to do about it. */
export function chromiumProblem(): string | null {
  try {
    accessSync(reportChromiumPath(), constants.X_OK);
    return null;
  } catch {
    return chromiumMissingMessage();
  }
}

const globalForBrowser = globalThis as unknown as { sovraBrowser?: Promise<Browser> };

/** The process's warm browser, launched on first use and again after it disconnects (crash, kill). */
export function warmBrowser(): Promise<Browser> {
  globalForBrowser.sovraBrowser ??= chromium
    .launch({ ...chromiumLaunchOptions(reportChromiumPath()), timeout: TIMEOUTS.launchMs })
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

/** An executable on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Null when qpdf, which joins a large report's parts and numbers their pages, is on the server, else what to install. */
export function qpdfProblem(): string | null {
  return onPath("qpdf")
    ? null
    : 'qpdf was not found on the server, and a report this large is printed in parts that it joins and numbers. Install it ("apt-get install -y qpdf" on Debian or Ubuntu), then restart Sovra.';
}

/**
 * Opens one print URL in the warm browser, waits until it is ready, and prints it to PDF. With
 * scripts (the charts), ready is when the page says so (`[data-report-ready="true"]`, charts
 * drawn); without (a slice of Appendix B: a table, nothing to hydrate, so no React runs in the
 * renderer), when the page has loaded and its fonts are in. Its browser context is closed before
 * this returns, so that the renderer's memory goes before the next part.
 */
async function printOne(url: string, paper: Paper, step: (stage: "opening" | "rendering" | "printing") => Promise<void>, scripts = true): Promise<{ pdf: Buffer; pageCount: number }> {
  return inPage(paper, scripts, async (page) => {
    await step("opening");
    const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUTS.openMs });
    if (!response?.ok()) throw new Error(`The report's print page answered HTTP ${response?.status() ?? "nothing"}`);
    await step("rendering");
    if (scripts) await page.waitForSelector('[data-report-ready="true"]', { state: "attached", timeout: TIMEOUTS.readyMs });
    // Evaluated by the DevTools protocol, which runs with the page's scripts off: layout first, so that every font the page uses is asked for.
    else
      await withTimeout(
        page.evaluate(async () => {
          void document.body.offsetHeight;
          await document.fonts.ready;
        }),
        TIMEOUTS.readyMs,
        "Loading the fonts",
      );
    await renderHooks.beforePrint?.();
    await step("printing");
    return printPage(page, paper);
  });
}

/** `page.pdf()` with the report's paper, under a timeout. */
async function printPage(page: Page, paper: Paper): Promise<{ pdf: Buffer; pageCount: number }> {
  const pdf = await withTimeout(
    page.pdf({
      format: paper === "letter" ? "Letter" : "A4",
      // The report's own @page rules (components/reports/board-report.tsx) set the paper, the
      // margins and the footer (lib/reports/report-footer.ts); the options say the same.
      preferCSSPageSize: true,
      printBackground: true,
      // Accessible: a tagged PDF (headings, tables and reading order for screen readers) with a
      // document outline from the headings, for a reader's sidebar. A report printed in parts is
      // joined by qpdf, which keeps the pages but not the parts' tags and outlines (docs/decisions/024).
      tagged: true,
      outline: true,
      margin: { top: `${PAGE_MARGIN_MM.top}mm`, right: `${PAGE_MARGIN_MM.right}mm`, bottom: `${PAGE_MARGIN_MM.bottom}mm`, left: `${PAGE_MARGIN_MM.left}mm` },
    }),
    TIMEOUTS.printMs,
    "Printing the PDF",
  );
  return { pdf, pageCount: countPdfPages(pdf) };
}

/**
 * Runs `fn` on a new page of the warm browser, in a browser context of its own (scripts on or
 * off) that is closed before this returns, so that the renderer's memory goes before the next print.
 * The page is laid out as it will be printed from the start: print media, one page's width. Charts
 * hidden on paper are then never drawn, and Chromium's print lays out less again (decision 024).
 */
async function inPage<T>(paper: Paper, scripts: boolean, fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = await withTimeout(warmBrowser(), TIMEOUTS.launchMs, "Starting Chromium");
  const context = await browser.newContext({ javaScriptEnabled: scripts, viewport: PRINT_VIEWPORT[paper] });
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    return await fn(page);
  } finally {
    // A browser too stuck to close a page is closed whole; the next render relaunches it.
    await withTimeout(context.close(), 10_000, "Closing the page").catch(() => closeBrowser());
  }
}

const SINGLE_PROGRESS = { opening: 15, rendering: 35, printing: 60 } as const;

/**
 * Prints the board report. One document: the print route as it is, Chromium numbering the pages.
 * In parts (a large report: Chromium's memory grows with every page of one document): each part
 * is printed once, without page numbers, and qpdf joins the parts and lays "Page x of y" over the
 * joined report from a document of as many pages that holds only the numbers
 * (lib/reports/report-footer.ts). A part's pages do not depend on its footer, so nothing
 * is printed twice.
 */
export async function renderReportPdf(input: RenderInput): Promise<{ pdf: Buffer; pageCount: number }> {
  const base = input.url;
  const withPart = (search: string) => (base.includes("?") ? `${base}&${search.slice(1)}` : `${base}${search}`);
  if (!input.parts) {
    return printOne(base, input.paper, (stage) => input.onProgress?.(stage, SINGLE_PROGRESS[stage]) ?? Promise.resolve());
  }
  const problem = qpdfProblem();
  if (problem) throw new Error(problem);
  const parts = input.parts;
  const printed: Buffer[] = [];
  let total = 0;
  // Progress runs 15 -> 85 over the parts (the main part, with its charts, weighs as much as a few slices).
  for (const [i, part] of parts.entries()) {
    await input.onProgress?.(`printing part ${i + 1} of ${parts.length}`, 15 + Math.round((70 * i) / parts.length));
    // A slice of Appendix B is a table: printed with scripts off, it needs no React in the renderer.
    const out = await printOne(withPart(partSearch(part)), input.paper, async () => undefined, part.part === "main");
    printed.push(out.pdf);
    total += out.pageCount;
  }

  await input.onProgress?.(`numbering ${total} pages`, 85);
  const numbers = await inPage(input.paper, false, async (page) => {
    await page.setContent(pageNumbersHtml(input.paper, total), { waitUntil: "load", timeout: TIMEOUTS.openMs });
    return printPage(page, input.paper);
  });
  if (numbers.pageCount !== total) throw new Error(`The page numbers came out on ${numbers.pageCount} pages for a report of ${total}`);

  await input.onProgress?.(`joining ${parts.length} parts`, 88);
  const dir = await mkdtemp(path.join(tmpdir(), "sovra-report-"));
  try {
    const files = printed.map((_, i) => path.join(dir, `part-${String(i).padStart(3, "0")}.pdf`));
    await Promise.all(printed.map((pdf, i) => writeFile(files[i]!, pdf)));
    const [numbered, out] = [path.join(dir, "numbers.pdf"), path.join(dir, "report.pdf")];
    await writeFile(numbered, numbers.pdf);
    // The parts' pages in order, then page i of the numbers laid over page i of the report.
    await withTimeout(execFileAsync(onPath("qpdf")!, ["--warning-exit-0", "--empty", "--pages", ...files, "--", "--overlay", numbered, "--", out]), TIMEOUTS.printMs, "Joining the parts");
    const pdf = await readFile(out);
    const pageCount = countPdfPages(pdf);
    if (pageCount !== total) throw new Error(`The joined report has ${pageCount} pages where its ${parts.length} parts have ${total}`);
    return { pdf, pageCount };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
