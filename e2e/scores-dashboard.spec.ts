import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

const COLUMNS = ["Vendor", "Model access", "Geopolitical risk profile", "Sovereignty rating", "Score", "Systems depending", "Tested fallback"];

test("a viewer reads the Scores dashboard: the vendor table, each chart with its table, and the heat map's links to systems", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/scores");

  // The vendor sovereignty table has every column the board expects.
  const vendors = page.getByRole("table", { name: /Vendor sovereignty/ });
  await expect(vendors.getByRole("columnheader")).toHaveText(COLUMNS);
  const vendorRows = vendors.locator("tbody tr");
  const count = await vendorRows.count();
  expect(count).toBeGreaterThan(1);
  const firstRow = vendorRows.first();
  await expect(firstRow.getByRole("cell").nth(0)).toHaveText(/API-only|Cloud marketplace|Open weights/);
  await expect(firstRow.getByRole("cell").nth(1)).toHaveText(/^Controlled from .+\.$/);
  await expect(firstRow.getByRole("cell").nth(2)).toHaveText(/^(Very Low|Low|Medium|High|Very High)$/);
  await expect(firstRow.getByRole("cell").nth(3)).toHaveText(/^\d+\.\d$/);
  await expect(firstRow.getByRole("cell").nth(5)).toHaveText(/^(Yes|Partly|No)\d+ of \d+ dependenc|^Not needed/);
  const names = (await vendorRows.getByRole("rowheader").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());

  // Radar: a figure with a vendor select, and a table of every vendor's dimensions in the vendor table's order.
  const radar = page.getByRole("figure", { name: /Dimension scores per vendor/ });
  await expect(radar).toBeVisible();
  await expect(radar.getByTestId("dimension-radar-chart").locator("svg").first()).toBeVisible();
  const radarTable = radar.getByRole("table", { name: /Dimension scores \(0-100\) per vendor/ });
  await expect(radarTable.getByRole("rowheader")).toHaveText([...names, "Organisation"]);
  await expect(radarTable.getByRole("columnheader")).toHaveText(["Vendor", "Access type", "Jurisdiction exposure", "Fallback readiness", "Concentration"]);
  const select = radar.getByLabel("Vendor");
  await expect(select.locator("option")).toHaveCount(count);
  const secondKey = await select.locator("option").nth(1).getAttribute("value");
  await select.selectOption(secondKey!);
  await expect(radar.getByTestId("dimension-radar-chart")).toContainText(names[1]!); // the legend names the chosen vendor

  // Concentration: three figures, each with its table; a vendor's dependencies agree with the vendor table.
  for (const name of ["By vendor", "By cloud operator", "By jurisdiction"]) {
    const figure = page.getByRole("figure", { name: new RegExp(`^${name}`) });
    await expect(figure).toBeVisible();
    await expect(figure.locator("svg").first()).toBeVisible();
    await expect(figure.getByRole("table")).toHaveCount(1);
  }
  const byVendor = page.getByRole("figure", { name: /^By vendor/ }).getByRole("table");
  await expect(byVendor.getByRole("columnheader")).toHaveText(["Vendor", "Dependencies", "Share of dependencies", "Criticality-weighted share"]);
  // A vendor whose fallback cell counts all its dependencies (none on open weights held) has that many in the chart's table.
  let checked = 0;
  for (let i = 0; i < count && checked === 0; i++) {
    const fallback = await vendorRows.nth(i).getByRole("cell").nth(5).innerText();
    const m = fallback.match(/(\d+) of (\d+) dependenc(?:y|ies)$/);
    if (!m) continue;
    const bar = byVendor.getByRole("row", { name: new RegExp(`^${names[i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\d`) });
    if ((await bar.count()) === 0) continue; // folded into "Other"
    await expect(bar.getByRole("cell").first()).toHaveText(m[2]!);
    checked++;
  }
  expect(checked).toBe(1);

  // Heat map: criticality rows x rating columns; each system counted once; a cell links to its system.
  const heat = page.getByRole("table", { name: /AI systems by criticality and sovereignty/ });
  await expect(heat.getByRole("columnheader")).toHaveText(["Very Low", "Low", "Medium", "High", "Very High"]);
  await expect(heat.getByRole("rowheader")).toHaveText(["Critical", "High", "Medium", "Low"]);
  const counts = (await heat.locator("td span.text-lg").allInnerTexts()).map(Number);
  expect(counts).toHaveLength(20);
  const links = heat.getByRole("link");
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(await links.count());
  expect(await links.count()).toBeGreaterThan(0);
  const system = await links.first().innerText();
  await links.first().click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/ai-systems\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: system })).toBeVisible();
});

test("the Scores page prints without the app's navigation and with the charts' tables", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/scores");
  await expect(page.getByRole("table", { name: /Vendor sovereignty/ })).toBeVisible();
  const sidebar = page.locator("aside");
  const actions = page.locator("main").getByRole("link", { name: "Assessments", exact: true });
  const radarTable = page.getByRole("table", { name: /Dimension scores \(0-100\) per vendor/ });
  await expect(sidebar).toBeVisible();
  await expect(actions).toBeVisible();
  // Tailwind's sr-only: taken out of the flow (position absolute) and clipped to nothing.
  const clipped = () => radarTable.evaluate((e) => getComputedStyle(e).position === "absolute" && getComputedStyle(e).clipPath !== "none");
  expect(await clipped()).toBe(true); // visually hidden on screen, read by screen readers

  await page.emulateMedia({ media: "print" });
  await expect(sidebar).toBeHidden();
  await expect(page.locator("main a", { hasText: /^Assessments$/ })).toBeHidden();
  expect(await clipped()).toBe(false);
  expect((await radarTable.boundingBox())!.width).toBeGreaterThan(200);
  const width = await page.getByRole("figure", { name: /^By vendor/ }).getByTestId("concentration-vendor-chart").evaluate((e) => e.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(640); // fits A4's printable width
});
