import { expect, test, type Page } from "@playwright/test";
import { DEMO, currentAssessmentId, signIn } from "./support/demo";
import { METHODOLOGY_VERSION } from "../scoring/version";

const SECTIONS = [
  "Executive summary",
  "Key figures",
  "Vendor sovereignty",
  "Where the exposure sits",
  "Scenario results",
  "Top risks",
  "Remediation plan",
  "Trend",
  "Appendix A: Methodology and sources",
  "Appendix B: Inventory",
];

/**
 * In the report as printed (print media, the paper's printable width), every word of the vendor
 * table, the plan and the scenario tables on one line and inside its cell: no "SOVEREIG/NTY",
 * "dependenc/y" or "2027-02-/04". A break after a hyphen, slash, dot or underscore is a line break
 * the text offers, not a word broken; the appendix's URLs may break anywhere.
 */
async function wordsBrokenOnPaper(page: Page, printableWidth: number): Promise<string[]> {
  await page.setViewportSize({ width: printableWidth, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const found = await page.evaluate(() => {
    const out: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('.board-report table[data-testid="vendor-table"], .board-report [data-testid="report-plan"] table, .board-report [data-testid="report-scenario"] table')) {
      for (const cell of table.querySelectorAll<HTMLElement>("th, td")) {
        if (cell.scrollWidth > cell.clientWidth + 1) out.push(`wider than its cell: "${cell.textContent?.trim().slice(0, 40)}"`);
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (const m of (n.textContent ?? "").matchAll(/[^\s\-/._]+/g)) {
            const range = document.createRange();
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(`broken: "${m[0]}"`);
          }
        }
      }
    }
    return out;
  });
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1280, height: 720 });
  return found;
}

test("the owner reads the board report of an assessment in the browser before printing: every section, the vendor table, scenarios, the plan, the methodology and drawn charts", async ({ page }) => {
  test.setTimeout(180_000); // a freeze, a report with scenario simulations and charts on a shared 2-core machine
  await signIn(page, DEMO.owner);

  // Freeze an assessment if the organisation has none yet (earlier journeys may have frozen some).
  const assessmentId = await currentAssessmentId(page, "mainfeld");
  await page.goto(`/mainfeld/scores/assessments/${assessmentId}`);

  // The assessment links to its board report.
  await page.getByRole("link", { name: "Board report" }).click();
  await expect(page).toHaveURL(new RegExp(`/mainfeld/reports/preview/${assessmentId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Board report preview" })).toBeVisible();
  const report = page.getByRole("article", { name: /^Board report: Mainfeld/ });

  // The page claims to be ready only once the charts have drawn real marks.
  const sheet = page.locator("[data-report-ready]");
  await expect(sheet).toHaveAttribute("data-report-ready", "true", { timeout: 30_000 });
  await expect(sheet).toHaveAttribute("data-paper", "a4");
  await expect(report.getByTestId("dimension-radar-chart").locator(".recharts-radar-polygon").first()).toBeVisible();
  await expect(report.getByTestId("concentration-vendor-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(report.getByTestId("score-trend-chart").locator(".recharts-dot, .recharts-line-curve").first()).toBeVisible();

  // Cover and every section, in order.
  await expect(report.getByRole("heading", { level: 1 })).toContainText("AI sovereignty and resilience");
  await expect(report.getByRole("region").filter({ has: page.locator(":scope > header") }).locator(":scope > header").getByRole("heading", { level: 2 })).toHaveText(SECTIONS);

  // Executive summary in plain words, traced key figures.
  await expect(report.getByTestId("executive-summary")).toContainText(/Mainfeld Maschinenbau AG's dependence on AI it does not control is rated (Very Low|Low|Medium|High|Very High) \(\d+\.\d of 100/);
  await expect(report.getByTestId("key-figures").getByRole("term")).toHaveCount(8);
  await expect(report.getByTestId("key-figures")).toContainText(`Assessment ${assessmentId.slice(0, 8)} · organisation score, as frozen`);
  await expect(report).not.toContainText(/\b(results|inputs|landscape)\.[a-z]+/);
  // No document keys in the engine's sentences either: fallbacks and models by name.
  await expect(report).not.toContainText(/\/fallback-\d| -> /);
  // The plan says it is not frozen, unlike the scores the cover speaks of.
  await expect(report.locator('section[data-section="report-plan"]')).toContainText("the plan as it stood when the report was generated");
  // On paper the map does not ask to be pointed at.
  await page.emulateMedia({ media: "print" });
  await expect(report.getByText("Point at a circle, square or line for its figures.")).toBeHidden();
  await expect(report.getByText("The tables below give each country's figures.")).toBeVisible();
  await page.emulateMedia({ media: null });

  // The vendor table has a row per vendor, weakest first, each with a rating.
  const vendorRows = report.getByRole("table", { name: /Vendor sovereignty/ }).locator("tbody tr");
  expect(await vendorRows.count()).toBeGreaterThan(1);
  await expect(vendorRows.first().getByRole("cell").nth(2)).toHaveText(/^(Very Low|Low|Medium|High|Very High)$/);

  // A saved scenario, simulated on the frozen inventory.
  const scenario = report.getByRole("article", { name: "OpenAI blocked for Germany and France" });
  await expect(scenario).toBeVisible();
  await expect(scenario).toContainText("Assumes: OpenAI blocked for users in Germany and France");
  await expect(scenario.getByRole("table", { name: "Affected systems, largest impact first" }).locator("tbody tr").first()).toBeVisible();
  // Each scenario's chart is labelled by its own caption: no element id is used twice in the report.
  await expect(scenario.getByRole("figure", { name: "Affected systems by criticality and recovery" })).toBeAttached();
  const ids = await report.locator("[id]").evaluateAll((elements) => elements.map((e) => e.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);

  // Top risks carry the engine's sentence, factor and sources.
  await expect(report.getByTestId("top-risks").locator("li").first()).toContainText(/^R1/);
  await expect(report.getByTestId("top-risks").locator("li").first()).toContainText("Factor");

  // The plan: an action with its owner.
  const action = report.getByTestId("report-plan").getByRole("row", { name: /Add a non-US fallback for the customer support assistant/ });
  await expect(action).toContainText("Jonas Weber");

  // Methodology appendix names the version; the inventory appendix lists the AI systems.
  await expect(report.getByTestId("appendix-methodology-version")).toHaveText(METHODOLOGY_VERSION);
  await expect(report.getByTestId("report-methodology-version")).toHaveText(METHODOLOGY_VERSION);
  await expect(report.getByTestId("appendix-inventory").getByRole("rowheader", { name: /Customer support assistant/ })).toBeVisible();

  // On A4 (210 mm less 2 x 16 mm margins: 673 px), no word of its tables breaks.
  expect(await wordsBrokenOnPaper(page, 673)).toEqual([]);

  // US Letter: the same report on the other paper (216 mm less the margins: 695 px).
  await page.getByRole("navigation", { name: "Paper size" }).getByRole("link", { name: "US Letter" }).click();
  await expect(page.locator('[data-report-ready][data-paper="letter"]')).toHaveAttribute("data-report-ready", "true", { timeout: 30_000 });
  expect(await wordsBrokenOnPaper(page, 695)).toEqual([]);
});

test("a report of another organisation's or an unknown assessment is not found", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  const response = await page.goto("/mainfeld/reports/preview/0193a000-0000-7000-8000-000000000999");
  expect(response?.status()).toBe(404);
});
