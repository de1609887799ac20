import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/demo";

// Every page type, as each role, at 1440 and 390 px: no console error, no hydration warning, no
// page wider than the window, and (at 1440, for the owner and the viewer, whose pages differ the
// most) no serious or critical axe violation. Issue 14: the mistakes this catches were each
// found by hand before (a country named differently on server and browser, a Scores page
// 1758 px wide, focusable charts inside aria-hidden, hints at 2.3:1 contrast).

const ORG = "/mainfeld";

/** The pages to visit: fixed paths, then a record's page found through its list's first link. */
const PAGES: { path: string; firstLinkIn?: string; roles?: (keyof typeof DEMO)[] }[] = [
  { path: ORG },
  { path: `${ORG}/inventory` },
  { path: `${ORG}/inventory/offices` },
  { path: `${ORG}/inventory/offices`, firstLinkIn: "table" },
  { path: `${ORG}/inventory/vendors` },
  { path: `${ORG}/inventory/vendors`, firstLinkIn: "table" },
  { path: `${ORG}/inventory/models` },
  { path: `${ORG}/inventory/models`, firstLinkIn: "table" },
  { path: `${ORG}/inventory/ai-systems` },
  { path: `${ORG}/inventory/ai-systems`, firstLinkIn: "table" },
  { path: `${ORG}/inventory/data-flows` },
  { path: `${ORG}/inventory/data-flows`, firstLinkIn: "table" },
  { path: `${ORG}/inventory/import` },
  { path: `${ORG}/inventory/offices/new`, roles: ["owner", "editor"] },
  { path: `${ORG}/inventory/vendors/new`, roles: ["owner", "editor"] },
  { path: `${ORG}/inventory/ai-systems/new`, roles: ["owner", "editor"] },
  { path: `${ORG}/inventory/data-flows/new`, roles: ["owner", "editor"] },
  { path: `${ORG}/scores` },
  { path: `${ORG}/scores/assessments` },
  { path: `${ORG}/scores/assessments`, firstLinkIn: "main table" },
  { path: `${ORG}/scenarios` },
  { path: `${ORG}/scenarios`, firstLinkIn: "main table" },
  { path: `${ORG}/scenarios/new`, roles: ["owner", "analyst"] },
  { path: `${ORG}/scenarios/policy-events` },
  { path: `${ORG}/remediation` },
  { path: `${ORG}/reports` },
  { path: `${ORG}/settings` },
  { path: `${ORG}/settings/members` },
  { path: `${ORG}/settings/api-tokens` },
  { path: `${ORG}/settings/audit`, roles: ["owner", "analyst"] },
  { path: `${ORG}/account` },
];

/** Console lines that are not the page's fault: none so far. Each entry needs its reason. */
const TOLERATED: RegExp[] = [];

async function sweep(page: Page, role: keyof typeof DEMO, width: number, axe: boolean) {
  const problems: string[] = [];
  let where = "";
  page.on("console", (m) => {
    if ((m.type() === "error" || /hydrat|did not match/i.test(m.text())) && !TOLERATED.some((t) => t.test(m.text()))) problems.push(`${where}: console ${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => problems.push(`${where}: uncaught ${e.message.slice(0, 300)}`));
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, DEMO[role]);
  for (const { path, firstLinkIn, roles } of PAGES) {
    if (roles && !roles.includes(role)) continue;
    where = `${role} @${width} ${path}${firstLinkIn ? " (first record)" : ""}`;
    const response = await page.goto(path);
    if (firstLinkIn) {
      const link = page.locator(`${firstLinkIn} a[href^="${path}/"]`).first();
      if ((await link.count()) === 0) {
        problems.push(`${where}: no record to open`);
        continue;
      }
      await Promise.all([page.waitForURL((u) => u.pathname !== path), link.click()]);
      where += ` ${new URL(page.url()).pathname}`;
    } else {
      expect(response?.status(), where).toBeLessThan(400);
    }
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) problems.push(`${where}: ${overflow} px wider than the window`);
    if (axe) {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of results.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
        problems.push(`${where}: axe ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      }
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
}

for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  for (const width of [1440, 390]) {
    test(`every page as the ${role} at ${width} px: no console error, no overflow${width === 1440 && (role === "owner" || role === "viewer") ? ", no serious axe violation" : ""}`, async ({ page }) => {
      test.setTimeout(300_000);
      await sweep(page, role, width, width === 1440 && (role === "owner" || role === "viewer"));
    });
  }
}
