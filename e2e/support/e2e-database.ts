// Where a journey finds the database behind one of Playwright's web servers: e2e/support/serve.ts
// writes its fresh database's URL into a file named by the server's port, and removes it when it
// stops. Journeys that must set up what no screen can (a domain verified by DNS, an IdP's
// connection before the settings page exists in the story) read it from there.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function databaseUrlFile(port: number | string): string {
  return path.join(os.tmpdir(), `sovra-e2e-${port}.database-url`);
}

/** The demo server's database URL (playwright.config.ts: port E2E_PORT_BASE + 1). */
export function demoDatabaseUrl(): string {
  const port = Number(process.env.E2E_PORT_BASE ?? 3110) + 1;
  try {
    return readFileSync(databaseUrlFile(port), "utf8").trim();
  } catch {
    throw new Error(`no database URL for the demo server on port ${port} (${databaseUrlFile(port)}): is it running (playwright.config.ts)?`);
  }
}
