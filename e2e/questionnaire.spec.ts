import { expect, test } from "@playwright/test";
import { CONSULTANT, signIn } from "./support/demo";

// The pre-workshop questionnaire (issue 15, decision 039), from the link to accepted inventory
// rows: the demo practice's partner makes a link in a client of its own, someone without an
// account answers through it (a half-filled row is refused and kept), the partner adds one answer
// to the inventory with the model guessed from the answer, rejects another and reopens it, and
// revokes the link, which then no longer opens. The journey makes its own client, so the demo
// organisations stay as they are.

test("a questionnaire link, from the staff's answers to rows in the inventory", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const consoleErrors: string[] = [];
  const watch = (p: typeof page) =>
    p.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
  watch(page);
  await signIn(page, CONSULTANT);
  await page.goto("/practices/northbridge-advisory/clients/new");
  await page.getByLabel("Client's name").fill(`Questionnaire client ${tag}`);
  await page.getByLabel("Headquarters country").selectOption("DE");
  await page.getByLabel("Sector").fill("Logistics");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Questionnaire client ${tag}` })).toBeVisible();
  const slug = `questionnaire-client-${tag}`;

  // From the Workshops page to the questionnaire; a link is made and shown once.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workshops" }).click();
  await page.getByRole("link", { name: "Open the questionnaire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pre-workshop questionnaire" })).toBeVisible();
  await expect(page.getByText("Nothing waits for review. Make a link below and send it to the staff.")).toBeVisible();
  await page.getByRole("button", { name: "Make link" }).click();
  const linkBox = page.getByRole("textbox", { name: "Questionnaire link" });
  await expect(linkBox).toHaveValue(/\/q\/[A-Za-z0-9_-]{43}$/);
  const link = await linkBox.inputValue();

  // Someone without an account answers.
  const staff = await browser.newContext();
  const answer = await staff.newPage();
  watch(answer);
  await answer.goto(link);
  await expect(answer.getByRole("heading", { level: 1, name: `Which AI do you use at Questionnaire client ${tag}?` })).toBeVisible();
  const form = answer.getByRole("form", { name: `Questionnaire of Questionnaire client ${tag}` });
  await form.getByLabel("Your name").fill("Lena Hoffmann");
  await form.getByLabel("Team (optional)").fill("Customer service");
  const rows = form.getByRole("listitem");
  await rows.nth(0).getByLabel("Name").fill("ChatGPT Team");
  await rows.nth(0).getByLabel("What you use it for").fill("Drafting replies to complaints");
  await rows.nth(0).getByLabel("Vendor (if known)").fill("OpenAI");
  await rows.nth(0).getByLabel("Model (if known)").fill("GPT-4o");
  await rows.nth(1).getByLabel("Name").fill("Translator plug-in");
  await form.getByRole("button", { name: `Send to Questionnaire client ${tag}` }).click();
  // The half-filled row is refused by its field, and everything typed stays.
  await expect(rows.nth(1).getByText("Say what you use it for")).toBeVisible();
  await expect(rows.nth(0).getByLabel("Model (if known)")).toHaveValue("GPT-4o");
  await expect(form.getByLabel("Your name")).toHaveValue("Lena Hoffmann");
  await rows.nth(1).getByLabel("What you use it for").fill("Translating supplier letters");
  await form.getByRole("button", { name: "Add another" }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2).getByLabel("Name")).toBeFocused();
  await form.getByRole("button", { name: `Send to Questionnaire client ${tag}` }).click();
  await expect(answer.getByText(`Thank you. Your 2 answers go to Questionnaire client ${tag} for review.`)).toBeVisible();
  await expect(form.getByLabel("Your name")).toHaveValue("");

  // The answers wait for review; nothing is in the inventory yet.
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for review (2)" })).toBeVisible();
  const who = page.getByRole("region", { name: /Who answered/ });
  await expect(who.getByRole("row", { name: /Lena Hoffmann/ })).toContainText("Customer service");

  // The first is added to the inventory; the model is guessed from what Lena wrote.
  await page.getByRole("group", { name: "Decide on ChatGPT Team" }).getByRole("button", { name: "Add to inventory" }).click();
  const add = page.getByRole("form", { name: "Add ChatGPT Team to the inventory" });
  await expect(add.getByLabel("AI system", { exact: true })).toHaveValue("ChatGPT Team");
  await expect(add.getByLabel("Owner", { exact: true })).toHaveValue("Customer service");
  await expect(add.getByLabel("Model", { exact: true })).toHaveValue("GPT (GPT-4o, GPT-4.1, GPT-5, o-series) (OpenAI, from the catalogue)");
  await add.getByLabel("Criticality").selectOption("high");
  await add.getByRole("button", { name: "Add to the inventory" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for review (1)" })).toBeVisible();
  const decisions = page.getByRole("region", { name: "Latest decisions" });
  await expect(decisions).toContainText("Added to the inventory as ChatGPT Team");

  // The second is rejected with a reason, then reopened (an undo), and waits again.
  await page.getByRole("group", { name: "Decide on Translator plug-in" }).getByRole("button", { name: "Reject" }).click();
  await page.getByRole("form", { name: "Reject Translator plug-in" }).getByLabel("Why (optional)").fill("A browser plug-in, not a company system");
  await page.getByRole("form", { name: "Reject Translator plug-in" }).getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for review (0)" })).toBeVisible();
  await expect(decisions).toContainText("Rejected: A browser plug-in, not a company system");
  await decisions.getByRole("button", { name: "Reopen Translator plug-in" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for review (1)" })).toBeVisible();

  // The accepted answer is an AI system of the inventory, with its model.
  await page.goto(`/${slug}/inventory/ai-systems`);
  await expect(page.getByRole("row", { name: /ChatGPT Team/ })).toBeVisible();

  // Revoked, the link no longer opens, and says what to do.
  await page.goto(`/${slug}/workshops/questionnaires`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("table", { name: "Questionnaire links" })).toContainText("Revoked");
  await answer.reload();
  await expect(answer.getByRole("heading", { level: 1, name: "This questionnaire link does not work" })).toBeVisible();
  await staff.close();
  expect(consoleErrors).toEqual([]);
});
