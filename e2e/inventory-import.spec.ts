import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

/** A small workbook with two new offices; the second one's country is `porto`. */
async function officesWorkbook(porto: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Offices").addRows([
    ["Name", "Country", "Headcount", "Teams"],
    ["E2E Lisbon lab", "PT", 12, "Research"],
    ["E2E Porto lab", porto, 8, "Research; Support"],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Every AI system of an organisation with its rating cell, as its list shows them ("name: rating"). */
async function aiSystemRatings(page: Page, slug: string): Promise<string[]> {
  await page.goto(`/${slug}/inventory/ai-systems?size=100`);
  const table = page.getByRole("table", { name: /^AI systems of / });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => `${tr.querySelector("th")?.textContent?.trim()}: ${tr.querySelector("td")?.textContent?.trim()}`));
}

test("the CTO imports a workbook: a bad row is refused with its sheet and row named, the fixed file is imported", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory");
  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "Import / export" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import and export" })).toBeVisible();

  // The template downloads as a workbook.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download empty template (XLSX)" }).click();
  expect((await download).suggestedFilename()).toBe("sovra-inventory-template.xlsx");

  // One bad row: nothing can be imported, the problem names sheet, row and column.
  await page.getByLabel("File to import").setInputFiles({ name: "offices.xlsx", mimeType: xlsx, buffer: await officesWorkbook("XX") });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("The file has 1 problem; nothing can be imported")).toBeVisible();
  const problems = page.getByRole("table", { name: /Problems in the file/ });
  const problem = problems.getByRole("row").filter({ hasText: 'found "XX"' });
  await expect(problem.getByRole("cell")).toHaveText(["Offices", "3", "Country", /Country must be a country: its name in English or its ISO code/]);
  await expect(page.getByRole("button", { name: "Confirm import" })).toBeDisabled();

  // Fixed: the preview shows two new offices, confirming imports them.
  await page.getByLabel("File to import").setInputFiles({ name: "offices.xlsx", mimeType: xlsx, buffer: await officesWorkbook("PT") });
  await page.getByRole("button", { name: "Check file" }).click();
  const plan = page.getByRole("table", { name: "What the import will do" });
  await expect(plan.getByRole("row", { name: /Offices/ }).getByRole("cell")).toHaveText(["2", "0", "0"]);
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText("Imported offices.xlsx")).toBeVisible();
  await expect(page.getByText("2 new, 0 changed, 0 unchanged.")).toBeVisible();

  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "Offices" }).click();
  await expect(page.getByRole("row", { name: /E2E Porto lab/ })).toBeVisible();
});

test("an analyst may export the inventory but is not offered the import, which the server refuses too", async ({ page }) => {
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/inventory/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import and export" })).toBeVisible();
  const importCard = page.getByRole("region", { name: "Import" });
  await expect(importCard).toContainText("editors and owners of the organisation do it");
  await expect(page.getByLabel("File to import")).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download document (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const refused = await page.request.post("/mainfeld/inventory/import/upload", { headers: { origin: new URL(page.url()).origin }, multipart: { intent: "preview", file: { name: "offices.csv", mimeType: "text/csv", buffer: Buffer.from("name,country,city\nLyon,FR,Lyon\n") } } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("Cross-site"); // refused for the role, not the origin
});

test("the owner moves a baseline into a new organisation: its workbook export imports there, and every AI system scores the same", async ({ page }) => {
  await signIn(page, DEMO.owner);
  const ratings = (slug: string) => aiSystemRatings(page, slug);
  const before = await ratings("mainfeld");
  expect(before.filter((r) => /\d+\.\d$/.test(r)).length).toBeGreaterThanOrEqual(10);

  await page.goto("/mainfeld/inventory/import");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download workbook (XLSX)" }).click()]);
  const workbook = { name: download.suggestedFilename(), mimeType: xlsx, buffer: await readFile(await download.path()) };
  expect(workbook.name).toMatch(/\.xlsx$/);

  await page.goto("/organisations/new");
  await page.getByLabel("Name").fill(`Mainfeld restore ${Date.now()}`);
  await page.getByLabel("Headquarters country").selectOption("DE");
  await page.getByLabel("Sector").fill("Manufacturing");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.waitForURL((url) => url.pathname !== "/organisations/new");
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  expect(slug).not.toBe("mainfeld");

  await page.goto(`/${slug}/inventory/import`);
  await page.getByLabel("File to import").setInputFiles(workbook);
  await page.getByRole("button", { name: "Check file" }).click();
  const plan = page.getByRole("table", { name: "What the import will do" });
  await expect(plan.getByRole("row", { name: /AI systems/ }).getByRole("cell").first()).toHaveText(String(before.length));
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText(/^Imported /)).toBeVisible();

  expect(await ratings(slug)).toEqual(before);
});

test("the owner moves Mainfeld into a new organisation through its AI-BOM: the CycloneDX file imports back exactly; another tool's BOM lists what it cannot map", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner);
  const ratings = (slug: string) => aiSystemRatings(page, slug);
  const before = await ratings("mainfeld");

  await page.goto("/mainfeld/reports");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download AI-BOM (CycloneDX JSON)" }).click()]);
  const bom = { name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile(await download.path()) };

  await page.goto("/organisations/new");
  await page.getByLabel("Name").fill(`Mainfeld from its BOM ${Date.now()}`);
  await page.getByLabel("Headquarters country").selectOption("DE");
  await page.getByLabel("Sector").fill("Manufacturing");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.waitForURL((url) => url.pathname !== "/organisations/new");
  const slug = new URL(page.url()).pathname.split("/")[1]!;

  await page.goto(`/${slug}/inventory/import`);
  await page.getByLabel("File to import").setInputFiles(bom);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/A CycloneDX 1\.6 BOM made by Sovra/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Not mapped/ })).toHaveCount(0);
  const plan = page.getByRole("table", { name: "What the import will do" });
  await expect(plan.getByRole("row", { name: /AI systems/ }).getByRole("cell").first()).toHaveText(String(before.length));
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText(/^Imported /)).toBeVisible();
  expect(await ratings(slug)).toEqual(before);

  // A model card made by another tool: what Sovra cannot place is listed, not dropped.
  await page.goto(`/${slug}/inventory/import`);
  await page.getByLabel("File to import").setInputFiles("lib/inventory/fixtures/cyclonedx/model-card-with-dataset.cdx.json");
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(/A CycloneDX 1\.7 BOM/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Not mapped/ }).locator("tbody tr")).not.toHaveCount(0);
});
