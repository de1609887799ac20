import { expect, test } from "@playwright/test";
import { CONSULTANT, signIn } from "./support/demo";

// Invitation links to a practice (issue 15): the partner of the demo practice makes a consultant
// link, someone without an account opens it in their own browser, creates one and lands on the
// practice's portfolio; the partner's settings then list them. A revoked link says it is not
// valid. The journey removes its newcomer at the end, so the practice keeps the demo's two people
// that later journeys count.

const PRACTICE = "/practices/northbridge-advisory";

test("a partner invites a consultant by link: they create an account and land on the portfolio; a revoked link is not valid", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const name = `Ines Novak ${tag}`;
  const email = `ines-${tag}@northbridge.example`;
  await signIn(page, CONSULTANT);
  await page.goto(`${PRACTICE}/settings`);
  const invite = page.getByRole("region", { name: "Invite by link" });
  await invite.getByLabel("Role in the practice").selectOption("consultant");
  await invite.getByRole("button", { name: "Make invitation link" }).click();
  await expect(invite.getByText("Invitation link (shown once)")).toBeVisible();
  const link = await invite.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/practice-invite\/[A-Za-z0-9_-]{43}$/);
  await expect(invite.getByRole("listitem").filter({ hasText: "Consultant for anyone with the link" })).toHaveCount(1);

  // The newcomer, in a browser of their own without a session.
  const context = await browser.newContext();
  const joiner = await context.newPage();
  await joiner.goto(link);
  await expect(joiner.getByRole("heading", { level: 1, name: "Join Northbridge Advisory as Consultant" })).toBeVisible();
  await joiner.getByLabel("Your name").fill(name);
  await joiner.getByLabel("Email").fill(email);
  await joiner.getByLabel("Password").fill("a-long-northbridge-password");
  await joiner.getByRole("button", { name: "Create account and join" }).click();
  await expect(joiner).toHaveURL(new RegExp(`${PRACTICE}$`));
  await expect(joiner.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await context.close();

  // The partner sees the new member, as consultant; the used link is no longer waiting.
  await page.reload();
  const member = page.getByRole("listitem").filter({ hasText: email });
  await expect(member).toContainText(name);
  await expect(member.getByLabel(`Practice role of ${name}`)).toHaveValue("consultant");
  await expect(invite.getByText("No invitation link is waiting to be used.")).toBeVisible();

  // A second link, made out to an address, revoked before it is used: it no longer opens.
  await invite.getByLabel("Email (optional)").fill(`late-${tag}@example.test`);
  await invite.getByRole("button", { name: "Make invitation link" }).click();
  await expect(invite.getByText("Invitation link (shown once)")).toBeVisible();
  const revokedLink = await invite.getByLabel("Invitation link").inputValue();
  const pending = invite.getByRole("listitem").filter({ hasText: `late-${tag}@example.test` });
  await pending.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this invitation?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(pending).toHaveCount(0);
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(revokedLink);
  await expect(strangerPage.getByRole("heading", { level: 1, name: "This invitation is not valid" })).toBeVisible();
  await expect(strangerPage.getByLabel("Your name")).toHaveCount(0);
  await stranger.close();

  // Leave the practice as the demo has it.
  await member.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: `Remove ${name} from the practice?` }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);
});
