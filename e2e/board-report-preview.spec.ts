import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";
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

test("the owner reads the board report of an assessment in the browser before printing: every section, the vendor table, scenarios, the plan, the methodology and drawn charts", async ({ page }) => {
  test.setTimeout(180_000); // a freeze, a report with scenario simulations and charts on a shared 2-core machine
  await signIn(page, DEMO.owner);

  // Freeze an assessment if the organisation has none yet (earlier journeys may have frozen some).
  await page.goto("/mainfeld/scores/assessments");
  const list = page.getByRole("table", { name: "Assessments, newest first" });
  if ((await list.count()) === 0) {
    await page.getByRole("button", { name: "Freeze assessment" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Freeze", exact: true }).click();
    await expect(page).toHaveURL(/\/mainfeld\/scores\/assessments\/[0-9a-f-]{36}$/);
  } else {
    await list.locator("tbody tr").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/mainfeld\/scores\/assessments\/[0-9a-f-]{36}$/);
  }
  const assessmentId = page.url().split("/").at(-1)!;

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
  await expect(report.getByTestId("key-figures")).toContainText(`Assessment ${assessmentId.slice(0, 8)} · results.organisation.score`);

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

  // US Letter: the same report on the other paper.
  await page.getByRole("navigation", { name: "Paper size" }).getByRole("link", { name: "US Letter" }).click();
  await expect(page.locator('[data-report-ready][data-paper="letter"]')).toHaveAttribute("data-report-ready", "true", { timeout: 30_000 });
});

test("a report of another organisation's or an unknown assessment is not found", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  const response = await page.goto("/mainfeld/reports/preview/0193a000-0000-7000-8000-000000000999");
  expect(response?.status()).toBe(404);
});
