import { expect, test } from "@playwright/test";
import { formatDay } from "../lib/dates";
import { DEMO, signIn, signOut } from "./support/demo";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A button's accessible name: its visible text, then the action's title for screen readers. */
const named = (visible: string, title: string) => new RegExp(`^${visible}\\s*:\\s*“${escape(title)}”$`);

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("an analyst adds an engine suggestion, assigns it overdue, closes it and sees the achieved gain; a viewer reads the plan only", async ({ page }) => {
  test.setTimeout(180_000); // scoring and two users on a shared 2-core machine
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/remediation");
  await expect(page.getByRole("heading", { level: 1, name: "Remediation" })).toBeVisible();

  // The first suggestion not yet in the plan, with its expected gain.
  const first = page.getByTestId("suggestion").filter({ has: page.getByRole("button", { name: /^Add to plan\s*:\s*“.*”$/ }) }).first();
  const title = (await first.locator("p").first().innerText()).trim();
  const suggestion = page.getByTestId("suggestion").filter({ hasText: title });
  await expect(suggestion).toContainText(/Expected gain: \+\d+\.\d organisation score points/);
  await suggestion.getByRole("button", { name: named("Add to plan", title) }).click();

  const row = page.getByTestId("plan-row").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Suggested by the engine");
  await expect(row).toContainText("Nobody yet");
  await expect(suggestion).toContainText("In the plan (open)");

  // Owner and a due date five days ago, from the keyboard-friendly edit dialog.
  await row.getByRole("button", { name: `Edit “${title}”` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit action" });
  await expect(dialog).toBeVisible();
  const owner = dialog.getByLabel("Owner").locator("option", { hasText: DEMO.analyst });
  const ownerName = (await owner.innerText()).replace(/ \(.*\)$/, "");
  await dialog.getByLabel("Owner").selectOption((await owner.getAttribute("value"))!);
  await dialog.getByLabel("Due date").fill(daysAgo(5));
  await dialog.getByLabel("Priority").selectOption("high");
  await dialog.getByRole("button", { name: "Save action" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("Overdue by 5 days")).toBeVisible();
  await expect(row).toContainText(`was due ${formatDay(daysAgo(5))}`);
  await expect(row).toContainText("High");
  await expect(row).toContainText(ownerName);

  // Closing re-scores and shows the gain achieved and the organisation score's move.
  await row.getByRole("button", { name: named("Close as done", title) }).click();
  await expect(row.getByRole("status")).toContainText(/Action closed\. Gain achieved since it entered the plan: ([+−]\d+\.\d|0\.0) points\./);
  await expect(row.getByTestId("score-move")).toHaveText(/^Organisation score \d+\.\d → \d+\.\d$/);
  await expect(row).toContainText("Done");
  await expect(row.getByTestId("achieved-gain")).toHaveText(/^([+−]\d+\.\d|0\.0)$/);
  await expect(row.getByText("Overdue by 5 days")).toHaveCount(0);
  await signOut(page);

  // A viewer sees the plan, overdue actions included, and cannot change it.
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/remediation");
  await expect(page.getByText("You can read the plan. Owners and analysts add, change and close actions.")).toBeVisible();
  await expect(page.getByTestId("plan-row").filter({ hasText: title })).toContainText("Done");
  await expect(page.getByTestId("plan-row").filter({ hasText: /Overdue by \d+ days?/ }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Edit “|Close as done|Add to plan|Delete$)/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add an action by hand" })).toHaveCount(0);
});
