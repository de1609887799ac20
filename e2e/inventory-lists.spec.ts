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
  await expect(page.getByText("Rows 1–12 of 12")).toBeVisible();

  // Sort: the most critical first (one click on the header button).
  const criticality = table.getByRole("columnheader", { name: "Criticality" });
  await expect(criticality).toHaveAttribute("aria-sort", "none");
  await criticality.getByRole("button").click();
  await expect(page).toHaveURL(/sort=criticality\.desc/);
  await expect(criticality).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("Predictive maintenance assistant");
  await expect(rows.first()).toContainText("Critical");

  // Filter: high criticality only.
  await page.getByRole("group", { name: "Filters" }).getByLabel("Criticality").selectOption("high");
  await expect(page).toHaveURL(/f\.criticality=high/);
  await expect(page.getByText("Rows 1–4 of 4")).toBeVisible();
  await expect(rows.first()).toContainText("Contract review");

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
  await expect(page.getByText("Rows 1–12 of 12")).toBeVisible();
  await page.goto(`${page.url()}&size=5`);
  await expect(page.getByText("Rows 1–5 of 12")).toBeVisible();
  await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Rows 6–10 of 12")).toBeVisible();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await expect(rows.first()).toContainText("Invoice fraud detection");
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0); // still hidden
});
