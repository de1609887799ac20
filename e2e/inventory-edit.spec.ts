import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

const score = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().innerText());
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("the CTO adds an AI system with a dependency and a tested fallback, and sees the scores move", async ({ page }) => {
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/ai-systems");
  await page.getByRole("link", { name: "Add AI system" }).click();
  await page.getByLabel("Name").fill("Quote drafting assistant");
  await page.getByLabel("Owner").fill("Head of sales operations");
  await page.getByLabel("Criticality").selectOption("high");
  await page.getByLabel("Tolerated downtime (hours)").fill("4");
  await page.getByLabel("Frankfurt HQ").check();
  await page.getByRole("button", { name: "Add AI system" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quote drafting assistant" })).toBeVisible();
  const organisationBefore = await score(page, "organisation-score");

  const addDependency = page.getByRole("form", { name: "Add a dependency" });
  await addDependency.getByLabel("Model", { exact: true }).selectOption({ label: "GPT-4.1 (OpenAI, closed weights)" });
  await addDependency.getByLabel("Access path").selectOption("direct_api");
  await addDependency.getByLabel("Internal", { exact: true }).check();
  await addDependency.getByRole("button", { name: "Add dependency" }).click();
  const dependency = page.getByRole("region", { name: /Dependency GPT-4\.1 \(OpenAI\) · Direct API/ });
  await expect(dependency).toBeVisible();
  await expect(page.getByTestId("entity-score")).toBeVisible();
  await expect(addDependency.getByTestId("score-move")).toHaveText(/^Organisation score \d+\.\d → \d+\.\d$/);
  const systemWithoutFallback = await score(page, "entity-score");
  expect(await score(page, "organisation-score")).not.toBe(organisationBefore);

  await dependency.getByText("Add a fallback").click();
  const addFallback = dependency.getByRole("form", { name: "Add a fallback" });
  await addFallback.getByLabel("Fallback model").selectOption({ label: "Llama 3.3 70B Instruct (Meta, open weights)" });
  await addFallback.getByLabel("Access path").selectOption("self_hosted");
  await addFallback.getByLabel("Hosting country").selectOption("DE");
  await addFallback.getByLabel("Last drill").fill(daysAgo(20));
  await addFallback.getByLabel("Switch time (minutes)").fill("30");
  await addFallback.getByLabel("Quality parity checked").check();
  await addFallback.getByLabel("Exit plan", { exact: true }).fill("Platform team flips the gateway route to the on-prem Llama cluster");
  const organisationWithDependency = await score(page, "organisation-score");
  await addFallback.getByRole("button", { name: "Add fallback" }).click();

  await expect(dependency.getByText(/Llama 3\.3 70B Instruct \(Meta\) · Self-hosted/)).toBeVisible();
  await expect.poll(() => score(page, "entity-score")).toBeGreaterThan(systemWithoutFallback);
  const move = addFallback.getByTestId("score-move");
  await expect(move).toHaveText(new RegExp(`^Organisation score ${organisationWithDependency.toFixed(1).replace(".", "\\.")} → \\d+\\.\\d$`));
  const after = Number((await move.innerText()).split("→")[1]);
  expect(after).toBeGreaterThan(organisationWithDependency);
  expect(await score(page, "organisation-score")).toBe(after);
});

test("two people edit the same vendor: the second save is refused with what changed, and keeps the typed input", async ({ browser }) => {
  const cto = await browser.newContext();
  const owner = await browser.newContext();
  try {
    const first = await cto.newPage();
    const second = await owner.newPage();
    await signIn(first, DEMO.editor);
    await signIn(second, DEMO.owner);
    for (const page of [first, second]) {
      await page.goto("/mainfeld/inventory/vendors?q=cohere");
      await page.getByRole("link", { name: "Cohere" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Cohere" })).toBeVisible();
    }

    await first.getByLabel("Notes").fill("Contract renewal due in Q3");
    await first.getByRole("button", { name: "Save vendor" }).click();
    await expect(first.getByText("Vendor saved.")).toBeVisible();

    await second.getByLabel("Source", { exact: true }).fill("Owner's own due diligence");
    await second.getByRole("button", { name: "Save vendor" }).click();
    const alert = second.getByRole("alert").filter({ hasText: "Not saved: this vendor changed meanwhile" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("Notes: now Contract renewal due in Q3");
    await expect(second.getByLabel("Source", { exact: true })).toHaveValue("Owner's own due diligence");

    await second.reload();
    await expect(second.getByLabel("Notes")).toHaveValue("Contract renewal due in Q3");
  } finally {
    await cto.close();
    await owner.close();
  }
});
