import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";
import { formatDay } from "../lib/dates";

// The demo's "Contract review" calls Claude Sonnet 4.5 through Anthropic's API, with a Mistral
// Large 3 fallback on OVHcloud that was never drilled; "Invoice fraud detection" has a
// self-hosted Llama fallback. No other journey edits either system.
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const score = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().innerText());
/** A save re-scores the organisation twice (before and after) on a shared 2-core machine. */
const SAVE = 30_000;
const escaped = (n: number) => n.toFixed(1).replace(".", "\\.");

async function openSystem(page: Page, name: string) {
  await page.goto(`/mainfeld/inventory/ai-systems?q=${encodeURIComponent(name.toLowerCase())}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Opens an "Edit" disclosure from the keyboard: focus its summary, press Enter. */
async function openWithKeyboard(page: Page, summary: Locator) {
  await summary.focus();
  await page.keyboard.press("Enter");
}

const fallbackSummary = (page: Page, model: string) => page.locator(`summary[aria-label^="Edit fallback ${model}"]`);
const fallbackEditor = (page: Page, model: RegExp) => page.getByRole("form", { name: model });

test("an editor moves a dependency to a cloud marketplace and records a fallback drill with the keyboard, and sees the scores move", async ({ page }) => {
  test.slow();
  await signIn(page, DEMO.editor);
  await openSystem(page, "Contract review");
  const organisationBefore = await score(page, "organisation-score");
  const systemBefore = await score(page, "entity-score");

  // The dependency: from Anthropic's API to Amazon's marketplace in Frankfurt.
  const direct = page.getByRole("region", { name: /Dependency Claude Sonnet 4\.5 \(Anthropic\) · Direct API/ });
  await openWithKeyboard(page, direct.locator('summary[aria-label^="Edit dependency"]'));
  const dependencyForm = page.getByRole("form", { name: /Edit dependency Claude Sonnet 4\.5/ });
  await expect(dependencyForm.getByLabel("Access path")).toBeVisible();
  await dependencyForm.getByLabel("Access path").focus();
  await page.keyboard.type("Cloud");
  await expect(dependencyForm.getByLabel("Access path")).toHaveValue("cloud_marketplace");
  await page.keyboard.press("Tab");
  await expect(dependencyForm.getByLabel("Cloud")).toBeFocused();
  await page.keyboard.type("Amazon");
  await expect(dependencyForm.getByLabel("Cloud").locator("option:checked")).toHaveText(/^Amazon Web Services/);
  await page.keyboard.press("Tab");
  await expect(dependencyForm.getByLabel("Hosting country")).toBeFocused();
  await page.keyboard.type("Germany");
  await expect(dependencyForm.getByLabel("Hosting country")).toHaveValue("DE");
  await page.keyboard.press("Tab");
  await expect(dependencyForm.getByLabel("Hosting region")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A"); // replaces the recorded "us"
  await page.keyboard.type("eu-central-1");
  await page.keyboard.press("Enter"); // submits the form
  const dependencyMove = dependencyForm.getByTestId("score-move");
  await expect(dependencyMove).toHaveText(new RegExp(`^Organisation score ${escaped(organisationBefore)} → \\d+\\.\\d$`), { timeout: SAVE });
  await expect(page.getByRole("region", { name: /Dependency Claude Sonnet 4\.5 \(Anthropic\) · Cloud marketplace/ })).toContainText("Amazon Web Services, Germany, eu-central-1");
  const afterDependency = Number((await dependencyMove.innerText()).split("→")[1]);
  expect(afterDependency).not.toBe(organisationBefore);
  await expect.poll(() => score(page, "organisation-score")).toBe(afterDependency);
  await expect.poll(() => score(page, "entity-score")).not.toBe(systemBefore);
  const systemAfterDependency = await score(page, "entity-score");

  // The fallback: its first drill, three days ago.
  await openWithKeyboard(page, fallbackSummary(page, "Mistral Large 3"));
  const fallbackForm = fallbackEditor(page, /Edit fallback Mistral Large 3/);
  await expect(fallbackForm.getByLabel("Last drill")).toBeVisible();
  await fallbackForm.getByLabel("Last drill").fill(daysAgo(3));
  await fallbackForm.getByRole("button", { name: "Save fallback" }).focus();
  await page.keyboard.press("Enter");
  const fallbackMove = fallbackForm.getByTestId("score-move");
  await expect(fallbackMove).toHaveText(new RegExp(`^Organisation score ${escaped(afterDependency)} → \\d+\\.\\d$`), { timeout: SAVE });
  const afterFallback = Number((await fallbackMove.innerText()).split("→")[1]);
  expect(afterFallback).toBeGreaterThan(afterDependency);
  await expect.poll(() => score(page, "entity-score")).toBeGreaterThan(systemAfterDependency);
  await expect.poll(() => score(page, "organisation-score")).toBe(afterFallback);
  await expect(page.getByText(`drilled ${formatDay(daysAgo(3))}`)).toBeVisible();
});

const LLAMA = /Edit fallback Llama 3\.3 70B Instruct \(Meta\) · Self-hosted/;

test("two people edit the same fallback: the second save is refused with what changed, and keeps the typed input", async ({ browser }) => {
  test.slow();
  const cto = await browser.newContext();
  const owner = await browser.newContext();
  try {
    const first = await cto.newPage();
    const second = await owner.newPage();
    await signIn(first, DEMO.editor);
    await signIn(second, DEMO.owner);
    for (const page of [first, second]) {
      await openSystem(page, "Invoice fraud detection");
      await openWithKeyboard(page, fallbackSummary(page, "Llama 3.3 70B"));
      await expect(fallbackEditor(page, LLAMA).getByLabel("Switch time (minutes)")).toBeVisible();
    }

    await fallbackEditor(first, LLAMA).getByLabel("Switch time (minutes)").fill("45");
    await fallbackEditor(first, LLAMA).getByRole("button", { name: "Save fallback" }).click();
    await expect(fallbackEditor(first, LLAMA).getByText("Fallback saved.")).toBeVisible();

    await fallbackEditor(second, LLAMA).getByLabel("Exit plan link").fill("https://wiki.mainfeld.example/finance/exit-plans/invoice-fraud-v2");
    await fallbackEditor(second, LLAMA).getByRole("button", { name: "Save fallback" }).click();
    const alert = fallbackEditor(second, LLAMA).getByRole("alert");
    await expect(alert).toContainText("Not saved: this fallback changed meanwhile");
    await expect(alert).toContainText("Changed meanwhile: Switch time.");
    await expect(fallbackEditor(second, LLAMA).getByLabel("Exit plan link")).toHaveValue("https://wiki.mainfeld.example/finance/exit-plans/invoice-fraud-v2");

    await second.reload();
    await expect(second.getByText(/switch in 45 min/)).toBeVisible();
  } finally {
    await cto.close();
    await owner.close();
  }
});
