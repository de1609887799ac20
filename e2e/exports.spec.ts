import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

// A risk officer's journey: from the Reports page, download every export of the latest
// assessment and find in each what it promises.

/** Clicks a download link and answers the saved file's name and bytes. */
async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test("the demo owner downloads the assessment workbook and the AI Act inventory, and, for the bank under DORA, the three DORA templates with their gaps", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner);
  // Exports need a frozen assessment: freeze one through the API (409 when today's already holds this inventory).
  const frozen = await page.request.post("/api/v1/orgs/mainfeld/assessments", { data: {} });
  expect([201, 409]).toContain(frozen.status());

  await page.goto("/mainfeld/reports");
  const panel = page.getByRole("region", { name: "Exports" });
  await expect(panel.getByLabel("Assessment to export")).toBeVisible();

  const book = await download(page, /Download Full assessment \(XLSX\)/);
  expect(book.fileName).toMatch(/^sovra-mainfeld-\d{4}-\d{2}-\d{2}-assessment\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(book.bytes.buffer.slice(book.bytes.byteOffset, book.bytes.byteOffset + book.bytes.byteLength) as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Vendors", "AI systems", "Dependencies", "Fallbacks", "Data flows", "Findings", "Policy events", "EU AI Act", "Methodology"]);
  expect(workbook.getWorksheet("AI systems")!.getColumn(1).values).toContain("Supplier risk screening");

  // Mainfeld does not come under DORA: its register files are not offered, and the page says why.
  await expect(panel.getByRole("link", { name: /Download DORA/ })).toHaveCount(0);
  await expect(panel.getByText("The DORA Register of Information files are offered when DORA applies to the organisation")).toBeVisible();

  const inventory = await download(page, /Download EU AI Act deployer inventory/);
  expect(inventory.fileName).toMatch(/ai-act-deployer-inventory\.csv$/);
  expect(inventory.bytes.toString("utf8")).toContain("Supplier risk screening");

  // Albion, a bank, comes under DORA: the owner (Albion's analyst) downloads its three templates and the gaps.
  expect([201, 409]).toContain((await page.request.post("/api/v1/orgs/albion-mutual/assessments", { data: {} })).status());
  await page.goto("/albion-mutual/reports");
  await expect(panel.getByText(/cells to fill in \(columns c0010, c0020/).first()).toBeVisible();
  const providers = (await download(page, /Download DORA B_05\.01/)).bytes.toString("utf8");
  expect(providers.split("\r\n")[0]).toBe("c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120");
  expect(providers).toMatch(/eba_CT:x212,eba_GA:US/);

  const contracts = (await download(page, /Download DORA B_02\.02/)).bytes.toString("utf8");
  expect(contracts.split("\r\n")[0]).toBe("c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120,c0130,c0140,c0150,c0160,c0170,c0180");
  expect(contracts).toMatch(/eba_TA:S19/);

  const assessment = (await download(page, /Download DORA B_07\.01/)).bytes.toString("utf8");
  expect(assessment.split("\r\n")[0]).toBe("c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120");
  expect(assessment).toMatch(/eba_ZZ:x9(59|60|61|62)/);

  const gaps = (await download(page, /Download DORA gaps to fill in/)).bytes.toString("utf8");
  expect(gaps).toMatch(/b_05\.01,1,c0110,/);

  // The register as supervisors receive it: Albion's LEI is recorded, so the package's checks pass
  // but for the cells Sovra cannot know, and it downloads as a draft (issue 16, decision 045).
  const pkg = page.getByRole("region", { name: "DORA Register of Information package (xBRL-CSV)" });
  await expect(pkg.getByText(/^Downloadable as a draft/)).toBeVisible();
  const zip = await download(page, /Download DORA package \(ZIP\)/);
  expect(zip.fileName).toMatch(/^2138009ALBIONDEMO842\.CON_GB_DORA010100_DORA_\d{4}-\d{2}-\d{2}_\d{17}\.zip$/);
  const files = unzipSync(new Uint8Array(zip.bytes));
  const named = (suffix: string) => strFromU8(files[Object.keys(files).find((n) => n.endsWith(suffix))!]!);
  expect(Object.keys(files).filter((n) => n.endsWith(".csv")).map((n) => n.split("/").pop()).sort()).toEqual(
    expect.arrayContaining(["FilingIndicators.csv", "parameters.csv", "b_01.01.csv", "b_05.01.csv", "b_05.02.csv", "b_07.01.csv"]),
  );
  expect(named("parameters.csv")).toContain("rs:2138009ALBIONDEMO842.CON");
  expect(JSON.parse(named("reports/report.json")).documentInfo.documentType).toBe("https://xbrl.org/2021/xbrl-csv");

  // The same files through the public API, as a scheduler would fetch them (here with the session).
  const api = await page.request.get("/api/v1/orgs/mainfeld/exports/dora/b_07.01");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await api.text()).split("\r\n")[0]).toBe("c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120");
  const workbookApi = await page.request.get("/api/v1/orgs/mainfeld/exports/assessment.xlsx");
  expect(workbookApi.headers()["content-disposition"]).toMatch(/assessment\.xlsx"$/);
  expect((await page.request.get("/api/v1/orgs/mainfeld/exports/ai-act.csv")).status()).toBe(200);
});

test("a viewer is told that exports are made by owners and analysts", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/reports");
  await expect(page.getByRole("region", { name: "Exports" })).toContainText("made by owners and analysts");
});

test("a risk officer downloads the AI-BOM: a CycloneDX 1.6 document naming the demo's models, AI systems and their sovereignty facts", async ({ page }) => {
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/reports");
  const bom = await download(page, /Download AI-BOM \(CycloneDX JSON\)/);
  expect(bom.fileName).toMatch(/^sovra-mainfeld-\d{4}-\d{2}-\d{2}-ai-bom\.cdx\.json$/);
  const doc = JSON.parse(bom.bytes.toString("utf8")) as { bomFormat: string; specVersion: string; components: { type: string; name: string; properties?: { name: string }[] }[] };
  expect([doc.bomFormat, doc.specVersion]).toEqual(["CycloneDX", "1.6"]);
  const models = doc.components.filter((c) => c.type === "machine-learning-model");
  expect(models.length).toBeGreaterThan(3);
  expect(doc.components.filter((c) => c.type === "application").map((c) => c.name)).toContain("Supplier risk screening");
  const names = doc.components.flatMap((c) => c.properties ?? []).map((p) => p.name);
  expect(names.some((n) => n.startsWith("sovra:"))).toBe(true);
  expect(names.some((n) => n.startsWith("cdx:"))).toBe(false);
});
