import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions, chromiumPath } from "./lib/runtime/chromium";

// Journeys in Debian's Chromium (no `playwright install`: nothing is downloaded) against the
// production build. Build first (`npm run build`; `npm test` does). Each web server gets a fresh
// database: one empty (first run), one with the demo data that the journeys share (and change),
// and one with the demo data as a new user first finds it (the "switched off now" story).
// E2E_PORT_BASE moves all ports (base, +1, +2 for the quick-start test, +3) when 3110-3113 are taken.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3110);
const EMPTY_PORT = PORT_BASE;
const DEMO_PORT = PORT_BASE + 1;
const STORY_PORT = PORT_BASE + 3;

// The demo's Mainfeld (12 AI systems, more as journeys add some) prints its board report in parts
// (the main sections, then Appendix B in slices of 5 systems), Albion (3) as one document: the
// board report journey reads both from the real print route.
const REPORT_PARTS_FOR_JOURNEYS = { SOVRA_REPORT_SINGLE_DOCUMENT_MAX_SYSTEMS: "6", SOVRA_REPORT_SYSTEMS_PER_PART: "5" };

const server = (port: number, args: string, env: Record<string, string> = {}) => ({
  command: `node --import tsx e2e/support/serve.ts --port ${port} ${args}`,
  url: `http://127.0.0.1:${port}/api/health`,
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
  env: { ...(process.env as Record<string, string>), ...env },
});

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1, // 2 cores: one browser at a time
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: chromiumLaunchOptions(chromiumPath()),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "first-run", testMatch: /first-run\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${EMPTY_PORT}` } },
    { name: "demo", testMatch: /\.spec\.ts$/, testIgnore: /(first-run|quick-start|switched-off|scale-out)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` } },
    { name: "story", testMatch: /switched-off\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${STORY_PORT}` } },
    { name: "quick-start", testMatch: /quick-start\.spec\.ts/ },
    // Starts its own instances, database and balancer (ports base+20 to base+23).
    { name: "scale-out", testMatch: /scale-out\.spec\.ts/ },
  ],
  webServer: [server(EMPTY_PORT, "--name e2e_empty"), server(DEMO_PORT, "--name e2e_demo --seed", { ...REPORT_PARTS_FOR_JOURNEYS, SOVRA_DNS_SERVERS: "127.0.0.1:" + (PORT_BASE + 12) }), server(STORY_PORT, "--name e2e_story --seed")],
});
