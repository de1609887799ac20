import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./support/demo";

test("the demo owner signs in, sees the demo company, switches organisation and signs out", async ({ page }) => {
  await page.goto("/mainfeld");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmainfeld/);

  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill("sovra-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mainfeld$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mainfeld Maschinenbau AG" })).toBeVisible();
  await expect(page.getByText("Your role: Owner")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sovereignty rating" })).toBeVisible();
  await expect(page.getByText(/^(Very Low|Low|Medium|High|Very High)$/).first()).toBeVisible();
  const navigation = page.getByRole("navigation", { name: "Main" });
  for (const area of ["Overview", "Inventory", "Scores", "Scenarios", "Remediation", "Reports", "Settings"]) {
    await expect(navigation.getByRole("link", { name: area })).toBeVisible();
  }

  await page.getByRole("combobox", { name: "Organisation" }).selectOption({ label: "Albion Mutual Bank plc · Analyst" });
  await expect(page).toHaveURL(/\/albion-mutual$/);
  await expect(page.getByRole("heading", { level: 1, name: "Albion Mutual Bank plc" })).toBeVisible();
  await expect(page.getByText("Your role: Analyst")).toBeVisible();

  // Switching keeps the area: from one vendor's page in Albion to Mainfeld's vendor list.
  await page.goto("/albion-mutual/inventory/vendors");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/albion-mutual\/inventory\/vendors\/[0-9a-f-]{36}$/);
  await page.getByRole("combobox", { name: "Organisation" }).selectOption({ label: "Mainfeld Maschinenbau AG · Owner" });
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/vendors$/);
  await expect(page.getByRole("heading", { level: 1, name: "Vendors" })).toBeVisible();

  await signOut(page);
  await page.goto("/mainfeld");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an analyst can read the inventory but cannot reach the editor-only action", async ({ page }) => {
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/inventory/offices");
  await expect(page.getByRole("heading", { level: 1, name: "Offices and teams" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Frankfurt/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add office" })).toHaveCount(0);

  await page.goto("/mainfeld/inventory/offices/new");
  await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
  await expect(page.getByLabel("City")).toHaveCount(0);
});

test("an editor adds an office, sees field errors first, and the list shows it", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/offices/new");
  await page.getByLabel("Name").fill("Kraków shared services");
  await page.getByLabel("City").fill("Kraków");
  await page.getByLabel("Headcount").fill("-5");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page.getByText("Choose a country (ISO 3166-1 alpha-2 code, e.g. DE)")).toBeVisible();
  await expect(page.getByText("Cannot be negative")).toBeVisible();
  await expect(page.getByLabel("City")).toHaveValue("Kraków"); // nothing typed is lost

  await page.getByLabel("Country").selectOption("PL");
  await page.getByLabel("Headcount").fill("85");
  await page.getByLabel("Teams").fill("Finance, IT service desk");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/offices$/);
  await expect(page.getByRole("row", { name: /Kraków shared services.*Poland.*85/ })).toBeVisible();
});

test("a wrong password gets one generic message that names neither part", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.viewer);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.viewer);

  await page.getByLabel("Email").fill("nobody@sovra.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
});

test("another organisation's pages answer 404", async ({ page }) => {
  await signIn(page, DEMO.editor); // a member of Mainfeld only
  const response = await page.goto("/albion-mutual");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a viewer sees the vendor sovereignty table with ratings and risk profiles", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/scores");
  const table = page.getByRole("table", { name: "Vendor sovereignty" });
  await expect(table).toBeVisible();
  for (const header of ["Vendor", "Model access", "Geopolitical risk profile", "Sovereignty", "Systems"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  // The rating and, in its own column, the score
  await expect(table.getByRole("row", { name: /OpenAI/ })).toContainText(/(Very Low|Low|Medium|High|Very High)\s*\d+\.\d/);
  await expect(page.getByRole("heading", { name: "What costs the most" })).toBeVisible();
});

test("the health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "ok", version: expect.any(String) });
});

test("on a projector (1280 x 720 at 150%) the content gets the width: the navigation folds into the menu", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
  const page = await context.newPage();
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/scores");
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
  const main = await page.locator("main").boundingBox();
  expect(main!.width).toBeGreaterThan(840);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("navigation", { name: "Main (mobile)" }).getByRole("link", { name: "Remediation" }).click();
  await expect(page).toHaveURL(/\/mainfeld\/remediation$/);
  await context.close();
});

test("the New organisation page, outside any organisation's shell, can still sign out", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/organisations/new");
  await expect(page.getByText(`Signed in as ${DEMO.viewer}`)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/mainfeld");
  await expect(page).toHaveURL(/\/sign-in/);
});
