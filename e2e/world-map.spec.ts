import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

// The demo organisation's offices (prisma/seed-data.ts): two in Germany, one each elsewhere
// (other journeys may add more before this one runs).
const OFFICE_COUNTRIES = { DE: "Germany", FR: "France", GB: "United Kingdom", US: "United States", JP: "Japan", SG: "Singapore", IN: "India", BR: "Brazil" };

test("the owner sees the demo's offices and data flows on the Scores dashboard's world map, with the same figures in its tables", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner);
  const baseMap = page.waitForResponse((r) => new URL(r.url()).pathname === "/world-map.svg");
  await page.goto("/mainfeld/scores");

  const section = page.getByRole("region", { name: "Offices and data flows by country" });
  await expect(section).toBeVisible();
  const map = section.getByRole("img", { name: /World map of offices and data flows/ });
  await expect(map).toBeVisible();

  // One circle per office country (Singapore too, though 1:110m has no outline for it).
  for (const code of Object.keys(OFFICE_COUNTRIES)) await expect(map.locator(`circle[data-office="${code}"]`)).toHaveCount(1);
  await expect(map.locator('use[data-country="DE"]')).toBeVisible(); // the outline, by reference into the base map

  // At least one data flow is drawn as a line with an arrow, and its route is in the routes table.
  const firstRoute = map.locator("path[data-route]").first();
  await expect(firstRoute).toBeVisible();
  const [from, to] = (await firstRoute.getAttribute("data-route"))!.split("-");
  await expect(firstRoute).toHaveAttribute("marker-end", /^url\(#world-map-arrow-/);

  // The base map comes from the server, is an SVG, and is cached for good.
  const response = await baseMap;
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
  expect(response.headers()["cache-control"]).toContain("immutable");

  // The tables behind the map: every office country with its offices and headcount; the drawn route.
  const countries = section.getByRole("table", { name: "Offices, people and data flows by country" });
  await expect(countries.getByRole("columnheader")).toHaveText([
    "Country",
    "Offices",
    "Headcount",
    "AI systems used",
    "Flows out",
    "Flows processed here",
    "Data sent",
    "Data processed here",
    "Weakest AI system",
  ]);
  for (const [code, name] of Object.entries(OFFICE_COUNTRIES)) await expect(countries.getByRole("rowheader", { name: `${name} (${code})` })).toHaveCount(1);
  // Other journeys add offices (e.g. in Poland and Portugal) to the same demo organisation: as
  // many circles as the table has countries with offices, whichever they are.
  const officeCounts = await countries.getByRole("row").evaluateAll((rows) => rows.slice(1).map((r) => Number(r.querySelectorAll("td")[0]?.textContent?.replace(/\D/g, "") || 0)));
  await expect(map.locator("circle[data-office]")).toHaveCount(officeCounts.filter((n) => n > 0).length);
  const germany = countries.getByRole("row", { name: /^Germany \(DE\)/ });
  await expect(germany.getByRole("cell").nth(0)).toHaveText("2");
  await expect(germany.getByRole("cell").nth(1)).toHaveText("3,630");

  const routes = section.getByRole("table", { name: /Data flows from the offices' country/ });
  const names = await countries.getByRole("rowheader").allInnerTexts();
  const nameOf = (code: string) => names.find((n) => n.endsWith(`(${code})`))!.replace(/ \([A-Z]{2}\)$/, "");
  await expect(routes.getByRole("row", { name: new RegExp(`^${nameOf(from!)} ${nameOf(to!)} \\d+`) })).toHaveCount(1);

  // On screen the tables are for screen readers only (clipped away); in print they flow under the map.
  const clipped = () => countries.evaluate((t) => getComputedStyle(t).position === "absolute" && getComputedStyle(t).clipPath !== "none");
  expect(await clipped()).toBe(true);
  await page.emulateMedia({ media: "print" });
  expect(await clipped()).toBe(false);
  const [mapBox, tableBox] = [await map.boundingBox(), await countries.boundingBox()];
  expect(tableBox!.y).toBeGreaterThan(mapBox!.y + mapBox!.height);
});
