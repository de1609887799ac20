import { expect, test } from "@playwright/test";
import { CONSULTANT, DEMO, signIn } from "./support/demo";
import { gifHeader, pngBytes } from "../lib/testing/images";

// A consultancy's journey (issue 15, decision 037): the partner of the demo practice opens the
// portfolio, starts a client from a sector template and one empty, compares them, archives and
// restores one, and deletes the empty one; the client's own owner (invited through the practice)
// ends the practice's access. Each journey makes its own clients, so the demo's two stay as they are.

const PRACTICE = "/practices/northbridge-advisory";

test("the partner sees every client, starts two, compares them, archives, restores and deletes one", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  await signIn(page, CONSULTANT);
  // A member of no organisation lands on the practice's portfolio.
  await expect(page).toHaveURL(new RegExp(`${PRACTICE}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  const table = page.getByRole("table", { name: /Clients of the practice/ });
  for (const name of ["Mainfeld Maschinenbau AG", "Albion Mutual"]) {
    await expect(table.getByRole("row", { name: new RegExp(name) }).getByText(/^(Very Low|Low|Medium|High|Very High)/)).toBeVisible();
  }

  // A client from the start-up template: its inventory is there at once.
  await page.getByRole("link", { name: "New client" }).first().click();
  await page.getByLabel("Client's name").fill(`Lumen ${tag}`);
  await page.getByLabel("Headquarters country").selectOption("US");
  await page.getByLabel("Sector").fill("Sales software");
  await page.getByLabel(/Software start-up, United States/).check();
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Lumen ${tag}` })).toBeVisible();
  await expect(page.getByRole("banner").getByText(/Your role: Owner\s*· through Northbridge Advisory/)).toBeVisible();
  await page.goto(`/lumen-${tag}/inventory/ai-systems`);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(6); // header + the template's 5 AI systems

  // An empty one: a bad name first (the form says so and keeps the rest).
  await page.goto(`${PRACTICE}/clients/new`);
  await page.getByLabel("Client's name").fill("x");
  await page.getByLabel("Headquarters country").selectOption("FR");
  await page.getByLabel("Sector").fill("Consulting");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Enter the organisation's name")).toBeVisible();
  await expect(page.getByLabel("Sector")).toHaveValue("Consulting");
  await page.getByLabel("Client's name").fill(`Empty ${tag}`);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Empty ${tag}` })).toBeVisible();

  // Filter and compare.
  await page.goto(PRACTICE);
  await page.getByLabel("Search clients").fill(tag);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row", { name: new RegExp(`Empty ${tag}`) })).toContainText("No AI systems yet");
  await page.getByRole("checkbox", { name: `Compare Lumen ${tag}` }).check();
  await page.getByRole("checkbox", { name: `Compare Empty ${tag}` }).check();
  await page.getByRole("link", { name: "Compare 2 clients" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare clients" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Vendor exposure per client" }).getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("table", { name: /Dimension scores/ })).toContainText("Fallback readiness");

  // Archive the empty client: out of the portfolio, and out of reach; then restore it.
  await page.goto(PRACTICE);
  await page.getByLabel("Search clients").fill(`Empty ${tag}`);
  await table.getByRole("link", { name: `Manage Empty ${tag}` }).click();
  await page.getByRole("button", { name: "Archive client" }).click();
  await expect(page.getByText("Client archived.")).toBeVisible();
  expect((await page.request.get(`/empty-${tag}`, { maxRedirects: 0 })).status()).toBe(404);
  await page.goto(`${PRACTICE}?archived=1`);
  await page.getByRole("link", { name: `Restore or delete Empty ${tag}` }).click();
  await page.getByRole("button", { name: "Restore client" }).click();
  await expect(page.getByText("Client restored.")).toBeVisible();

  // Delete it: the name must be typed exactly.
  await page.getByRole("button", { name: "Delete client…" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete Empty ${tag} for good?` });
  await expect(dialog.getByRole("link", { name: /Download the inventory first/ })).toHaveAttribute("href", `/empty-${tag}/inventory/export/json`);
  await dialog.getByLabel(/Type the client's name/).fill("Empty");
  await dialog.getByRole("button", { name: "Delete client" }).click();
  await expect(dialog.getByText(/Type "Empty .*" exactly/)).toBeVisible();
  await dialog.getByLabel(/Type the client's name/).fill(`Empty ${tag}`);
  await dialog.getByRole("button", { name: "Delete client" }).click();
  await expect(page.getByText("The client was deleted, with everything in it.")).toBeVisible();
  expect((await page.request.get(`/empty-${tag}`, { maxRedirects: 0 })).status()).toBe(404);
});

test("the client's own owner sees the practice's access and ends it; the consultant no longer reaches the client", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  await signIn(page, CONSULTANT);
  await page.goto(`${PRACTICE}/clients/new`);
  await page.getByLabel("Client's name").fill(`Harbour ${tag}`);
  await page.getByLabel("Headquarters country").selectOption("NL");
  await page.getByLabel("Sector").fill("Logistics");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Harbour ${tag}` })).toBeVisible();

  // The practice works in it as owner (the default), so the consultant invites the client's owner.
  await page.goto(`/harbour-${tag}/settings/members`);
  await page.getByLabel("Role", { exact: true }).selectOption("owner");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  await expect(page.getByRole("region", { name: "Consultancies with access" })).toContainText("Northbridge Advisory");

  const context = await browser.newContext();
  const owner = await context.newPage();
  await owner.goto(link);
  await owner.getByLabel("Your name").fill("Hana Harbour");
  await owner.getByLabel("Email").fill(`hana-${tag}@harbour.example`);
  await owner.getByLabel("Password").fill("a-long-harbour-password");
  await owner.getByRole("button", { name: "Create account and join" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: `Harbour ${tag}`, exact: true })).toBeVisible();
  // The link carries the app's public address (127.0.0.1), where the new session's cookie is.
  await owner.goto(new URL(`/harbour-${tag}/settings/members`, link).toString());
  const access = owner.getByRole("region", { name: "Consultancies with access" });
  // The practice's partner and its consultant (the demo's advisor@).
  await expect(access).toContainText(/Northbridge Advisory\s*2 people as Owner/);
  // The owner counts the client in the practice's benchmark (decision 040) and is told what that means.
  await expect(access).toContainText("not counted in Northbridge Advisory's benchmark");
  await access.getByRole("button", { name: "Count us, anonymised, in Northbridge Advisory's benchmark" }).click();
  await expect(access.getByText(/is now counted, anonymised, in Northbridge Advisory's benchmark/)).toBeVisible();
  await expect(access.getByRole("button", { name: "Stop counting us in Northbridge Advisory's benchmark" })).toBeVisible();
  await access.getByRole("button", { name: "End access" }).click();
  await owner.getByRole("dialog", { name: "End Northbridge Advisory's access?" }).getByRole("button", { name: "End access" }).click();
  await expect(owner.getByText(/The practice's access has ended/)).toBeVisible();
  await context.close();

  // The consultant's next click: the client is gone from reach, and from the portfolio.
  expect((await page.request.get(`/harbour-${tag}`, { maxRedirects: 0 })).status()).toBe(404);
  await page.goto(PRACTICE);
  await page.getByLabel("Search clients").fill(tag);
  await expect(page.getByText("No client matches these filters.")).toBeVisible();
  // The demo organisations' owner still sees the demo practice's access to Mainfeld.
  const dana = await browser.newContext();
  const danaPage = await dana.newPage();
  await signIn(danaPage, DEMO.owner);
  await danaPage.goto("/mainfeld/settings/members");
  await expect(danaPage.getByRole("region", { name: "Consultancies with access" })).toContainText(/Northbridge Advisory\s*2 people as Editor/);
  await dana.close();
});

test("a partner puts the practice's name and logo on its client reports: a GIF is refused under its field, a PNG is previewed and kept", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  // A practice of its own, so that the demo practice's branding (which the workshop journey reads) stays as it is.
  await signIn(page, CONSULTANT);
  await page.goto("/practices/new");
  await page.getByLabel("Name of the practice").fill(`Brand ${tag}`);
  await page.getByRole("button", { name: "Create practice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await page.goto(`/practices/brand-${tag}/settings`);
  const card = page.locator("form").filter({ hasText: "Put the practice's name and logo on reports for clients" });
  await expect(card.getByTestId("practice-brand")).toHaveText(`Prepared by Brand ${tag}`);

  // Named .png but a GIF by its bytes: refused on the server, under the field, and nothing is kept.
  const logo = card.getByLabel("Logo", { exact: true });
  await logo.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(gifHeader(10, 10)) });
  await card.getByLabel("Put the practice's name and logo on reports for clients").check();
  await card.getByRole("button", { name: "Save report branding" }).click();
  await expect(card.getByText("A logo must be a PNG or JPEG picture; this file is GIF.").first()).toBeVisible();
  await expect(logo).toHaveAttribute("aria-invalid", "true");

  // A real PNG: previewed as chosen, then saved and shown again after a reload.
  await logo.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(pngBytes(90, 30)) });
  await expect(card.getByRole("img", { name: `Brand ${tag} logo` })).toHaveAttribute("src", /^blob:/);
  await card.getByLabel("Put the practice's name and logo on reports for clients").check();
  await card.getByRole("button", { name: "Save report branding" }).click();
  await expect(card.getByText(/now carry the practice's name and logo/)).toBeVisible();
  await page.reload();
  await expect(card.getByRole("img", { name: `Brand ${tag} logo` })).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect(card.getByLabel("Put the practice's name and logo on reports for clients")).toBeChecked();
  await expect(card.getByLabel("Replace the logo")).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("the next workshop: planned from the client's page, listed in the portfolio, and shown to the client's own people", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  await signIn(page, CONSULTANT);
  await page.goto(`${PRACTICE}/clients/new`);
  await page.getByLabel("Client's name").fill(`Planned ${tag}`);
  await page.getByLabel("Headquarters country").selectOption("FR");
  await page.getByLabel("Sector").fill("Retail");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Planned ${tag}` })).toBeVisible();

  // From the portfolio's "None planned" to the client's page, where the plan is made.
  await page.goto(PRACTICE);
  await page.getByLabel("Search clients").fill(tag);
  const row = page.getByRole("row", { name: new RegExp(`Planned ${tag}`) });
  await row.getByRole("link", { name: /None planned/ }).click();
  const plan = page.locator("#next-workshop");
  await expect(plan.getByRole("heading", { name: "Next workshop" })).toBeVisible();
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await plan.getByLabel("Day").fill(day);
  await plan.getByLabel("What it is about (optional)").fill("Fallback drill");
  await plan.getByRole("button", { name: "Save the plan" }).click();
  await expect(plan.getByText(/^Next workshop planned for \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
  await page.goto(PRACTICE);
  await page.getByLabel("Search clients").fill(tag);
  await expect(row).toContainText("Fallback drill");

  // Mainfeld's own owner sees the demo practice's plan on the Workshops page.
  const dana = await browser.newContext();
  const danaPage = await dana.newPage();
  await signIn(danaPage, DEMO.owner);
  await danaPage.goto("/mainfeld/workshops");
  await expect(danaPage.getByText(/^Next workshop: \d{1,2} \w+ \d{4}$/)).toBeVisible();
  await expect(danaPage.getByText("Fallback drill with the platform team. Planned by Northbridge Advisory.")).toBeVisible();
  await dana.close();
});

test("the benchmark shows where a client stands among the consenting clients, names no other, and drops a client that withdraws at once", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, CONSULTANT);
  await page.goto(PRACTICE);
  await page.getByRole("row", { name: /Mainfeld Maschinenbau AG/ }).getByRole("link", { name: "Benchmark of Mainfeld Maschinenbau AG" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Benchmark: Mainfeld Maschinenbau AG" })).toBeVisible();
  const all = page.getByRole("main");
  const countedNow = async () => Number((await all.getByText(/^\d+ counted clients\. Mainfeld Maschinenbau AG scores/).first().innerText()).match(/^(\d+)/)![1]);
  const before = await countedNow();
  expect(before).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("table", { name: /^All counted clients: quartiles of the \d+ counted clients/ }).getByRole("row", { name: /Sovereignty score/ })).toBeVisible();
  // No other client is ever named.
  for (const other of ["Albion Mutual", "Severn Savings", "Kestrel Software", "Harbour Mutual"]) await expect(all).not.toContainText(other);

  // Albion's own owner withdraws: Mainfeld's benchmark counts one client fewer on the next visit; then Albion agrees again.
  const albion = await browser.newContext();
  const owner = await albion.newPage();
  await signIn(owner, "albion.owner@sovra.example");
  await owner.goto("/albion-mutual/settings/members");
  const access = owner.getByRole("region", { name: "Consultancies with access" });
  await access.getByRole("button", { name: "Stop counting us in Northbridge Advisory's benchmark" }).click();
  await expect(access.getByRole("button", { name: "Count us, anonymised, in Northbridge Advisory's benchmark" })).toBeVisible();
  await page.reload();
  expect(await countedNow()).toBe(before - 1);
  await access.getByRole("button", { name: "Count us, anonymised, in Northbridge Advisory's benchmark" }).click();
  await expect(access.getByRole("button", { name: "Stop counting us in Northbridge Advisory's benchmark" })).toBeVisible();
  await albion.close();
  await page.reload();
  expect(await countedNow()).toBe(before);
});
