import { z } from "zod";

// The board report's footer, printed by Chromium from CSS page-margin boxes rather than from
// `page.pdf({ footerTemplate })`: a large report is printed as several documents and joined
// (decision 024), and only CSS can start a document's numbering at page K+1 and print a total
// that covers every part.

export interface FooterFacts {
  organisation: string;
  assessmentId: string;
  assessmentDate: string;
  methodologyVersion: string;
}

/** A part's numbering: its first page's number and the joined report's page count. */
export interface PageNumbering {
  first: number;
  total: number;
}

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
 * The @page rules that foot every page with the organisation, assessment, date and methodology
 * and "Page x of y". Without numbering (one document) Chromium counts the pages itself; with it,
 * the first page is numbered `first` and the total is the literal the caller measured.
 */
export function footerCss(facts: FooterFacts, numbering?: PageNumbering): string {
  const left = [facts.organisation, `Assessment ${facts.assessmentId}`, facts.assessmentDate, `Methodology ${facts.methodologyVersion}`].join(" · ");
  const total = numbering ? cssString(String(numbering.total)) : "counter(pages)";
  const box = "font-family: Helvetica, Arial, sans-serif; font-size: 7.5pt; color: #444;";
  // counter-increment on @page replaces the implicit +1; :first sets the part's starting number.
  const offset = numbering && numbering.first > 1 ? `\n@page { counter-increment: page 1; }\n@page :first { counter-increment: page ${numbering.first}; }` : "";
  return `@page {
  @bottom-left { content: ${cssString(left)}; ${box} vertical-align: middle; }
  @bottom-right { content: "Page " counter(page) " of " ${total}; ${box} white-space: nowrap; vertical-align: middle; }
}${offset}`;
}

/** Which part of the report the print route renders; absent: the whole report as one document. */
export const REPORT_PART_QUERY = z
  .discriminatedUnion("part", [
    z.object({ part: z.literal("main"), first: z.coerce.number().int().min(1).max(100_000), total: z.coerce.number().int().min(1).max(100_000) }),
    z.object({
      part: z.literal("inventory"),
      from: z.coerce.number().int().min(0).max(1_000_000),
      to: z.coerce.number().int().min(1).max(1_000_000),
      first: z.coerce.number().int().min(1).max(100_000),
      total: z.coerce.number().int().min(1).max(100_000),
    }),
  ])
  .refine((q) => q.first <= q.total, { message: "first must not exceed total" })
  .refine((q) => q.part !== "inventory" || q.from < q.to, { message: "from must be below to" });

export type ReportPartQuery = z.infer<typeof REPORT_PART_QUERY>;

/** A part to print, before its numbering is known. */
export type ReportPart = { part: "main" } | { part: "inventory"; from: number; to: number };

/** The print route's query string for a part and its numbering. */
export function partSearch(part: ReportPart, numbering: PageNumbering): string {
  const params = new URLSearchParams({ part: part.part, ...(part.part === "inventory" ? { from: String(part.from), to: String(part.to) } : {}), first: String(numbering.first), total: String(numbering.total) });
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
