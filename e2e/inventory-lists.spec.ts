import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

test("the CTO sorts, filters, searches and trims the AI systems list, and the link keeps the view", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory");
  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "AI systems" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/ai-systems$/);
  await expect(page.getByRole("heading", { level: 1, name: "AI systems" })).toBeVisible();
  const table = page.getByRole("table", { name: "AI systems of Mainfeld Maschinenbau AG" });
  const rows = table.locator("tbody tr");
  // Other journeys share this server and may add systems: read the counts instead of assuming them.
  const summary = page.getByText(/^Rows \d+–\d+ of \d+$/);
  const totalOf = async () => Number(/of (\d+)$/.exec((await summary.textContent()) ?? "")?.[1]);
  await expect(summary).toHaveText(/^Rows 1–(\d+) of \1$/);
  const total = await totalOf();
  expect(total).toBeGreaterThanOrEqual(12); // the demo's twelve, at least

  // Sort: the most critical first (one click on the header button).
  const criticality = table.getByRole("columnheader", { name: "Criticality" });
  await expect(criticality).toHaveAttribute("aria-sort", "none");
  await criticality.getByRole("button").click();
  await expect(page).toHaveURL(/sort=criticality\.desc/);
  await expect(criticality).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("Critical");
  // Descending is ascending reversed (decision 056): the critical systems first, by name descending
  // (other journeys may have added systems to this database, so by the demo's two, in order).
  const sorted = await rows.allInnerTexts();
  const quality = sorted.findIndex((t) => t.includes("Quality-inspection vision model"));
  const predictive = sorted.findIndex((t) => t.includes("Predictive maintenance assistant"));
  expect(quality).toBeGreaterThanOrEqual(0);
  expect(predictive).toBeGreaterThan(quality);
  expect(sorted.slice(0, predictive + 1).every((t) => t.includes("Critical"))).toBe(true);

  // Filter: high criticality only.
  await page.getByRole("group", { name: "Filters" }).getByLabel("Criticality").selectOption("high");
  await expect(page).toHaveURL(/f\.criticality=high/);
  await expect(summary).not.toHaveText(`Rows 1–${total} of ${total}`);
  await expect(summary).toHaveText(/^Rows 1–(\d+) of \1$/);
  expect(await totalOf()).toBeLessThan(total);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("High");
  // All high, so by name, descending: the demo's high systems in that order.
  const high = await rows.allInnerTexts();
  const at = (name: string) => high.findIndex((t) => t.includes(name));
  const demoHigh = ["Invoice fraud detection", "Engineering document search", "Customer support assistant", "Contract review"].map(at);
  expect(demoHigh.every((i) => i >= 0)).toBe(true);
  expect(demoHigh).toEqual([...demoHigh].sort((a, b) => a - b));

  // Search (debounced while typing).
  await page.getByLabel("Search").fill("support");
  await expect(page).toHaveURL(/q=support/);
  await expect(page.getByText("Rows 1–1 of 1")).toBeVisible();
  await expect(table.getByRole("row", { name: /Customer support assistant/ })).toBeVisible();

  // Hide a column.
  await expect(table.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  await page.locator("summary").filter({ hasText: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Owner" }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);

  // Reload: the URL is the view.
  const shared = page.url();
  await page.reload();
  expect(page.url()).toBe(shared);
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
  await expect(table.getByRole("columnheader", { name: "Criticality" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByLabel("Search")).toHaveValue("support");
  await expect(page.getByRole("group", { name: "Filters" }).getByLabel("Criticality")).toHaveValue("high");
  await expect(table.getByRole("row", { name: /Customer support assistant/ })).toBeVisible();
  await expect(rows).toHaveCount(1);

  // A small page size from a link, then the next page.
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(summary).toHaveText(`Rows 1–${total} of ${total}`);
  await page.goto(`${page.url()}&size=5`);
  await expect(summary).toHaveText(`Rows 1–5 of ${total}`);
  const firstPage = await rows.allInnerTexts();
  await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(summary).toHaveText(`Rows 6–10 of ${total}`);
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 5)}`)).toBeVisible();
  const secondPage = await rows.allInnerTexts();
  expect(secondPage).toHaveLength(5);
  expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]); // pages never overlap
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0); // still hidden
});

test("AI systems and vendors show their live rating, and sort by it with the weakest first", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  for (const [path, caption] of [
    ["ai-systems", "AI systems of Mainfeld Maschinenbau AG"],
    ["vendors", "Vendors of Mainfeld Maschinenbau AG"],
  ] as const) {
    await page.goto(`/mainfeld/inventory/${path}`);
    const table = page.getByRole("table", { name: caption });
    const header = table.getByRole("columnheader", { name: "Sovereignty today" });
    await header.getByRole("button").click();
    await expect(page).toHaveURL(/sort=score\.asc/);
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    // The score column is the first data cell after the row's name.
    const cells = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")?.textContent?.trim() ?? ""));
    const scores = cells.map((t) => /(\d+\.\d)$/.exec(t)?.[1]).filter((s): s is string => s !== undefined).map(Number);
    expect(scores.length).toBeGreaterThanOrEqual(3);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(cells[0]).toMatch(/^(Very Low|Low|Medium|High|Very High)\s*·\s*\d+\.\d$/);
    // Rows without a score (nothing depends on them) come after every scored row.
    const firstUnscored = cells.findIndex((t) => !/\d+\.\d$/.test(t));
    if (firstUnscored >= 0) expect(cells.slice(firstUnscored).every((t) => !/\d+\.\d$/.test(t))).toBe(true);
  }
});
