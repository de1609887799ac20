import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./support/demo";

// An owner creates an API token that expires and sets the organisation's token lifetimes; the
// risk officer finds both in the audit log, opens the change and downloads the log as CSV; a
// viewer sees only their own (no) tokens and no audit log. Decision 029.

test("an owner's expiring API token and lifetime change show up in the analyst's audit log and its CSV; a viewer sees neither", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Nightly CMDB sync ${Date.now().toString(36)}`;

  await signIn(page, DEMO.owner);
  await page.goto("/mainfeld/settings/api-tokens");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role").selectOption("viewer");
  const lifetime = page.getByLabel("Expires after");
  await expect(lifetime.locator("option", { hasText: "(default)" })).toHaveCount(1);
  await lifetime.selectOption("7");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByLabel("API token", { exact: true });
  await expect(shown).toHaveValue(/^sovra_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/stops working on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/)).toBeVisible();

  // The token works with the API, and its row says when it expires.
  const token = await shown.inputValue();
  const api = await page.request.get("/api/v1/orgs/mainfeld/offices", { headers: { authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  await page.reload();
  const row = page.getByRole("table", { name: /^Your API tokens/ }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("in 7 days");

  // Lifetimes: a default longer than the maximum is refused; a valid pair is saved (then restored).
  await page.getByLabel("Default lifetime (days)").fill("90");
  await page.getByLabel("Maximum lifetime (days)").fill("30");
  await page.getByRole("button", { name: "Save lifetimes" }).click();
  await expect(page.getByText("The default cannot be longer than the maximum")).toBeVisible();
  await page.getByLabel("Default lifetime (days)").fill("30");
  await page.getByRole("button", { name: "Save lifetimes" }).click();
  await expect(page.getByText("Token lifetimes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Maximum lifetime (days)")).toHaveValue("30");
  await expect(page.getByLabel("Expires after").locator("option")).toHaveText([/^7 days/, /^30 days.*\(default\)$/]);
  await page.getByLabel("Default lifetime (days)").fill("90");
  await page.getByLabel("Maximum lifetime (days)").fill("365");
  await page.getByRole("button", { name: "Save lifetimes" }).click();
  await expect(page.getByText("Token lifetimes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Maximum lifetime (days)")).toHaveValue("365");
  await signOut(page);

  // The risk officer filters the audit log down to token creations and opens this one.
  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: /^Audit log of .*, newest first$/ });
  await expect(log).toBeVisible();
  const filters = page.getByRole("group", { name: "Filters" });
  await filters.getByLabel("What").selectOption("api_token");
  await filters.getByLabel("Action").selectOption("create");
  await expect(page).toHaveURL(/f\.entityType=api_token/);
  const event = log.getByRole("row", { name: new RegExp(name) });
  await expect(event).toContainText("Created");
  await expect(event).toContainText("Expires:");
  await event.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: `Created: API token “${name}”` })).toBeVisible();
  const changed = page.getByRole("table", { name: "What changed" });
  await expect(changed.getByRole("row", { name: /^Name/ })).toContainText(name);
  await expect(changed).not.toContainText("{");

  // The lifetime change, as a readable before/after.
  await page.goto("/mainfeld/settings/audit?f.entityType=organisation&f.action=update");
  await expect(log.getByRole("row").filter({ hasText: "Maximum API token lifetime (days): 365 → 30" })).toHaveCount(1);

  // The CSV holds the filtered events.
  await page.goto("/mainfeld/settings/audit?f.entityType=api_token");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^sovra-mainfeld-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!)).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFTime (UTC),Actor,Actor email,Action,Entity type,Entity,Entity id,Changes,Before (JSON),After (JSON),Event number");
  expect(csv).toContain(name);
  expect(csv).not.toContain(token.slice(6));
  await signOut(page);

  // A viewer: their own tokens (none), no audit log.
  await signIn(page, DEMO.viewer);
  await page.goto("/mainfeld/settings/api-tokens");
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/mainfeld/settings/audit");
  await expect(page).toHaveURL(/\/mainfeld\/forbidden/);
});
