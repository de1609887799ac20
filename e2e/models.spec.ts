import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";
import { formatDay } from "../lib/dates";

// The catalogue's entry for Mainfeld's Pharia model, read from the catalogue data itself.
const catalogue = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../scoring/catalogue/models.json"), "utf8")) as { models: { key: string; licence: string; source: string; asOf: string }[] };
const pharia = catalogue.models.find((m) => m.key === "aleph-alpha-pharia")!;
const unique = () => Math.random().toString(36).slice(2, 8);

test("an editor overrides a catalogue model's fact with their own source and sees it marked, the catalogue's value beside it", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/models");
  await page.getByRole("link", { name: "Pharia-1-LLM-7B-control", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pharia-1-LLM-7B-control" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Model score" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Where it is used" })).toBeVisible();
  const facts = page.getByRole("region", { name: "Catalogue facts" });
  await expect(facts).toContainText(`source: ${pharia.source}, as of ${formatDay(pharia.asOf)}`);

  // A new licence without a source of one's own is refused on the source field, the input kept.
  const licence = `PhariaAI enterprise licence ${unique()}`;
  await page.getByLabel("Licence", { exact: true }).fill(licence);
  await page.getByLabel("Source", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save model" }).click();
  await expect(page.getByText(/Give your own source: your licence differs from the catalogue/)).toBeVisible();
  await expect(page.getByLabel("Licence", { exact: true })).toHaveValue(licence);

  await page.getByLabel("Source", { exact: true }).fill("Procurement contract PC-2026-114");
  await page.getByRole("button", { name: "Save model" }).click();
  await expect(page.getByText("Model saved.")).toBeVisible();
  const row = facts.getByTestId("catalogue-fact-licence");
  await expect(row).toContainText("Override");
  await expect(row).toContainText(`Your value: ${licence} — source: Procurement contract PC-2026-114`);
  await expect(row).toContainText(`catalogue says ${pharia.licence} (${pharia.source}, as of ${formatDay(pharia.asOf)})`);
});

test("an editor adds a model under a vendor, puts it to use, and deletes it after a confirmation that says what goes with it", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/vendors");
  await page.getByRole("link", { name: "Aleph Alpha", exact: true }).click();
  const vendorModels = page.getByRole("region", { name: "Models" });
  await expect(vendorModels.getByRole("link", { name: "Pharia-1-LLM-7B-control" })).toBeVisible();
  await vendorModels.getByRole("link", { name: "Add model" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Add model" })).toBeVisible();
  await expect(page.getByLabel("Vendor").locator("option:checked")).toHaveText("Aleph Alpha");
  const name = `Pharia pilot ${unique()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Family").fill("Pharia");
  await page.getByLabel("Weights").selectOption("open");
  await page.getByLabel("Licence", { exact: true }).fill("Open Aleph License");
  await page.getByLabel("Self-hosted").check();
  await page.getByRole("button", { name: "Add model" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Where it is used" })).toContainText("No AI system depends on this model");
  const modelUrl = page.url();

  // The code assistant starts to depend on it.
  await page.goto("/mainfeld/inventory/ai-systems");
  await page.getByRole("link", { name: "Code assistant", exact: true }).click();
  const addDependency = page.getByRole("form", { name: "Add a dependency" });
  await addDependency.getByLabel("Model", { exact: true }).selectOption({ label: `${name} (Aleph Alpha, open weights)` });
  await addDependency.getByLabel("Access path").selectOption("self_hosted");
  await addDependency.getByRole("button", { name: "Add dependency" }).click();
  await expect(page.getByRole("region", { name: new RegExp(`Dependency ${name} \\(Aleph Alpha\\) · Self-hosted`) })).toBeVisible();

  await page.goto(modelUrl);
  await expect(page.getByRole("region", { name: "Where it is used" }).getByRole("link", { name: "Code assistant" })).toBeVisible();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toContainText("1 AI system dependency on this model will be deleted");
  await expect(dialog).toContainText("AI systems affected: Code assistant");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/models$/);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});
