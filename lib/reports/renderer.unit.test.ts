import { describe, expect, it } from "vitest";
import { chromiumMissingMessage, countPdfPages, footerTemplate } from "./renderer";

describe("the report renderer's helpers", () => {
  it("counts pages from the page tree's root /Count, whichever order its keys come in", () => {
    const pdf = (body: string) => new TextEncoder().encode(`%PDF-1.4\n${body}\n%%EOF`);
    expect(countPdfPages(pdf("1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj 3 0 obj << /Type /Page >> endobj"))).toBe(2);
    expect(countPdfPages(pdf("1 0 obj << /Count 7 /Kids [2 0 R] /Type /Pages >> endobj 2 0 obj << /Type /Pages /Count 3 >> endobj"))).toBe(7);
  });

  it("counts page objects when no page tree says how many", () => {
    expect(countPdfPages(new TextEncoder().encode("<< /Type /Page >> << /Type/Page >> << /Type /Pages >>"))).toBe(2);
  });

  it("foots pages with the organisation, assessment, date, methodology and Chromium's page number fields", () => {
    const html = footerTemplate({ organisation: "Mainfeld Maschinenbau AG", assessmentId: "a1", assessmentDate: "2026-12-02", methodologyVersion: "2026.11-1" });
    for (const part of ["Mainfeld Maschinenbau AG", "Assessment a1", "2026-12-02", "Methodology 2026.11-1", '<span class="pageNumber"></span> of <span class="totalPages"></span>']) expect(html).toContain(part);
  });

  it("escapes what the organisation typed, so a name cannot inject markup into the footer", () => {
    const html = footerTemplate({ organisation: `<img src=x onerror="alert(1)"> & Co`, assessmentId: "a", assessmentDate: "d", methodologyVersion: "m" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; Co");
  });

  it("says how to install Chromium or where to point CHROMIUM_PATH", () => {
    const message = chromiumMissingMessage("/opt/none/chromium");
    expect(message).toContain("/opt/none/chromium");
    expect(message).toContain("apt-get install -y chromium");
    expect(message).toContain("CHROMIUM_PATH");
  });
});
