import { z } from "zod";
import type { Paper } from "@/lib/reports/print-token";

// The board report's footer, printed by Chromium from CSS page-margin boxes rather than from
// `page.pdf({ footerTemplate })`: a large report is printed as several documents and joined
// (decision 024). Each part carries the left of the footer (organisation, assessment, date,
// methodology); "Page x of y" is then laid over the joined report from one more document of as
// many pages that holds only the numbers, printed by Chromium with the same CSS.

export interface FooterFacts {
  organisation: string;
  assessmentId: string;
  assessmentDate: string;
  methodologyVersion: string;
}

/** The CSS `@page` size of each paper. */
export const PAGE_SIZE = { a4: "A4", letter: "letter" } as const satisfies Record<Paper, string>;

/** The report's page margins, in millimetres: the footer sits in the bottom one (components/reports/board-report.tsx). */
export const PAGE_MARGIN_MM = { top: 16, right: 16, bottom: 24, left: 16 } as const;
export const PAGE_MARGIN = `${PAGE_MARGIN_MM.top}mm ${PAGE_MARGIN_MM.right}mm ${PAGE_MARGIN_MM.bottom}mm ${PAGE_MARGIN_MM.left}mm`;

const PAPER_MM = { a4: { width: 210, height: 297 }, letter: { width: 215.9, height: 279.4 } } as const satisfies Record<Paper, { width: number; height: number }>;
const tenths = (mm: number) => Math.round(mm * 10) / 10;

/** One page's content box (the paper less PAGE_MARGIN), in millimetres: what the report lays out in. */
export const PAGE_CONTENT_MM = Object.fromEntries(
  Object.entries(PAPER_MM).map(([paper, mm]) => [paper, { width: tenths(mm.width - PAGE_MARGIN_MM.left - PAGE_MARGIN_MM.right), height: tenths(mm.height - PAGE_MARGIN_MM.top - PAGE_MARGIN_MM.bottom) }]),
) as Record<Paper, { width: number; height: number }>;

const PX_PER_MM = 96 / 25.4;

/**
 * The browser window the report is opened in before it is printed: one page's content box, in
 * CSS pixels. Laid out at that width with print media from the start, the page is already in its
 * printed shape, and Chromium's print has less to lay out again (a 20-page table printed in
 * ~0.8 s instead of ~1.4 s).
 */
export const PRINT_VIEWPORT = Object.fromEntries(
  Object.entries(PAGE_CONTENT_MM).map(([paper, mm]) => [paper, { width: Math.ceil(mm.width * PX_PER_MM), height: Math.ceil(mm.height * PX_PER_MM) }]),
) as Record<Paper, { width: number; height: number }>;

const BOX = "font-family: Helvetica, Arial, sans-serif; font-size: 7.5pt; color: #444;";
const NUMBERS = `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${BOX} white-space: nowrap; vertical-align: middle; }`;

/**
 * A CSS string literal. Quotes and backslashes are escaped, line breaks become spaces, and the
 * characters that could end the surrounding <style> element are written as CSS hex escapes:
 * organisation names are typed by members.
 */
export function cssString(value: string): string {
  const escaped = value.replace(/[\r\n\f]+/g, " ").replace(/[\\"<>&]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(6, "0")}`);
  return `"${escaped}"`;
}

/**
 * The @page rules that foot every page with the organisation, assessment, date and methodology,
 * and, unless `numbered` is false (a part of a report printed in parts), "Page x of y" as Chromium
 * counts the document's pages.
 */
export function footerCss(facts: FooterFacts, numbered = true): string {
  const left = [facts.organisation, `Assessment ${facts.assessmentId}`, facts.assessmentDate, `Methodology ${facts.methodologyVersion}`].join(" · ");
  return `@page {
  @bottom-left { content: ${cssString(left)}; ${BOX} vertical-align: middle; }${numbered ? `\n  ${NUMBERS}` : ""}
}`;
}

/**
 * A document of `pages` blank pages of the report's paper and margins that carries only "Page x
 * of y" where the report's footer prints it: laid over a report joined from parts, it numbers
 * the pages continuously.
 */
export function pageNumbersHtml(paper: Paper, pages: number): string {
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`pageNumbersHtml: ${pages} is not a page count`);
  return `<!doctype html><html><head><style>
@page { size: ${PAGE_SIZE[paper]}; margin: ${PAGE_MARGIN}; ${NUMBERS} }
html, body { margin: 0; background: transparent; }
div { height: 1px; break-after: page; }
div:last-child { break-after: auto; }
</style></head><body>${"<div></div>".repeat(pages)}</body></html>`;
}

/** Which part of the report the print route renders; absent: the whole report as one document. */
export const REPORT_PART_QUERY = z
  .discriminatedUnion("part", [
    z.object({ part: z.literal("main") }),
    z.object({ part: z.literal("inventory"), from: z.coerce.number().int().min(0).max(1_000_000), to: z.coerce.number().int().min(1).max(1_000_000) }),
  ])
  .refine((q) => q.part !== "inventory" || q.from < q.to, { message: "from must be below to" });

/** A part to print. */
export type ReportPart = z.infer<typeof REPORT_PART_QUERY>;

/** The print route's query string for a part. */
export function partSearch(part: ReportPart): string {
  const params = new URLSearchParams({ part: part.part, ...(part.part === "inventory" ? { from: String(part.from), to: String(part.to) } : {}) });
  return `?${params}`;
}

/**
 * The report's parts: everything but Appendix B, then Appendix B in slices of `perPart` AI
 * systems; null when the inventory is small enough for the report to print as one document.
 */
export function reportParts(systems: number, perPart: number, singleDocumentMax: number): ReportPart[] | null {
  if (systems <= singleDocumentMax) return null;
  const parts: ReportPart[] = [{ part: "main" }];
  for (let from = 0; from < systems; from += perPart) parts.push({ part: "inventory", from, to: Math.min(from + perPart, systems) });
  return parts;
}
