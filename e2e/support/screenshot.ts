// Takes the README screenshot of a running Sovra with the demo data:
//   npm start  (then, in another terminal)  npx tsx e2e/support/screenshot.ts http://localhost:3000 /mainfeld docs/screenshot.png
import { chromium } from "playwright-core";
import { chromiumLaunchOptions, chromiumPath } from "../../lib/runtime/chromium";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed-data";

const [base = "http://localhost:3000", route = "/mainfeld", out = "docs/screenshot.png"] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions(chromiumPath()));
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(DEMO_USERS[0]!.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto(`${base}${route}`);
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
