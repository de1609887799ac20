// Starts Sovra exactly as README's quick start does (`npm start`, no DATABASE_URL: embedded
// database in a fresh data folder), signs in with the demo account it prints, and stops it as
// Ctrl-C or a service manager would: a signal to npm alone, after which nothing it started may
// be left running and the embedded database must have been closed (its lock released).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT_BASE ?? 3110) + 2;
let app: ChildProcess | undefined;
let output = "";
let timeline = ""; // the same output, each chunk stamped with the seconds since the start: where it stalls, if it does
let dataDir: string | undefined; // made in the test: the runner loads this file in more than one process

test.afterAll(async () => {
  if (app?.pid && app.exitCode === null && app.signalCode === null) {
    process.kill(-app.pid, "SIGTERM"); // the process group we started: npm, start.ts and the web server
    await new Promise((r) => app!.once("exit", r));
  }
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGKILL"); // whatever of the group outlived npm (the test has failed then)
    } catch {
      // none
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("npm start on a fresh clone serves the demo, and the printed sign-in works", async ({ page }) => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "sovra-quick-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), SOVRA_DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(PORT + 51_000) };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  app = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const t0 = Date.now();
  const collect = (d: Buffer) => {
    output += d;
    timeline += `[+${((Date.now() - t0) / 1000).toFixed(1)} s] ${d}`;
  };
  app.stdout!.on("data", collect);
  app.stderr!.on("data", collect);

  await expect
    .poll(() => output, { timeout: 150_000, message: "npm start prints the demo sign-in" })
    .toMatch(/demo sign-in: (\S+) \/ (\S+)/)
    .catch((e: Error) => {
      throw new Error(`${e.message}\n\nnpm start's output with the seconds since it was started:\n${timeline}`);
    });
  const [, email, password] = /demo sign-in: (\S+) \/ (\S+)/.exec(output)!;
  expect(output).toMatch(new RegExp(`ready in [\\d.]+ s at http://localhost:${PORT}`));

  await page.goto(`http://127.0.0.1:${PORT}/sign-in`);
  await page.getByLabel("Email").fill(email!);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mainfeld Maschinenbau AG" })).toBeVisible();

  // SIGTERM to npm alone: it passes the signal on to start.ts (the script `exec`s node, so no shell
  // stands between them to die and orphan it), which stops the web server and closes the database.
  const exited = new Promise((r) => app!.once("exit", r));
  app.kill("SIGTERM");
  await exited;
  const groupAlive = () => {
    try {
      process.kill(-app!.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  await expect.poll(groupAlive, { timeout: 30_000, message: "every process npm start started has ended" }).toBe(false);
  expect(existsSync(path.join(dataDir, "pglite.lock")), "the embedded database was closed").toBe(false);
});
