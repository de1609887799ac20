import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

test("a keyboard user reaches a form's first field in two Tabs, and focus follows every answer", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/offices/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the first field" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Name")).toBeFocused();

  // Checked in the browser: focus goes to the first field in error, not to the top of the page.
  await page.keyboard.type("Frankfurt HQ");
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("City").fill("Frankfurt am Main");
  await page.getByLabel("Headcount").fill("-3");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page.getByLabel("Headcount")).toBeFocused();
  await expect(page.getByLabel("Headcount")).toHaveAttribute("aria-invalid", "true");

  // Answered by the server (the name is taken): focus lands on that field, with its message.
  await page.getByLabel("Headcount").fill("12");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page.getByText("An office with this name already exists")).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveValue("Frankfurt HQ");

  // A page without a form offers only the skip to its content.
  await page.goto("/mainfeld/scores");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Skip to the first field" })).toHaveCount(0);
});

test("the sidebar folds away for a narrow screen such as a projector, and stays folded", async ({ page }) => {
  await page.setViewportSize({ width: 1152, height: 720 }); // 1440 px at 125%
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/inventory/ai-systems");
  const main = page.locator("main");
  const sidebar = page.getByRole("navigation", { name: "Main", exact: true });
  await expect(sidebar).toBeVisible();
  const open = (await main.boundingBox())!.width;
  await page.getByRole("button", { name: "Hide menu" }).click();
  await expect(sidebar).toBeHidden();
  await expect(page.getByRole("button", { name: "Show menu" })).toHaveAttribute("aria-expanded", "false");
  expect((await main.boundingBox())!.width).toBeGreaterThanOrEqual(open + 200);

  await page.goto("/mainfeld/scores"); // another page, and a reload: still folded
  await page.reload();
  await expect(sidebar).toBeHidden();
  await page.getByRole("button", { name: "Show menu" }).click();
  await expect(sidebar).toBeVisible();
  await expect(page.getByRole("button", { name: "Hide menu" })).toHaveAttribute("aria-expanded", "true");
});

test("an AI system's page keeps a multi-line description, and its destructive buttons stay quiet until asked", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/ai-systems/new");
  await page.getByLabel("Name").fill("Tender summariser");
  await page.getByLabel("Owner").fill("Head of procurement");
  await page.getByLabel("Description").fill("Summarises public tenders.\nFlags clauses on data residency.");
  await page.getByLabel("Frankfurt HQ").check();
  await page.getByRole("button", { name: "Add AI system" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tender summariser" })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  // Two lines on screen, not one run-on line.
  const description = details.locator("dd").first();
  await expect(description).toHaveText("Summarises public tenders.\nFlags clauses on data residency.");
  expect(await description.evaluate((el) => el.getClientRects()[0]!.height / parseFloat(getComputedStyle(el).lineHeight))).toBeGreaterThanOrEqual(1.9);

  // Deleting the system: a quiet outlined button; only the dialog's confirming button is solid red.
  const remove = page.getByRole("button", { name: "Delete", exact: true });
  expect(await remove.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
  await remove.click();
  const dialog = page.getByRole("dialog", { name: "Delete Tender summariser?" });
  expect(await dialog.getByRole("button", { name: "Delete" }).evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(255, 255, 255)");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // A dependency's remove button lives in its edit panel, not beside its rating.
  const add = page.getByRole("form", { name: "Add a dependency" });
  await add.getByLabel("Model", { exact: true }).selectOption({ label: "GPT-4.1 (OpenAI, closed weights)" });
  await add.getByLabel("Access path").selectOption("direct_api");
  await add.getByRole("button", { name: "Add dependency" }).click();
  const dependency = page.getByRole("region", { name: /Dependency GPT-4\.1 \(OpenAI\) · Direct API/ });
  await expect(dependency).toBeVisible();
  await expect(dependency.getByRole("button", { name: "Remove dependency" })).toBeHidden();
  await dependency.locator('summary[aria-label^="Edit dependency"]').click();
  await expect(dependency.getByRole("button", { name: "Remove dependency" })).toBeVisible();

  // Saving the details answers where the keyboard is.
  await details.getByText("Edit details").click();
  await details.getByLabel("Users served").fill("40");
  await details.getByRole("button", { name: "Save AI system" }).click();
  await expect(details.getByRole("status").filter({ hasText: "AI system saved." })).toBeFocused();
  await expect(details.getByText("40", { exact: true })).toBeVisible();
});
