import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { pdfTool, withTempDir } from "../lib/testing/pdf-tools";
import { DEMO, currentAssessmentId, signIn } from "./support/demo";
import { DEMO_ORGANISATIONS } from "../prisma/seed-data";

/** A PDF outline entry as `qpdf --json` gives it. */
type Outline = { title: string; kids: Outline[] };

/** The names of Mainfeld's demo AI systems. */
const DEMO_SYSTEMS = DEMO_ORGANISATIONS.find((o) => o.slug === "mainfeld")!.aiSystems.map((s) => s.name);

// The board report job end to end: the demo owner generates the PDF from the Reports page, the
// worker in the web server renders it with Chromium, the page shows progress until it is done,
// and the downloaded PDF reads (pdftotext) with the vendor table, the scenario, the plan and the
// page footer.

/** A frozen assessment of the organisation to report on: the latest, or one frozen now when there is none. */
async function ensureAssessment(page: Page, org: string) {
  await currentAssessmentId(page, org);
  await page.goto(`/${org}/reports`);
}

/** Generates the report on `paper`, waits for its progress to finish, downloads it, and answers its text. */
async function generate(page: Page, paper: "A4" | "US Letter", stage?: RegExp) {
  await page.getByRole("radio", { name: paper }).check();
  await page.getByRole("button", { name: "Generate PDF" }).click();
  await expect(page.getByText(/The board report is being generated/)).toBeVisible();
  const progress = page.getByRole("progressbar").first();
  await expect(progress).toBeVisible();
  if (stage) await expect(page.getByText(stage).first()).toBeVisible({ timeout: 60_000 });
  // Done: the page refreshes and the newest history row is ready to download.
  const newest = page.getByRole("table", { name: "History, newest first" }).getByRole("row").nth(1);
  await expect(newest.getByText("Ready")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(newest).toContainText(paper);

  const [download] = await Promise.all([page.waitForEvent("download"), newest.getByRole("link", { name: /Download the board report/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^sovra-board-report-[a-z-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const { info, text, outline } = await withTempDir(async (dir) => {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const outline = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", file], { encoding: "utf8" })) as { outlines: Outline[] };
    return { info: pdfTool("pdfinfo", file), text: pdfTool("pdftotext", file), outline: outline.outlines };
  });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+ x [\d.]+ pts)/.exec(info)?.[1];
  await expect(newest.getByRole("cell").nth(3)).toHaveText(String(pages));
  // Reading order with whitespace collapsed: a table cell's text wrapped over two lines still reads as one phrase.
  // pdftotext ends each page with a form feed.
  const pageTexts = text.split("\f").slice(0, pages).map((p) => p.replace(/\s+/g, " "));
  return { text: text.replace(/\s+/g, " "), pageTexts, pages, size, tagged: /^Tagged:\s+yes$/m.test(info), outline };
}

/** The PDF's page size is the paper's, to within Chromium's rounding to CSS pixels (about a point). */
function expectPaper(size: string | undefined, [width, height]: [number, number]) {
  const [w, h] = (size ?? "").replace(" pts", "").split(" x ").map(Number);
  expect(Math.abs(w! - width), `width of ${size}`).toBeLessThan(1.5);
  expect(Math.abs(h! - height), `height of ${size}`).toBeLessThan(1.5);
}

test("the owner generates the board report PDF, watches its progress, downloads it, and it reads as a board report", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, DEMO.owner);
  await ensureAssessment(page, "mainfeld");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByLabel("Assessment", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  // Mainfeld has more AI systems than this server prints as one document (playwright.config.ts):
  // the main sections and slices of Appendix B are printed apart, joined and numbered.
  const a4 = await generate(page, "A4", /Printing part \d+ of \d+ · \d+%/);
  expectPaper(a4.size, [595.28, 841.89]); // 210 x 297 mm
  // The vendor table: its heading and a demo vendor.
  expect(a4.text).toContain("Vendor sovereignty");
  expect(a4.text).toContain("Mistral AI");
  // Every page is footed, numbered in order across the parts.
  expect(a4.pageTexts).toHaveLength(a4.pages);
  a4.pageTexts.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${a4.pages}`);
    expect(text, `page ${i + 1}`).toContain("Mainfeld Maschinenbau AG");
    expect(text, `page ${i + 1}`).toMatch(/Methodology \S+/);
  });

  // Every section, a saved demo scenario, a demo remediation action and the world map's table.
  for (const title of ["Executive summary", "Key figures", "Scenario results", "Top risks", "Remediation plan", "Appendix A: Methodology and sources", "Appendix B: Inventory"]) expect(a4.text).toContain(title);
  expect(a4.text).toContain("OpenAI blocked for Germany and France");
  expect(a4.text).toContain("Add a non-US fallback for the customer support assistant");
  expect(a4.text).toContain("Offices and data flows by country");
  // Appendix B, from its slices: opened once, after Appendix A, every demo AI system in it.
  expect(a4.text.split("Appendix B: Inventory")).toHaveLength(2);
  const appendixB = a4.text.slice(a4.text.indexOf("Appendix B: Inventory"));
  expect(a4.text.indexOf("Appendix A: Methodology and sources")).toBeLessThan(a4.text.indexOf("Appendix B: Inventory"));
  for (const system of DEMO_SYSTEMS) expect(appendixB, system).toContain(system);

  // Albion, where the demo owner is an analyst, has three AI systems: one document, on US Letter.
  await ensureAssessment(page, "albion-mutual");
  const letter = await generate(page, "US Letter");
  expectPaper(letter.size, [612, 792]); // 8.5 x 11 in
  expect(letter.pageTexts).toHaveLength(letter.pages);
  letter.pageTexts.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${letter.pages}`));
  expect(letter.text).toContain("Albion Mutual Bank plc");
  expect(letter.text).toContain("Appendix B: Inventory");
  // Printed as one document: tagged for screen readers, with the report's sections as its outline
  // (a scenario's blast radius under its scenario, not beside the sections).
  expect(letter.tagged).toBe(true);
  expect(letter.outline.map((o) => o.title)).toEqual(["AI sovereignty and resilience"]);
  const sections = letter.outline[0]!.kids.map((k) => k.title);
  expect(sections).toEqual(expect.arrayContaining(["Executive summary", "Vendor sovereignty", "Remediation plan", "Appendix A: Methodology and sources", "Appendix B: Inventory"]));
  expect(sections).not.toContain("Blast radius");
});
