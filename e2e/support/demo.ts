import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed-data";

export { DEMO_PASSWORD };
export const DEMO = { owner: "demo@sovra.example", editor: "cto@sovra.example", analyst: "risk@sovra.example", viewer: "board@sovra.example" } as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page) {
  await page.getByText(/^[A-Z]{1,2}$/).first().click(); // the avatar opens the account menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
