// What the benchmarks share: start the production server detached (its own process group, so a
// server that ignores SIGTERM can be ended with its children), wait for it, stop it, and sign
// in as the demo owner with Chromium for a session cookie. Loopback addresses only.
import { spawn, type ChildProcess } from "node:child_process";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../lib/runtime/chromium";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed-data";

export const BENCH_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-bench";

/** `npm start`'s runner on `databaseUrl` and `port`, with extra environment (e.g. one web process). */
export function startServer(databaseUrl: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "lib/runtime/start.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), AUTH_SECRET: BENCH_AUTH_SECRET, ...env },
  });
}

export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

export async function waitForHealth(child: ChildProcess, base: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    if (await answers(`${base}/api/health`)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`);
}

/** SIGTERM (start.ts stops the web server and waits for it), then SIGKILL to the group after `graceMs`. */
export async function stopServer(child: ChildProcess, log: (msg: string) => void, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    log(`server ${child.pid} did not stop within ${graceMs / 1000} s: SIGKILL to its process group`);
    process.kill(-child.pid, "SIGKILL");
    await exited;
  }
}

/** Signs in as the demo owner through the sign-in page and answers the cookie header. */
export async function sessionCookie(base: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(DEMO_USERS[0]!.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}
