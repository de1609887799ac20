import { expect, test } from "@playwright/test";

test("on an empty database the first visitor creates the first account and organisation", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Sovra" })).toBeVisible();

  await page.getByLabel("Your name").fill("Ada Founder");
  await page.getByLabel("Email").fill("ada@founders.example");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organisation name").fill("Founders Robotics GmbH");
  await page.getByRole("button", { name: "Create account and organisation" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByText("Choose a country (ISO 3166-1 alpha-2 code, e.g. DE)")).toBeVisible();
  await expect(page.getByText("Enter a sector")).toBeVisible();

  await page.getByLabel("Password").fill("a-long-founder-password");
  await page.getByLabel("Headquarters country").selectOption("DE");
  await page.getByLabel("Sector").fill("Robotics");
  await page.getByRole("button", { name: "Create account and organisation" }).click();
  await expect(page).toHaveURL(/\/founders-robotics-gmbh$/);
  await expect(page.getByRole("heading", { level: 1, name: "Founders Robotics GmbH" })).toBeVisible();
  await expect(page.getByText("Your role: Owner")).toBeVisible();

  // An empty organisation is not rated (the engine's 100 of nothing is no rating): a checklist instead.
  const start = page.getByRole("region", { name: "Sovereignty rating: not rated yet" });
  await expect(start).toBeVisible();
  await expect(start).toContainText("0 of 5 steps done");
  await expect(page.getByText("100.0")).toHaveCount(0);
  await expect(page.getByText("Very High")).toHaveCount(0);
  await start.getByRole("link", { name: "Record your offices" }).click();
  await expect(page).toHaveURL(/\/founders-robotics-gmbh\/inventory\/offices\/new$/);
  await page.goto("/founders-robotics-gmbh/scores");
  await expect(page.getByRole("region", { name: "Sovereignty rating: not rated yet" })).toBeVisible();
  await expect(page.getByText("100.0")).toHaveCount(0);
  await page.goto("/founders-robotics-gmbh");

  // The first-run path is closed from now on.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
});

test("the owner invites a colleague by link, who joins with the chosen role", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("ada@founders.example");
  await page.getByLabel("Password").fill("a-long-founder-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/founders-robotics-gmbh$/);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const colleague = await browser.newContext({ baseURL: new URL(link).origin });
  const other = await colleague.newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "Join Founders Robotics GmbH" })).toBeVisible();
  await other.getByLabel("Your name").fill("Grace Editor");
  await other.getByLabel("Email").fill("grace@founders.example");
  await other.getByLabel("Password").fill("grace-long-password");
  await other.getByRole("button", { name: "Create account and join" }).click();
  await expect(other).toHaveURL(/\/founders-robotics-gmbh$/);
  await expect(other.getByText("Your role: Editor")).toBeVisible();
  await colleague.close();

  await page.reload();
  await expect(page.getByRole("row", { name: /Grace Editor.*grace@founders\.example/ })).toBeVisible();
});
