import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed-data";

export { DEMO_PASSWORD };
export const DEMO = { owner: "demo@sovra.example", editor: "cto@sovra.example", analyst: "risk@sovra.example", viewer: "board@sovra.example" } as const;
/** The partner of the demo consultancy (Northbridge Advisory), a member of no organisation. */
export const CONSULTANT = "consultant@sovra.example";

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

/**
 * An assessment of the organisation's inventory as it stands, whatever earlier journeys did: frozen
 * now through the API (201), or the latest already records it (409). Answers its id. Journeys that
 * need one call this instead of branching on what the page happens to show.
 */
export async function currentAssessmentId(page: Page, org: string): Promise<string> {
  const frozen = await page.request.post(`/api/v1/orgs/${org}/assessments`, { data: { note: "For the board report" } });
  expect([201, 409], await frozen.text()).toContain(frozen.status());
  if (frozen.status() === 201) return ((await frozen.json()) as { id: string }).id;
  const list = await page.request.get(`/api/v1/orgs/${org}/assessments`);
  const items = ((await list.json()) as { items: { id: string }[] }).items;
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.id; // newest first
}
