import { expect, test } from "@playwright/test";
import { CONSULTANT, signIn } from "./support/demo";

// The practice's read-only API (issue 15, decision 043): the demo practice's partner makes a
// practice API token, a script reads the portfolio with it, revoking it stops it at once, and the
// practice's audit trail shows both. A consultant of the practice has neither page.

const PRACTICE = "/practices/northbridge-advisory";

test("a partner makes a practice API token, a script reads the portfolio with it, revoking it stops it, and the audit trail shows both", async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = `Board dashboard ${Date.now().toString(36)}`;
  await signIn(page, CONSULTANT);
  await page.getByRole("navigation", { name: "Practice" }).first().getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  // A name is needed; the form says so and makes nothing.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Enter a name, e.g. what will use the token")).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const secretField = page.getByLabel("Practice API token");
  await expect(secretField).toHaveValue(/^sovra_pr_[A-Za-z0-9_-]{43}$/);
  const token = await secretField.inputValue();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("You");

  // A script, without the browser's session: the portfolio, every client of the practice.
  const auth = { authorization: `Bearer ${token}` };
  const portfolio = await request.get(`/api/v1${PRACTICE}/portfolio`, { headers: auth });
  expect(portfolio.status()).toBe(200);
  const body = (await portfolio.json()) as { items: { organisation: { name: string }; rating: string | null }[] };
  expect(body.items.map((i) => i.organisation.name)).toEqual(expect.arrayContaining(["Mainfeld Maschinenbau AG", "Albion Mutual Bank plc"]));
  expect(body.items.find((i) => i.organisation.name === "Mainfeld Maschinenbau AG")?.rating).toBeTruthy();
  // It opens nothing inside a client.
  const inside = await request.get("/api/v1/orgs/mainfeld/offices", { headers: auth });
  expect(inside.status()).toBe(401);

  // Revoked: refused at once, saying so.
  await page.getByRole("row", { name: new RegExp(name) }).getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke the token “${name}”?` });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
  const refused = await request.get(`/api/v1${PRACTICE}/portfolio`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("revoked");

  // The practice's audit trail: both, newest first, in words.
  await page.getByRole("navigation", { name: "Practice" }).first().getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row", { name: new RegExp(name) });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("API token revoked");
  await expect(rows.nth(1)).toContainText("API token made");
  await page.getByRole("group", { name: "Filters" }).getByLabel("What happened").selectOption({ label: "API token made" });
  await expect(page.getByRole("table").getByRole("row", { name: new RegExp(name) })).toHaveCount(1);
});

test("a consultant of the practice sees neither the API tokens nor the audit trail", async ({ page }) => {
  await signIn(page, "advisor@sovra.example");
  const nav = page.getByRole("navigation", { name: "Practice" }).first();
  await expect(nav.getByRole("link", { name: "Members and settings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit trail" })).toHaveCount(0);
  for (const path of [`${PRACTICE}/settings/api-tokens`, `${PRACTICE}/audit`]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${PRACTICE}\\?forbidden=1$`));
  }
});
