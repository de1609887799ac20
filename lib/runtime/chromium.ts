import { accessSync, constants } from "node:fs";

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

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium: the browser journeys' and benchmarks' browser. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Debian's package chromium-headless-shell: Chromium's headless-only build, without the browser's own UI.
 * The binary itself, not /usr/bin/chromium-headless-shell: that is a shell script that runs it as
 * its child without exec, so the browser would not be the process Playwright starts and stops.
 */
export const HEADLESS_SHELL_PATH = "/usr/lib/chromium/chromium-headless-shell";

/**
 * The browser that prints the board report: CHROMIUM_PATH when set; else the headless shell when
 * it is installed, which prints a report ~35% faster than the full browser here (the full browser
 * in headless mode still loads its own UI pages, such as the address bar's popup, into every new
 * window: decision 024); else /usr/bin/chromium.
 */
export function reportChromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    accessSync(HEADLESS_SHELL_PATH, constants.X_OK);
    return HEADLESS_SHELL_PATH;
  } catch {
    return "/usr/bin/chromium";
  }
}
