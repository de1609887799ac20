import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./support/demo";
import { FACTORS } from "../scoring/engine/factors/types";
import { formatDay } from "../lib/dates";

const today = () => new Date().toISOString().slice(0, 10);

/** Freezes an assessment from the Assessments page and answers the new assessment's score. */
async function freeze(page: Page, note: string) {
  await page.goto("/mainfeld/scores/assessments");
  await page.getByRole("button", { name: "Freeze assessment" }).click();
  const dialog = page.getByRole("dialog", { name: "Freeze an assessment?" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Note (optional)").fill(note);
  await dialog.getByRole("button", { name: "Freeze", exact: true }).click();
  await expect(page).toHaveURL(/\/mainfeld\/scores\/assessments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Assessment of ${formatDay(today())}` })).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();
  return Number(await page.locator("#score-heading + p > span").first().innerText());
}

test("an analyst freezes an assessment, the owner removes a dependency and freezes again, and the comparison shows the move and why", async ({ page }) => {
  test.setTimeout(180_000); // two users, two freezes and a comparison on a shared 2-core machine
  await signIn(page, DEMO.analyst);
  // The demo starts with three dated assessments (before, during and after the US restriction on
  // Anthropic's models); the live score is compared with the latest.
  await page.goto("/mainfeld/scores");
  await expect(page.getByTestId("assessment-move")).toHaveText(/since the assessment of 7 Sep 2026/);
  const first = await freeze(page, "Before the supplier review");
  await expect(page.getByRole("table", { name: "Vendor sovereignty" })).toBeVisible();

  // A second freeze of the unchanged inventory is refused, and says which assessment holds it.
  await page.goto("/mainfeld/scores/assessments");
  await page.getByRole("button", { name: "Freeze assessment" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Freeze", exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText(/Nothing has changed since the assessment of/);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await signOut(page);

  // The owner removes the supplier screening's DeepSeek API dependency.
  await signIn(page, DEMO.owner);
  await page.goto("/mainfeld/inventory/ai-systems");
  await page.getByRole("link", { name: "Supplier risk screening" }).click();
  const dependency = page.getByRole("region", { name: /Dependency DeepSeek-V3 .*· Direct API/ });
  // Removing is part of editing: the quiet button sits in the dependency's edit panel.
  await dependency.locator('summary[aria-label^="Edit dependency"]').click();
  await dependency.getByRole("button", { name: "Remove dependency" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove dependency" }).click();
  await expect(dependency).toHaveCount(0);

  await page.goto("/mainfeld/scores");
  await expect(page.getByTestId("assessment-move")).toHaveText(new RegExp(`^Moved [▲▼] [+−]\\d+\\.\\d \\((up|down)\\) since the assessment of ${formatDay(today())}`));
  const second = await freeze(page, "After the supplier review");
  expect(second).not.toBe(first);

  await page.getByRole("link", { name: "Compare with previous" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare assessments" })).toBeVisible();
  const delta = page.getByTestId("organisation-delta");
  await expect(delta).toHaveText(second > first ? /▲ \+\d+\.\d/ : /▼ −\d+\.\d/);
  await expect(page.getByTestId("input-changes")).toContainText("Dependency Supplier risk screening → DeepSeek-V3 (direct API) removed");
  await expect(page.getByRole("table", { name: "AI systems" }).getByRole("row", { name: /Supplier risk screening/ })).toBeVisible();
  await expect(page.getByLabel("Before")).toHaveValue(/[0-9a-f-]{36}/);
  // Each factor that moved the score is named, then explained.
  const moved = page.getByRole("heading", { name: "Factors that moved the organisation score" }).locator("xpath=following-sibling::ul[1]").getByRole("listitem");
  const factorNames = FACTORS.map((f) => f.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  await expect(moved.first()).toContainText(new RegExp(`(${factorNames})\\. `));

  // The Scores page shows the trend across both, with its table for screen readers and print.
  await page.goto("/mainfeld/scores");
  await expect(page.getByRole("figure", { name: "Score trend across 5 assessments" })).toBeVisible();
  const trend = page.getByRole("table", { name: "Organisation score by assessment, oldest first" });
  await expect(trend.getByRole("row")).toHaveCount(6);
  await expect(trend.getByRole("row").nth(4)).toContainText(first.toFixed(1));
  await expect(trend.getByRole("row").nth(5)).toContainText(second.toFixed(1));

  // The list names who froze each one.
  await page.goto("/mainfeld/scores/assessments");
  const rows = page.getByRole("table", { name: "Assessments, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1)).toContainText("Dana Okafor");
  await expect(rows.nth(2)).toContainText("Priya Raman");
  // ... and the note each was frozen with.
  await expect(rows.nth(1)).toContainText("After the supplier review");
  await expect(rows.nth(2)).toContainText("Before the supplier review");
});

test("a viewer sees assessments but no freeze button", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/scores/assessments");
  await expect(page.getByRole("heading", { level: 1, name: "Assessments" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Freeze assessment" })).toHaveCount(0);
});
