import { describe, expect, it } from "vitest";
import { chromiumMissingMessage, countPdfPages, qpdfProblem } from "./renderer";
import { accessSync, constants } from "node:fs";
import { HEADLESS_SHELL_PATH, reportChromiumPath } from "@/lib/runtime/chromium";
import { cssString, footerCss, PAGE_CONTENT_MM, pageNumbersHtml, partSearch, PRINT_VIEWPORT, REPORT_PART_QUERY, reportParts } from "./report-footer";

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

  it("leaves the numbers out of a part's footer, and prints them alone on as many pages as the joined report", () => {
    const css = footerCss({ organisation: "O", assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" }, false);
    expect(css).toContain('@bottom-left { content: "O · Assessment a · d · Methodology m";');
    expect(css).not.toContain("counter(");
    const html = pageNumbersHtml("letter", 130);
    expect(html).toContain("@page { size: letter; margin: 16mm 16mm 24mm 16mm; @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);");
    expect(html.match(/<div><\/div>/g)).toHaveLength(130);
    expect(html).not.toContain("@bottom-left");
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => pageNumbersHtml("a4", bad)).toThrow(/not a page count/);
  });

  it("escapes what the organisation typed, so a name can neither end the CSS string nor the <style> element", () => {
    expect(cssString(`Acme "Q" \\ Co`)).toBe(`"Acme \\000022Q\\000022 \\00005c Co"`);
    const css = footerCss({ organisation: `</style><img src=x onerror="alert(1)">\nCo`, assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" });
    expect(css).not.toMatch(/[<>]/);
    expect(css).toContain("\\00003c/style\\00003e\\00003cimg src=x onerror=\\000022alert(1)\\000022\\00003e Co");
  });

  it("accepts a part's query only whole and consistent", () => {
    expect(REPORT_PART_QUERY.parse({ part: "main" })).toEqual({ part: "main" });
    expect(REPORT_PART_QUERY.parse({ part: "inventory", from: "140", to: "280" })).toEqual({ part: "inventory", from: 140, to: 280 });
    for (const bad of [{ part: "cover" }, { part: "inventory", from: "5", to: "5" }, { part: "inventory", from: "6", to: "5" }, { part: "inventory" }, { part: "inventory", from: "1.5", to: "3" }, { part: "inventory", from: "-1", to: "3" }, { part: "inventory", from: "x", to: "3" }])
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
    const search = new URLSearchParams(partSearch({ part: "inventory", from: 140, to: 280 }));
    expect(REPORT_PART_QUERY.parse(Object.fromEntries(search))).toEqual({ part: "inventory", from: 140, to: 280 });
  });

  it("finds qpdf, which joins the parts and numbers their pages, on this machine, and says how to install it where it is missing", () => {
    expect(qpdfProblem()).toBeNull();
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent/bin";
    try {
      expect(qpdfProblem()).toContain('"apt-get install -y qpdf"');
    } finally {
      process.env.PATH = path;
    }
  });

  it("prints with CHROMIUM_PATH when it is set, else with the headless shell where it is installed, else with /usr/bin/chromium", () => {
    const saved = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = "/opt/custom/chromium";
      expect(reportChromiumPath()).toBe("/opt/custom/chromium");
      delete process.env.CHROMIUM_PATH;
      let shellInstalled = true;
      try {
        accessSync(HEADLESS_SHELL_PATH, constants.X_OK);
      } catch {
        shellInstalled = false;
      }
      expect(reportChromiumPath()).toBe(shellInstalled ? "/usr/lib/chromium/chromium-headless-shell" : "/usr/bin/chromium");
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it("opens the report in a window one page's content wide and high: the paper less the margins, in CSS pixels", () => {
    // A4 210 x 297 mm and Letter 215.9 x 279.4 mm, less 16 mm at each side, 16 mm at the top and 24 mm at the bottom.
    expect(PRINT_VIEWPORT.a4).toEqual({ width: Math.ceil((178 * 96) / 25.4), height: Math.ceil((257 * 96) / 25.4) });
    expect(PRINT_VIEWPORT.letter).toEqual({ width: Math.ceil((183.9 * 96) / 25.4), height: Math.ceil((239.4 * 96) / 25.4) });
    expect(PRINT_VIEWPORT.a4.width).toBe(673);
    // The same box in millimetres: the report's layout width (components/reports/board-report.tsx).
    expect(PAGE_CONTENT_MM).toEqual({ a4: { width: 178, height: 257 }, letter: { width: 183.9, height: 239.4 } });
  });

  it("says how to install Chromium or where to point CHROMIUM_PATH", () => {
    const message = chromiumMissingMessage("/opt/none/chromium");
    expect(message).toContain("/opt/none/chromium");
    expect(message).toContain('"apt-get install -y chromium-headless-shell"');
    expect(message).toContain('"apt-get install -y chromium"');
    expect(message).toContain("CHROMIUM_PATH");
  });
});
