// Debian's Chromium as every part of Sovra starts it: the board report's renderer, the browser
// journeys (playwright.config.ts) and the benchmarks. No `playwright install`: nothing is downloaded.

/** The flags without which headless Chromium stalls here on refused connections (docs/ENVIRONMENT). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";
