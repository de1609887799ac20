import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

const today = () => new Date().toISOString().slice(0, 10);

test("an analyst builds and runs 'OpenAI blocked for EU countries', sees the blast radius and its picture, and finds it saved", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/scenarios");
  await page.getByRole("link", { name: "New scenario" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New scenario" })).toBeVisible();

  await page.getByLabel("Name").fill("OpenAI blocked for EU countries");
  const shock = page.getByRole("group", { name: "Shock 1" });
  await expect(shock.getByLabel("Kind of shock")).toHaveValue("vendor-blocked");
  await shock.getByLabel("Vendor", { exact: true }).selectOption("openai");
  await shock.getByRole("button", { name: "EU member states" }).click();
  await expect(shock.getByRole("button", { name: "EU member states" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Save and run" }).click();

  await expect(page).toHaveURL(/\/mainfeld\/scenarios\/[0-9a-f-]{36}$/, { timeout: 60_000 }); // saving runs the simulation
  await expect(page.getByRole("heading", { level: 1, name: "OpenAI blocked for EU countries" })).toBeVisible();
  await expect(page.getByText(/OpenAI blocked for users in EU member states/)).toBeVisible(); // the vendor as the inventory names it, not its key
  const table = page.getByRole("table", { name: "Affected systems, largest impact first" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
  await expect(table).not.toContainText("No system loses service");
  await expect(page.getByTestId("blast-radius-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Affected systems by criticality and recovery status" })).toBeAttached();

  // Saved with its last result.
  await page.getByRole("link", { name: "All scenarios" }).click();
  const saved = page.getByRole("row", { name: /OpenAI blocked for EU countries/ });
  await expect(saved).toBeVisible();
  await expect(saved).not.toContainText("Never");
});

test("an analyst adds a policy event, sees what changed for the organisation, and deletes it again", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/scenarios/policy-events");
  await expect(page.getByRole("table", { name: "Policy landscape, newest first" })).toContainText("Catalogue");

  await page.getByLabel("Title").fill("OpenAI withdrawn from the EU");
  await page.getByLabel("Effective date").fill(today());
  await page.getByLabel("Source").fill("https://example.test/openai-eu");
  await page.getByLabel("Kind of measure").selectOption("vendor-restriction");
  await page.getByLabel("Issued by").fill("vendor");
  await page.getByLabel("Vendors", { exact: true }).selectOption(["openai"]);
  const whom = page.getByRole("group", { name: "Whom it restricts" });
  await whom.getByRole("button", { name: "EU member states" }).click();
  // A tiered rule: blocked in the EU, licence required in Switzerland.
  await whom.getByRole("button", { name: "Add another restriction" }).click();
  await whom.getByLabel("Restriction 2: countries: country codes").fill("CH");
  await whom.getByLabel("Restriction 2: severity").selectOption("licence-required");
  await page.getByRole("button", { name: "Add policy event" }).click();

  const impact = page.getByRole("region", { name: /^What changed for / });
  await expect(impact.first()).toBeVisible({ timeout: 60_000 }); // saving re-scores twice
  await expect(impact.first()).toContainText("In force now: OpenAI withdrawn from the EU");
  await expect(impact.first().getByRole("row", { name: /AI system/ }).first()).toBeVisible();

  const row = page.getByRole("row", { name: /OpenAI withdrawn from the EU/ });
  await expect(row).toContainText("Own");
  await expect(row).toContainText("In force");

  // Editing keeps both restrictions (the form once kept only the first).
  await row.getByRole("link", { name: /^Edit / }).click();
  await expect(page.getByLabel("Restriction 2: countries: country codes")).toHaveValue("CH");
  await expect(page.getByLabel("Restriction 2: severity")).toHaveValue("licence-required");
  await expect(page.getByRole("group", { name: "Restriction 1: countries: country sets from the catalogue" }).getByRole("button", { name: "EU member states" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/mainfeld/scenarios/policy-events");
  await row.getByRole("button", { name: "Delete" }).click();
  await row.getByRole("dialog", { name: 'Delete "OpenAI withdrawn from the EU"?' }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row", { name: /OpenAI withdrawn from the EU/ })).toHaveCount(0);
});

test("a viewer reads scenarios but gets no builder or policy event form", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/scenarios");
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New scenario" })).toHaveCount(0);
  await page.goto("/mainfeld/scenarios/policy-events");
  await expect(page.getByRole("button", { name: "Add policy event" })).toHaveCount(0);
});
