import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

test("the CTO adds a vendor from the catalogue with the keyboard and sees its source and date", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/vendors/new");
  const search = page.getByRole("combobox", { name: "Search the catalogue" });

  // Mainfeld already has Cohere (and a Command model): the catalogue says so and adds nothing twice.
  await search.fill("coh");
  await expect(page.getByRole("option", { name: /^Cohere · Canada · Frontier lab · 1 model/ })).toBeVisible();
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await search.press("ArrowDown"); // wraps past the only option back to it
  await search.press("Enter");
  await expect(search).toHaveAttribute("aria-expanded", "false");
  const cohere = page.getByRole("region", { name: "Cohere" });
  await expect(cohere).toContainText("Already in your inventory as Cohere");
  await expect(cohere.getByRole("checkbox", { name: /Command \(R, R\+, A\)/ })).toBeDisabled();

  // xAI is not in Mainfeld's inventory yet: add it with its one model.
  await search.fill("xa");
  await expect(page.getByRole("option", { name: /^xAI · United States/ })).toBeVisible();
  await search.press("Escape");
  await expect(search).toHaveAttribute("aria-expanded", "false");
  await search.press("ArrowDown");
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await search.press("Enter");
  const xai = page.getByRole("region", { name: "xAI" });
  await expect(xai).toContainText("https://x.ai/company, as of 30 Sep 2025");
  await xai.getByRole("checkbox", { name: /Grok/ }).check();
  await xai.getByRole("button", { name: "Add to inventory" }).click();
  await expect(xai.getByRole("status")).toContainText("Added xAI with 1 model.");

  await xai.getByRole("link", { name: "All vendors" }).click();
  await page.getByRole("link", { name: "xAI", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "xAI" })).toBeVisible();
  const facts = page.getByRole("region", { name: "Catalogue facts" });
  await expect(facts).toContainText("source: https://x.ai/company, as of 30 Sep 2025");
  await expect(facts.getByTestId("catalogue-fact-hqCountry")).toContainText("United States (https://x.ai/company, as of 30 Sep 2025)");
});
