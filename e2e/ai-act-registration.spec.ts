import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./support/demo";
import { pdfTool, withTempDir } from "../lib/testing/pdf-tools";

// The EU AI Act registration pack (issue 16, decision 046): the CTO completes the HR policy
// chatbot's half-filled Annex VIII C registration (a bad URL is refused under its field and
// nothing typed is lost), and the risk officer downloads the pack as a PDF that holds the answers
// and no longer says anything is missing.

test("the CTO completes a registration and the risk officer downloads it as a filled PDF form", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.editor);
  await page.goto("/mainfeld/inventory/ai-systems");
  await page.getByRole("link", { name: "HR policy chatbot" }).first().click();
  const section = page.getByRole("region", { name: /EU AI Act registration/ });
  await expect(section.getByText(/Still missing \(4\)/)).toBeVisible();

  await section.getByText("Edit registration").click();
  const form = section.getByRole("form", { name: "EU AI Act registration" });
  await form.getByLabel("Address of the person submitting").fill("HR department, Mainzer Landstraße 180, 60327 Frankfurt am Main");
  await form.getByLabel("Contact details of the person submitting").fill("miriam.schulz@mainfeld.example");
  await form.getByLabel("Provider's EU database entry (URL)").fill("http://ec.europa.eu/database/entry/123");
  await form.getByLabel("No data protection impact assessment applies").check();
  await form.getByRole("button", { name: "Save registration" }).click();
  await expect(form.getByText(/https/).first()).toBeVisible();
  await expect(form.getByLabel("Contact details of the person submitting")).toHaveValue("miriam.schulz@mainfeld.example");

  await form.getByLabel("Provider's EU database entry (URL)").fill("https://ec.europa.eu/database/entry/123");
  await form.getByRole("button", { name: "Save registration" }).click();
  await expect(section.getByText(/Still missing/)).toHaveCount(0);
  await expect(section.getByText("miriam.schulz@mainfeld.example").first()).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.analyst);
  await page.goto("/mainfeld/reports");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download registration pack (PDF)" }).click()]);
  const text = await withTempDir(async (dir) => {
    const saved = `${dir}/pack.pdf`;
    await download.saveAs(saved);
    return pdfTool("pdftotext", saved).replace(/\s+/g, " ");
  });
  expect(text).toContain("Registration of the use of a high-risk AI system: HR policy chatbot");
  expect(text).toContain("https://ec.europa.eu/database/entry/123");
  expect(text).toContain("miriam.schulz@mainfeld.example");
  expect(text).not.toContain("Still missing");
});
