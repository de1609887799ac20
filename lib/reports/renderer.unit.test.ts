import { describe, expect, it } from "vitest";
import { chromiumMissingMessage, countPdfPages, pdfuniteProblem } from "./renderer";
import { cssString, footerCss, partSearch, REPORT_PART_QUERY, reportParts } from "./report-footer";

describe("the report renderer's helpers", () => {
  it("counts pages from the page tree's root /Count, whichever order its keys come in", () => {
    const pdf = (body: string) => new TextEncoder().encode(`%PDF-1.4\n${body}\n%%EOF`);
    expect(countPdfPages(pdf("1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj 3 0 obj << /Type /Page >> endobj"))).toBe(2);
    expect(countPdfPages(pdf("1 0 obj << /Count 7 /Kids [2 0 R] /Type /Pages >> endobj 2 0 obj << /Type /Pages /Count 3 >> endobj"))).toBe(7);
  });

  it("counts page objects when no page tree says how many", () => {
    expect(countPdfPages(new TextEncoder().encode("<< /Type /Page >> << /Type/Page >> << /Type /Pages >>"))).toBe(2);
  });

  it("foots pages with the organisation, assessment, date, methodology and Chromium's own page count", () => {
    const css = footerCss({ organisation: "Mainfeld Maschinenbau AG", assessmentId: "a1", assessmentDate: "2026-12-02", methodologyVersion: "2026.11-1" });
    expect(css).toContain('@bottom-left { content: "Mainfeld Maschinenbau AG · Assessment a1 · 2026-12-02 · Methodology 2026.11-1";');
    expect(css).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(css).not.toContain("counter-increment");
  });

  it("numbers a part from its first page and prints the joined report's total", () => {
    const css = footerCss({ organisation: "O", assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" }, { first: 18, total: 130 });
    expect(css).toContain('content: "Page " counter(page) " of " "130";');
    expect(css).toContain("@page { counter-increment: page 1; }");
    expect(css).toContain("@page :first { counter-increment: page 18; }");
    // The first part starts at 1 as Chromium does by itself.
    expect(footerCss({ organisation: "O", assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" }, { first: 1, total: 130 })).not.toContain("counter-increment");
  });

  it("escapes what the organisation typed, so a name can neither end the CSS string nor the <style> element", () => {
    expect(cssString(`Acme "Q" \\ Co`)).toBe(`"Acme \\000022Q\\000022 \\00005c Co"`);
    const css = footerCss({ organisation: `</style><img src=x onerror="alert(1)">\nCo`, assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" });
    expect(css).not.toMatch(/[<>]/);
    expect(css).toContain("\\00003c/style\\00003e\\00003cimg src=x onerror=\\000022alert(1)\\000022\\00003e Co");
  });

  it("accepts a part's query only whole and consistent", () => {
    expect(REPORT_PART_QUERY.parse({ part: "main", first: "1", total: "40" })).toEqual({ part: "main", first: 1, total: 40 });
    expect(REPORT_PART_QUERY.parse({ part: "inventory", from: "140", to: "280", first: "41", total: "130" })).toEqual({ part: "inventory", from: 140, to: 280, first: 41, total: 130 });
    for (const bad of [
      { part: "cover", first: "1", total: "2" },
      { part: "main", first: "3", total: "2" },
      { part: "main", first: "0", total: "2" },
      { part: "main", first: "1.5", total: "2" },
      { part: "inventory", from: "5", to: "5", first: "1", total: "2" },
      { part: "inventory", first: "1", total: "2" },
      { part: "main", first: "x", total: "2" },
    ])
      expect(REPORT_PART_QUERY.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("splits a long inventory into the main part and slices of AI systems, and keeps a short one whole", () => {
    expect(reportParts(30, 140, 30)).toBeNull();
    expect(reportParts(300, 140, 30)).toEqual([
      { part: "main" },
      { part: "inventory", from: 0, to: 140 },
      { part: "inventory", from: 140, to: 280 },
      { part: "inventory", from: 280, to: 300 },
    ]);
    const search = new URLSearchParams(partSearch({ part: "inventory", from: 140, to: 280 }, { first: 41, total: 130 }));
    expect(REPORT_PART_QUERY.parse(Object.fromEntries(search))).toEqual({ part: "inventory", from: 140, to: 280, first: 41, total: 130 });
  });

  it("finds pdfunite, which joins the parts, on this machine, and says how to install it where it is missing", () => {
    expect(pdfuniteProblem()).toBeNull();
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent/bin";
    try {
      expect(pdfuniteProblem()).toContain("apt-get install -y poppler-utils");
    } finally {
      process.env.PATH = path;
    }
  });

  it("says how to install Chromium or where to point CHROMIUM_PATH", () => {
    const message = chromiumMissingMessage("/opt/none/chromium");
    expect(message).toContain("/opt/none/chromium");
    expect(message).toContain("apt-get install -y chromium");
    expect(message).toContain("CHROMIUM_PATH");
  });
});
