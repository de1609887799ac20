import "server-only";
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import type { Paper } from "@/lib/reports/print-token";
import { CHROMIUM_ARGS, chromiumPath } from "@/lib/runtime/chromium";

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

export type RenderStage = "opening" | "rendering" | "printing";

export interface FooterFacts {
  organisation: string;
  assessmentId: string;
  assessmentDate: string;
  methodologyVersion: string;
}

export interface RenderInput {
  url: string;
  paper: Paper;
  footer: FooterFacts;
  onStage?: (stage: RenderStage) => Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chromium's footer template: organisation, assessment, date, methodology, "Page x of y". */
export function footerTemplate(f: FooterFacts): string {
  const facts = [f.organisation, `Assessment ${f.assessmentId}`, f.assessmentDate, `Methodology ${f.methodologyVersion}`].map(escapeHtml).join(" · ");
  return `<div style="font-family: Helvetica, Arial, sans-serif; font-size: 7.5px; color: #444; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between; gap: 8px;"><span>${facts}</span><span style="white-space: nowrap;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
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

/**
 * Opens the print route in the warm browser, waits until it says it is ready
 * (`[data-report-ready="true"]`, i.e. charts drawn), and prints it to PDF with the footer.
 */
export async function renderReportPdf(input: RenderInput): Promise<{ pdf: Buffer; pageCount: number }> {
  const browser = await withTimeout(warmBrowser(), TIMEOUTS.launchMs, "Starting Chromium");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await input.onStage?.("opening");
    const response = await page.goto(input.url, { waitUntil: "load", timeout: TIMEOUTS.openMs });
    if (!response?.ok()) throw new Error(`The report's print page answered HTTP ${response?.status() ?? "nothing"}`);
    await input.onStage?.("rendering");
    await page.waitForSelector('[data-report-ready="true"]', { state: "attached", timeout: TIMEOUTS.readyMs });
    await renderHooks.beforePrint?.();
    await input.onStage?.("printing");
    const pdf = await withTimeout(
      page.pdf({
        format: input.paper === "letter" ? "Letter" : "A4",
        // The report's own @page rule (components/reports/board-report.tsx) sets the paper and
        // margins it was laid out for, with room for this footer; the options are the fallback.
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: footerTemplate(input.footer),
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
