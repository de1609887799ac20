import path from "node:path";
import { expect, test } from "@playwright/test";
import { pdfTool, withTempDir } from "../lib/testing/pdf-tools";
import { DEMO, signIn } from "./support/demo";

// Issue 12, "Switched off now": a new user signs in to the demo and, without clicking anything
// first, sees the story Sovra was conceived from on the Overview: the US restriction on Anthropic's
// models still cuts Mainfeld's Pune office off (an estimated date, marked as such), the score's
// trend across the dated assessments (before, during, after), what changed between the last two
// (the restriction was partly lifted), and the board report the demo starts with. Then the compare
// view and the vendor table say the same, and the PDF does too.

const RESTRICTION = "US export restriction on Anthropic's advanced models";
const LIFT = "US lifts the Anthropic restriction for allied nations";

test("a new user sees the active restriction, opens the trend and the compare view, and opens the demo's board report", async ({ page }) => {
  test.setTimeout(150_000); // the report is rendered in the background on the server's first start
  await signIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/mainfeld$/);

  // The Overview leads with what is switched off now.
  const banner = page.getByRole("region", { name: /Switched off now/ });
  await expect(banner).toBeVisible();
  const restriction = banner.getByTestId("restriction-in-force").filter({ hasText: RESTRICTION });
  await expect(restriction).toContainText("in force since 2 Mar 2026");
  await expect(restriction.getByText("estimated", { exact: true }).first()).toBeVisible();
  await expect(restriction).toContainText(`Partly lifted: ${LIFT}`);
  await expect(restriction).toContainText("Code assistant");
  await expect(restriction).toContainText("India");
  await expect(page.getByRole("region", { name: "Sovereignty rating" })).toContainText(`Active restriction: ${RESTRICTION}`);

  // The trend across the demo's dated history.
  const trend = page.getByRole("figure", { name: "Score trend across 3 assessments" });
  await expect(trend).toBeVisible();
  await expect(trend.getByTestId("score-trend-chart").locator(".recharts-line-curve")).toBeVisible();
  const rows = trend.getByRole("table", { name: "Organisation score by assessment, oldest first" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("16 Feb 2026");
  await expect(rows.nth(2)).toContainText("4 May 2026");
  await expect(rows.nth(3)).toContainText("7 Sep 2026");

  // What changed since the previous assessment: the restriction, first.
  const changed = page.getByRole("region", { name: "What changed since the assessment of 4 May 2026" });
  const policy = changed.getByTestId("policy-changes");
  await expect(policy).toContainText(`Partly lifted ${RESTRICTION}`);
  await expect(policy).toContainText(LIFT);

  // The compare view says the same, at length.
  await changed.getByRole("link", { name: /compar/i }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare assessments" })).toBeVisible();
  await expect(page.getByTestId("policy-changes").first()).toContainText(`Partly lifted ${RESTRICTION}`);
  await expect(page.getByRole("table", { name: "Vendors" }).getByRole("row", { name: /Anthropic/ })).toBeVisible();

  // The vendor table marks Anthropic, and only the vendors a restriction in force reaches.
  await page.goto("/mainfeld/scores");
  const vendors = page.getByRole("table", { name: /Vendor sovereignty/ });
  await expect(vendors.getByRole("row", { name: /Anthropic/ })).toContainText("Active restriction");
  await expect(vendors.getByRole("row", { name: /Mistral AI/ })).not.toContainText("Active restriction");

  // The demo's board report, rendered by the report worker when the server started.
  await expect(async () => {
    await page.goto("/mainfeld");
    await expect(page.getByRole("region", { name: "Latest board report" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });
  const latest = page.getByRole("region", { name: "Latest board report" });
  await expect(latest).toContainText("Assessment of 7 Sep 2026");
  const [download] = await Promise.all([page.waitForEvent("download"), latest.getByRole("link", { name: /Download the PDF of the board report of 7 Sep 2026/ }).click()]);
  const text = await withTempDir(async (dir) => {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return pdfTool("pdftotext", file).replace(/\s+/g, " ");
  });
  expect(text).toMatch(/Active restrictions in force on 7 September 2026/i); // a heading in capitals on paper
  expect(text).toContain(RESTRICTION);
  expect(text).toMatch(/2 March 2026 estimated/);
  expect(text).toContain(`Partly lifted: ${LIFT}`);
  // The trend marks when the restriction came and when it was partly lifted.
  expect(text).toContain("Dashed lines: Restriction, 2 March 2026 (estimated date)");
});

test("on a phone, no page of the story is wider than the screen", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.owner);
  for (const path of ["/mainfeld", "/mainfeld/scores", "/mainfeld/scores/assessments", "/mainfeld/scores/assessments/compare", "/mainfeld/scenarios/policy-events", "/mainfeld/remediation", "/mainfeld/reports"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Wide tables scroll inside their own box; text kept for screen readers must not widen the page.
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width, path).toBeLessThanOrEqual(390);
  }
});
