import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

test("an editor adds a data flow from an office to a vendor, edits it, sees a field error inline, and deletes it", async ({ page }) => {
  test.slow(); // each save re-scores the demo organisation: slow on a busy 2-core machine
  const name = `Quality reports to Mistral ${Date.now().toString(36)}`;
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/data-flows");
  await page.getByRole("link", { name: "Add data flow" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add data flow" })).toBeVisible();

  // Sent half filled in: every missing field says so next to itself, and the name stays.
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Add data flow" }).click();
  await expect(page.getByText("Choose the vendor that receives the data")).toBeVisible();
  await expect(page.getByText("Choose at least one data category")).toBeVisible();
  await expect(page.getByLabel("Origin office")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue(name);

  // The rest from the keyboard: selects take their option's first letters, checkboxes Space, Enter sends.
  await expect(page.getByRole("radio", { name: "An office" })).toBeChecked();
  await page.getByLabel("Origin office").selectOption({ label: "Frankfurt HQ" });
  await page.getByLabel("Vendor that receives it").selectOption({ label: "Mistral AI" });
  await page.getByLabel("Processed in").selectOption("FR");
  await page.getByRole("checkbox", { name: "Internal" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Internal" })).toBeChecked();
  await page.getByLabel("Transfer mechanism").selectOption("not_required");
  await page.getByLabel("Region").fill("Paris");
  await page.getByLabel("Region").press("Enter");

  await expect(page).toHaveURL(/\/mainfeld\/inventory\/data-flows\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Office: Frankfurt HQ" })).toBeVisible();
  await expect(page.getByText(/Not counted in the scores yet/)).toBeVisible();

  // In the list, its name links back to it.
  await page.goto(`/mainfeld/inventory/data-flows?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row", { name: new RegExp(`${name}.*Frankfurt HQ.*Mistral AI.*France · Paris`) });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // A dependency on an OpenAI model cannot carry data to Mistral: the server says so at the vendor.
  const dependency = page.getByLabel("Model dependency that carries it");
  const gpt = await dependency.locator("option", { hasText: "GPT-" }).first().getAttribute("value");
  await dependency.selectOption(gpt!);
  await page.getByLabel("Encryption").selectOption("customer_managed_keys");
  await page.getByRole("button", { name: "Save data flow" }).click();
  await expect(page.getByText("Choose the vendor of the dependency's model or the cloud that hosts it")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Vendor that receives it")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Encryption")).toHaveValue("customer_managed_keys"); // nothing typed is lost

  await page.getByLabel("Model dependency that carries it").selectOption("");
  await page.getByRole("button", { name: "Save data flow" }).click();
  await expect(page.getByText("Data flow saved.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("definition").filter({ hasText: "Customer-managed keys" })).toBeVisible();

  // Deleting asks first and says what stays.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toContainText("Only this data flow is deleted: Frankfurt HQ and Mistral AI stay.");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/data-flows$/, { timeout: 30_000 });
  await page.goto(`/mainfeld/inventory/data-flows?q=${encodeURIComponent(name)}`);
  await expect(page.getByText("No data flows match the search and filters.")).toBeVisible();
});

test("choosing the dependency fills in the vendor and where the data is processed, without overwriting what was typed", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/data-flows/new");
  const dependency = page.getByLabel("Model dependency that carries it");
  const vendor = page.getByLabel("Vendor that receives it");
  const country = page.getByLabel("Processed in");
  const region = page.getByLabel("Region");

  // Through a cloud marketplace: the cloud receives the data, in the country the dependency is hosted in.
  const viaCloud = (await dependency.locator("option", { hasText: "(cloud marketplace)" }).first().textContent())!;
  await dependency.selectOption({ label: viaCloud });
  await expect(vendor.locator("option:checked")).not.toHaveText("Choose a vendor…");
  await expect(country).not.toHaveValue("");
  const cloudVendor = await vendor.locator("option:checked").textContent();

  // A region typed by hand stays when another dependency is chosen; what was filled in follows it.
  await region.fill("my own region");
  const direct = (await dependency.locator("option", { hasText: "(direct API)" }).first().textContent())!;
  await dependency.selectOption({ label: direct });
  await expect(vendor.locator("option:checked")).not.toHaveText(cloudVendor!);
  await expect(vendor.locator("option:checked")).not.toHaveText("Choose a vendor…");
  await expect(region).toHaveValue("my own region");
});
