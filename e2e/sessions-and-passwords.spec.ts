import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { DEMO, signIn, signOut } from "./support/demo";

// Sessions end on the server, weak passwords are refused as one types, and an owner's reset link
// lets a member back in (docs/decisions/028). Works in Albion (Mainfeld's journeys stay as they are).
const ALBION_OWNER = "albion.owner@sovra.example";
const STRONG = "lilac otter quarry tuesday";

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie, "a session cookie after sign-in").toBeTruthy();
  // Out of reach of page scripts, and not sent with cross-site subrequests or POSTs.
  expect(cookie!.httpOnly, "the session cookie is HttpOnly").toBe(true);
  expect(cookie!.sameSite).toBe("Lax");
  return cookie!;
}

async function newBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test("signing out ends the session: a copy of its cookie opens nothing afterwards", async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.viewer);
  const copied = await sessionCookie(page.context());
  await signOut(page);

  const thief = await newBrowser(browser, baseURL);
  await thief.context.addCookies([copied]);
  await thief.page.goto("/mainfeld");
  await expect(thief.page).toHaveURL(/\/sign-in/);
  const api = await thief.context.request.get("/api/v1/orgs/mainfeld/offices");
  expect(api.status()).toBe(401);
  await thief.context.close();
});

test("a new member's password is judged as they type; an owner's reset link and 'sign out everywhere' end their sessions", async ({ page, browser, baseURL }) => {
  const email = `nina.${Date.now()}@albion.example`;

  // The owner invites by link.
  await signIn(page, ALBION_OWNER);
  await page.goto("/albion-mutual/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invitation = await page.getByLabel("Invitation link").inputValue();

  // The newcomer: a breached password is called out while typing and refused on submit.
  const nina = await newBrowser(browser, baseURL);
  await nina.page.goto(invitation);
  await nina.page.getByLabel("Your name").fill("Nina Newcomer");
  await nina.page.getByLabel("Email").fill(email);
  await expect(nina.page.getByLabel("Password")).toHaveAttribute("type", "password");
  await expect(nina.page.getByLabel("Password")).toHaveAttribute("autocomplete", "new-password");
  await nina.page.getByLabel("Password").fill("password1234");
  await expect(nina.page.getByText(/Strength: .+ \(not accepted\)/)).toBeVisible();
  await expect(nina.page.getByText("This password appears in lists of breached or common passwords")).toBeVisible();
  await nina.page.getByRole("button", { name: "Create account and join" }).click();
  // The server's answer (the meter said the same before): the field is marked, and the form was emptied.
  await expect(nina.page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(nina.page.getByText("This password appears in lists of breached or common passwords")).toBeVisible();
  await expect(nina.page).toHaveURL(/\/invite\//);

  await nina.page.getByLabel("Password").fill(STRONG);
  await expect(nina.page.getByText(/Strength: (Strong|Very strong)$/)).toBeVisible();
  await nina.page.getByRole("button", { name: "Create account and join" }).click();
  await expect(nina.page).toHaveURL(/\/albion-mutual$/);

  // A second browser of hers, for "sign out everywhere" below.
  const ninaPhone = await newBrowser(browser, baseURL);
  await signIn(ninaPhone.page, email, STRONG);

  // The owner issues a one-time reset link; Nina sets a new password with it.
  await page.reload();
  await page.getByRole("button", { name: "Reset password of Nina Newcomer" }).click();
  const resetLink = await page.getByLabel("Password reset link for Nina Newcomer").inputValue();
  expect(resetLink).toMatch(/\/sign-in\/reset\/[A-Za-z0-9_-]{43}$/);

  const elsewhere = await newBrowser(browser, baseURL);
  await elsewhere.page.goto(resetLink);
  await elsewhere.page.getByLabel("New password").fill(`${STRONG} again`);
  await elsewhere.page.getByRole("button", { name: "Set new password" }).click();
  await expect(elsewhere.page).toHaveURL(/\/sign-in\?reset=done/);
  await expect(elsewhere.page.getByText("Your new password is set")).toBeVisible();

  // Both of her earlier browsers are signed out; the link is used up.
  await nina.page.reload();
  await expect(nina.page).toHaveURL(/\/sign-in/);
  await ninaPhone.page.reload();
  await expect(ninaPhone.page).toHaveURL(/\/sign-in/);
  await elsewhere.page.goto(resetLink);
  await expect(elsewhere.page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();

  // With the new password she signs in twice, then signs out everywhere from her account page.
  await signIn(nina.page, email, `${STRONG} again`);
  await signIn(ninaPhone.page, email, `${STRONG} again`);
  await ninaPhone.page.goto("/albion-mutual/account");
  await expect(ninaPhone.page.getByRole("table", { name: /Where you are signed in/ })).toContainText("this browser");
  await ninaPhone.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(ninaPhone.page).toHaveURL(/\/sign-in/);
  await nina.page.reload();
  await expect(nina.page).toHaveURL(/\/sign-in/);

  for (const b of [nina, ninaPhone, elsewhere]) await b.context.close();
});

test("a member changes their password on the account page; their other browser is signed out", async ({ page, browser, baseURL }) => {
  const email = `otto.${Date.now()}@albion.example`;
  await signIn(page, ALBION_OWNER);
  await page.goto("/albion-mutual/settings/members");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invitation = await page.getByLabel("Invitation link").inputValue();

  const otto = await newBrowser(browser, baseURL);
  await otto.page.goto(invitation);
  await otto.page.getByLabel("Your name").fill("Otto Member");
  await otto.page.getByLabel("Email").fill(email);
  await otto.page.getByLabel("Password").fill(STRONG);
  await otto.page.getByRole("button", { name: "Create account and join" }).click();
  await expect(otto.page).toHaveURL(/\/albion-mutual$/);
  const laptop = await newBrowser(browser, baseURL);
  await signIn(laptop.page, email, STRONG);

  await otto.page.goto("/albion-mutual/account");
  await expect(otto.page.getByLabel("Current password")).toHaveAttribute("type", "password");
  await expect(otto.page.getByLabel("New password")).toHaveAttribute("type", "password");
  await otto.page.getByLabel("Current password").fill("not my password");
  await otto.page.getByLabel("New password").fill("Otto Member 2026");
  await otto.page.getByRole("button", { name: "Change password" }).click();
  // The server's answer, not only the meter's: the new password is marked, and the form was emptied.
  await expect(otto.page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await expect(otto.page.getByText("Do not build your password from your name")).toBeVisible();

  await otto.page.getByLabel("Current password").fill(STRONG);
  await otto.page.getByLabel("New password").fill("amber walrus kettle sunday");
  await otto.page.getByRole("button", { name: "Change password" }).click();
  await expect(otto.page.getByText(/Password changed\. You were signed out on 1 other browser\./)).toBeVisible();
  await laptop.page.reload();
  await expect(laptop.page).toHaveURL(/\/sign-in/);
  await otto.page.reload();
  await expect(otto.page).toHaveURL(/\/albion-mutual\/account$/);

  for (const b of [otto, laptop]) await b.context.close();
});

test("repeated wrong passwords for one account are slowed down, whatever X-Forwarded-For says", async ({ page }) => {
  const email = `nobody.${Date.now()}@albion.example`;
  const alert = page.locator("form").getByRole("alert");
  const button = page.getByRole("button", { name: "Sign in" });
  await page.goto("/sign-in");
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");
  let attempts = 0;
  // 5 failures are free; after that each try must wait (2 s, then 4 s, ...), forged address or not.
  while (attempts < 8) {
    attempts++;
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${attempts}` });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${attempts}`);
    await button.click();
    await expect(alert).toBeVisible();
    await expect(button).toBeEnabled();
    if (/Too many failed sign-in attempts/.test((await alert.textContent()) ?? "")) break;
  }
  await expect(alert).toHaveText(/Too many failed sign-in attempts\. Try again in \d+ seconds?\./);
  expect(attempts).toBeGreaterThan(5);
});
