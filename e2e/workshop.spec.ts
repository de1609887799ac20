import path from "node:path";
import { expect, test } from "@playwright/test";
import { pdfTool, withTempDir } from "../lib/testing/pdf-tools";
import { CONSULTANT, signIn } from "./support/demo";

// A facilitated workshop on a projector-sized screen (issue 15, decision 038): the demo practice's
// partner starts an empty client, runs a workshop in it with the keyboard, captures two systems
// in one step each (one flagged to verify) and a data flow, reveals the score, records an agreed action, ends
// the workshop (which freezes an assessment labelled with it and makes its summary PDF, read
// here by its text) and confirms the open fact. The
// journey makes its own client, so the demo organisations stay as they are.

test.use({ viewport: { width: 1280, height: 720 } });

test("a whole workshop, from an empty client to its summary PDF", async ({ page }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await signIn(page, CONSULTANT);
  await page.goto("/practices/northbridge-advisory/clients/new");
  await page.getByLabel("Client's name").fill(`Workshop client ${tag}`);
  await page.getByLabel("Headquarters country").selectOption("DE");
  await page.getByLabel("Sector").fill("Logistics");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Workshop client ${tag}` })).toBeVisible();
  const slug = `workshop-client-${tag}`;

  // Start it from the Workshops area.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workshops" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Workshops" })).toBeVisible();
  await page.getByLabel("Title").fill(`Kick-off ${tag}`);
  await page.getByLabel("Attendees (one per line)").fill("Ana Weber (CTO)\nBen Okafor (risk officer)");
  await page.getByRole("button", { name: "Start workshop" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/workshops/[0-9a-f-]{36}$`));
  const screen = page.getByRole("region", { name: `Workshop: Kick-off ${tag}` });
  await expect(screen.getByRole("heading", { level: 2, name: "1. Context and offices" })).toBeVisible();
  // The workshop covers the app's sidebar: the whole 1280 px are its own.
  expect(await screen.evaluate((el) => el.getBoundingClientRect().width)).toBe(1280);

  // The first office, added on the workshop screen: a missing city is refused under its field, then it is listed.
  const office = page.getByRole("form", { name: "Add an office" });
  await office.getByLabel("Office").fill("Munich HQ");
  await office.getByLabel("Country").selectOption("DE");
  await office.getByLabel("People").fill("250");
  await office.getByRole("button", { name: "Add office" }).click();
  await expect(office.getByText("Enter a city")).toBeVisible();
  await office.getByLabel("City").fill("Munich");
  await office.getByRole("button", { name: "Add office" }).click();
  await expect(office.getByRole("status")).toHaveText("Added Munich HQ (250 people).");
  await expect(screen.getByText("Germany · 250 people")).toBeVisible();
  await expect(office.getByLabel("Office")).toBeFocused();

  // PageDown moves to the capture step; the first field has the cursor.
  await page.keyboard.press("PageDown");
  await expect(screen.getByRole("heading", { level: 2, name: "2. AI systems, models and access paths" })).toBeVisible();
  const form = page.getByRole("form", { name: "Capture an AI system" });

  // A model typed but not chosen from the list: the form says so and keeps what was typed.
  await form.getByLabel("AI system", { exact: true }).fill("Customer service bot");
  await form.getByLabel("Owner", { exact: true }).fill("Service team");
  await form.getByLabel("Model", { exact: true }).fill("GPT");
  await form.getByRole("button", { name: "Capture system" }).click();
  await expect(form.getByText("Choose a model from the list")).toBeVisible();
  await expect(form.getByLabel("AI system", { exact: true })).toHaveValue("Customer service bot");

  // The catalogue's model, with a fallback from the catalogue too, in one step.
  await form.getByLabel("Model", { exact: true }).fill("GPT (GPT-4o, GPT-4.1, GPT-5, o-series) (OpenAI, from the catalogue)");
  await form.getByLabel("Fallback model").fill("Mistral premier models (Large, Medium) (Mistral AI, from the catalogue)");
  await form.getByLabel("Fallback access path").selectOption("direct_api");
  await form.getByRole("button", { name: "Capture system" }).click();
  await expect(form.getByText("Customer service bot captured with its fallback.")).toBeVisible();
  await expect(form.getByLabel("AI system", { exact: true })).toBeFocused();
  await expect(form.getByLabel("AI system", { exact: true })).toHaveValue("");

  // The second: the OpenAI model is the client's own now; the room is unsure of the path.
  await form.getByLabel("AI system", { exact: true }).fill("Contract review");
  await form.getByLabel("Owner", { exact: true }).fill("Legal");
  await form.getByLabel("Criticality").selectOption("critical");
  await form.getByLabel("Model", { exact: true }).fill("GPT (GPT-4o, GPT-4.1, GPT-5, o-series) (OpenAI)");
  await form.getByLabel("The room is not sure of this: flag it to verify").check();
  await form.getByLabel("What to verify").fill("Do we reach it through Azure instead?");
  await form.getByLabel("Who verifies it").fill("Platform team");
  await form.getByRole("button", { name: "Capture system" }).click();
  await expect(form.getByText("Contract review captured without a fallback and flagged to verify.")).toBeVisible();
  const captured = screen.getByRole("region", { name: /Captured in this workshop/ });
  await expect(captured.getByRole("listitem")).toHaveCount(2);
  await expect(captured.getByRole("listitem").filter({ hasText: "Contract review" })).toContainText("no fallback");
  const toVerify = screen.getByRole("complementary", { name: "To verify" });
  await expect(toVerify).toContainText("Do we reach it through Azure instead?");
  await expect(toVerify).toContainText("Verifies: Platform team");

  // A fact about a system already captured, flagged from the fallbacks step.
  await screen.getByRole("navigation", { name: "Agenda" }).getByRole("button", { name: /Fallbacks/ }).click();
  const flag = page.getByRole("form", { name: "Flag a fact to verify" });
  await flag.getByRole("button", { name: "Flag to verify" }).click();
  await expect(flag.getByText("Choose what it is about")).toBeVisible();
  await flag.getByLabel("What it is about").selectOption({ label: "Customer service bot" });
  await flag.getByLabel("What to verify").fill("When was the Mistral fallback last drilled?");
  await flag.getByLabel("Who verifies it").fill("Service team");
  await flag.getByRole("button", { name: "Flag to verify" }).click();
  await expect(flag.getByText("Flagged to verify.")).toBeVisible();
  await expect(toVerify.getByRole("heading", { name: "To verify (2)" })).toBeVisible();
  // A fact about the office, not an AI system: the same form, the office chosen from its group.
  await flag.getByLabel("What it is about").selectOption({ label: "Munich HQ" });
  await flag.getByLabel("What to verify").fill("Is the headcount still 250 after the move?");
  await flag.getByLabel("Who verifies it").fill("HR");
  await flag.getByRole("button", { name: "Flag to verify" }).click();
  await expect(toVerify.getByRole("heading", { name: "To verify (3)" })).toBeVisible();
  await expect(toVerify).toContainText("Is the headcount still 250 after the move?");

  // A data flow, typed with the keyboard: Enter on the empty form says what is missing under each
  // field; then the office and the dependency (by their first letters), which bring the vendor and
  // where the data is processed, a category ticked with Space, and Enter adds it and lists it.
  await page.keyboard.press("PageDown");
  await expect(screen.getByRole("heading", { level: 2, name: "4. Data flows" })).toBeVisible();
  const flowForm = page.getByRole("form", { name: "Add a data flow" });
  const origin = flowForm.getByLabel("Origin office");
  await origin.focus();
  await page.keyboard.press("Enter");
  await expect(flowForm.getByText("Choose an office", { exact: true })).toBeVisible();
  await expect(flowForm.getByText("Choose the AI system and model it feeds")).toBeVisible();
  await expect(flowForm.getByText("Choose at least one data category")).toBeVisible();
  await expect(origin).toBeFocused();
  await page.keyboard.type("Munich");
  await expect(flowForm.getByText("Choose an office", { exact: true })).toBeHidden();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Customer");
  await expect(flowForm.getByText("Received by OpenAI")).toBeVisible();
  await expect(flowForm.getByLabel("Processed in")).toHaveValue("US");
  await expect(flowForm.getByLabel("Name", { exact: true })).toHaveValue(/^Munich HQ → Customer service bot \(GPT /);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab"); // past the country to the third category
  await expect(flowForm.getByLabel("Personal")).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await expect(flowForm.getByRole("status")).toHaveText(/^Added Munich HQ → Customer service bot \(GPT .+\), processed in United States\.$/);
  await expect(flowForm.getByLabel("Origin office")).toBeFocused();
  await expect(flowForm.getByLabel("Origin office")).toHaveValue("");
  const flows = screen.getByRole("region", { name: "Recorded so far (1)" });
  await expect(flows.getByRole("listitem")).toHaveCount(1);
  await expect(flows.getByRole("listitem")).toContainText("Munich HQ → United States");
  await expect(flows.getByRole("listitem")).toContainText("Customer service bot / GPT");
  await expect(flows.getByRole("listitem")).toContainText("Personal");

  // The reveal: the rating before and now (the client was empty: 100 before).
  await screen.getByRole("navigation", { name: "Agenda" }).getByRole("button", { name: /Reveal the scores/ }).click();
  await expect(screen.getByRole("heading", { level: 2, name: "5. Reveal the scores" })).toBeVisible();
  await expect(screen.getByText("When we began")).toBeVisible();
  await expect(screen.getByRole("heading", { name: "Top risks" })).toBeVisible();
  await expect(screen.getByText(/^−\d+\.\d points$/)).toBeVisible();

  // Agree an action.
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await expect(screen.getByRole("heading", { level: 2, name: "7. Agree actions" })).toBeVisible();
  const agreed = page.getByRole("form", { name: "Record an agreed action" });
  await agreed.getByLabel("What will be done").fill("Set up and drill a fallback for contract review");
  await agreed.getByLabel("Due date").fill("2027-03-31");
  await agreed.getByRole("button", { name: "Add to the plan" }).click();
  await expect(agreed.getByText('"Set up and drill a fallback for contract review" is in the remediation plan.')).toBeVisible();
  await expect(screen.getByRole("region", { name: /Agreed so far \(1\)/ })).toContainText("due 31 Mar 2027");

  // A reload comes back to the step on screen (saved, version-guarded).
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "7. Agree actions" })).toBeVisible();

  // End it: confirm first, then an assessment labelled with the workshop is frozen.
  await page.getByRole("button", { name: "End workshop…" }).click();
  await page.getByRole("button", { name: "End and freeze" }).click();
  await expect(page).toHaveURL(/\?ended=1$/);
  await expect(page.getByText("The workshop has ended. Its assessment is frozen")).toBeVisible();
  await expect(page.getByRole("region", { name: "Summary", exact: true })).toContainText("Ana Weber (CTO), Ben Okafor (risk officer)");
  // The summary PDF is made by the report job while we watch; then it reads as the workshop went.
  const download = page.getByRole("link", { name: "Download the workshop summary" });
  await expect(download).toBeVisible({ timeout: 90_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^sovra-workshop-summary-${slug}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  const text = await withTempDir(async (dir) => {
    const saved = path.join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    // Its logo is printed as a picture (pdfimages lists one line per image after two header lines).
    expect(pdfTool("pdfimages", saved, ["-list"]).trim().split("\n").length).toBeGreaterThan(2);
    return pdfTool("pdftotext", saved).replace(/\s+/g, " ");
  });
  for (const expected of [
    // The demo practice brands its reports for clients (decision 042).
    "Prepared by Northbridge Advisory",
    `WORKSHOP SUMMARY · WORKSHOP CLIENT ${tag.toUpperCase()}`,
    `Kick-off ${tag}`,
    "Attendees: Ana Weber (CTO), Ben Okafor (risk officer)",
    "When the workshop began: Very High · 100.0",
    "Captured in the workshop (2 AI systems)",
    "Customer service bot",
    "Contract review",
    "Top risks",
    "No scenario was run during the workshop.",
    "Set up and drill a fallback for contract review",
    "Contract review: Do we reach it through Azure instead? (verifies: Platform team)",
    "Customer service bot: When was the Mistral fallback last drilled? (verifies: Service team)",
    "Munich HQ: Is the headcount still 250 after the move? (verifies: HR)",
  ]) {
    expect(text).toContain(expected);
  }
  await page.getByRole("link", { name: "open it" }).click();
  await expect(page.getByText(`Workshop: Kick-off ${tag}`).first()).toBeVisible();

  // The agreed action is in the plan, the open fact is listed until someone confirms it.
  await page.goto(`/${slug}/remediation`);
  await expect(page.getByRole("table")).toContainText("Set up and drill a fallback for contract review");
  await page.goto(`/${slug}/workshops`);
  await expect(page.getByRole("heading", { name: /To verify \(3 open\)/ })).toBeVisible();
  await page.getByRole("button", { name: "Confirm Contract review" }).click();
  await expect(page.getByRole("heading", { name: /To verify \(2 open\)/ })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
