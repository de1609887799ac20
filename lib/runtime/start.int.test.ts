// `npm start` against a database it cannot reach: one clear line naming DATABASE_URL, exit 1.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "./database";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import pg from "pg";

const TSX = path.resolve("node_modules/.bin/tsx");

describe("npm start", () => {
  it("exits 1 with one line naming DATABASE_URL when PostgreSQL is unreachable", { timeout: 60_000 }, () => {
    const run = spawnSync(TSX, ["lib/runtime/start.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://sovra:secret@127.0.0.1:1/sovra", PORT: "3999" },
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sovra: Cannot connect to the database at DATABASE_URL=postgresql:\/\/sovra:\*\*\*@127\.0\.0\.1:1\/sovra .*ECONNREFUSED/);
    expect(run.stderr).not.toContain("secret");
  });

  it("refuses an invalid environment before touching anything", { timeout: 60_000 }, () => {
    const run = spawnSync(TSX, ["lib/runtime/start.ts"], { env: { ...process.env, DATABASE_URL: "mysql://x", PORT: "0" }, encoding: "utf8", timeout: 50_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: Invalid environment: DATABASE_URL: must be a postgresql:\/\/ URL; PORT: /);
  });
});

describe("npm start and the board report's Chromium sandbox (docs/decisions/032)", () => {
  const UNREACHABLE = { DATABASE_URL: "postgresql://sovra:secret@127.0.0.1:1/sovra", PORT: "3999" };
  const start = (env: Record<string, string>) => spawnSync(TSX, ["lib/runtime/start.ts"], { env: { ...process.env, ...UNREACHABLE, ...env }, encoding: "utf8", timeout: 50_000 });
  const asRoot = process.getuid?.() === 0;

  it("says once, on stdout, that the report's Chromium runs without its sandbox, and why", { timeout: 120_000 }, () => {
    const off = start({ SOVRA_CHROMIUM_SANDBOX: "off" });
    expect(off.stdout.match(/^sovra: the board report's Chromium runs without its sandbox: SOVRA_CHROMIUM_SANDBOX=off\. Run Sovra as an unprivileged user/gm)).toHaveLength(1);
    expect(off.stderr.trim().split("\n")).toHaveLength(1); // still only the database's line
    if (asRoot) {
      const auto = start({ SOVRA_CHROMIUM_SANDBOX: "auto" });
      expect(auto.stdout.match(/^sovra: the board report's Chromium runs without its sandbox: Sovra runs as root, and Chromium refuses its sandbox to root\./gm)).toHaveLength(1);
    }
    const workerOff = start({ SOVRA_CHROMIUM_SANDBOX: "off", SOVRA_REPORT_WORKER: "off" });
    expect(workerOff.stdout).not.toContain("sandbox"); // this instance renders no reports
  });

  it.skipIf(!asRoot)("refuses SOVRA_CHROMIUM_SANDBOX=on as root, where Chromium would never start", { timeout: 60_000 }, () => {
    const run = start({ SOVRA_CHROMIUM_SANDBOX: "on" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: SOVRA_CHROMIUM_SANDBOX=on, but Sovra runs as root, and Chromium refuses its sandbox to root\. Run Sovra as an unprivileged user .* Or set SOVRA_CHROMIUM_SANDBOX=auto\.$/);
  });

  it("refuses a SOVRA_CHROMIUM_SANDBOX that is not auto, on or off", { timeout: 60_000 }, () => {
    const run = start({ SOVRA_CHROMIUM_SANDBOX: "yes" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: Invalid environment: SOVRA_CHROMIUM_SANDBOX: /);
  });
});

describe("npm start and the embedded database's port (docs/decisions/033)", () => {
  /** Holds 127.0.0.1:`port` as another program would; undefined when something else holds it already. */
  const occupy = (port: number) =>
    new Promise<Server | undefined>((resolve, reject) => {
      const server = createServer((socket) => socket.destroy());
      server.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" ? resolve(undefined) : reject(e)));
      server.listen(port, "127.0.0.1", () => resolve(server));
    });
  /** Whether nothing listens on 127.0.0.1:`port`. */
  const isFree = async (port: number) => {
    const server = await occupy(port);
    if (!server) return false;
    await new Promise((resolve) => server.close(resolve));
    return true;
  };
  /**
   * Every process (pid and command) that still has SOVRA_DATA_DIR=`dataDir` in its environment:
   * whatever one start in that folder ran (start.ts, `next build`, the web server, its workers,
   * their esbuild), after `graceMs` for those already ending.
   */
  const processesOf = async (dataDir: string, graceMs = 5_000) => {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const found: string[] = [];
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`SOVRA_DATA_DIR=${dataDir}`)) {
            found.push(`${entry} ${readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`);
          }
        } catch {
          // ended meanwhile, or another user's
        }
      }
      if (found.length === 0 || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  /** The environment of a zero-setup start (no DATABASE_URL, no EMBEDDED_DB_PORT) in a data folder of its own, plus `extra`. */
  const embeddedEnv = (dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv => {
    const { DATABASE_URL: _url, EMBEDDED_DB_PORT: _port, ...env } = process.env;
    return { ...env, SOVRA_DATA_DIR: dataDir, PORT: "3998", SOVRA_REPORT_WORKER: "off", ...extra };
  };

  it("stops at once, naming the port and the fix, when the EMBEDDED_DB_PORT chosen is taken", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sovra-start-port-"));
    const taken = 55_000 + Math.floor(Math.random() * 900);
    const other = await occupy(taken);
    try {
      const started = Date.now();
      const run = spawnSync(TSX, ["lib/runtime/start.ts"], { env: embeddedEnv(dataDir, { EMBEDDED_DB_PORT: String(taken) }), encoding: "utf8", timeout: 50_000 });
      expect(Date.now() - started).toBeLessThan(20_000); // tsx's start-up; nothing waits on the port
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        `sovra: Port ${taken} of the embedded database (EMBEDDED_DB_PORT=${taken}) is taken by another program on 127.0.0.1. Stop that program, set EMBEDDED_DB_PORT to a free port, or unset it and Sovra picks a free one itself.`,
      );
    } finally {
      other?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  /**
   * `npm start` on the machine's PostgreSQL (the run's own database, so no embedded one to wait
   * for; the production build CI makes before these tests), with two web workers, detached so that
   * what is left of it can be ended in one go; answers once it says it is ready.
   */
  const startReady = async (dataDir: string, port: number) => {
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, SOVRA_DATA_DIR: dataDir, PORT: String(port), SOVRA_REPORT_WORKER: "off", SOVRA_WEB_WORKERS: "2", AUTH_SECRET: "start-stop-test-secret-start-stop-test-secret" };
    const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const run = { child, dataDir, output: "", exited: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
    child.stdout.on("data", (d: Buffer) => (run.output += d));
    child.stderr.on("data", (d: Buffer) => (run.output += d));
    const ready = await new Promise<boolean>((resolve) => {
      const deadline = setTimeout(() => resolve(false), 120_000);
      const look = () => {
        if (/^sovra: ready in /m.test(run.output) || child.exitCode !== null) {
          clearTimeout(deadline);
          resolve(/^sovra: ready in /m.test(run.output));
        }
      };
      child.stdout.on("data", look);
      child.stderr.on("data", look);
      child.once("exit", look);
    });
    expect(ready, `npm start's output:\n${run.output}`).toBe(true);
    // The web server and its two workers are up, with the data folder in their environment.
    expect((await processesOf(dataDir, 0)).filter((p) => p.includes("web-server.ts"))).toHaveLength(3);
    return run;
  };
  /**
   * Runs `stop` on a ready `npm start` in a data folder and on a port of its own (startReady), then
   * ends whatever is left of its process group and removes the folder, whatever `stop` asserted.
   */
  const withStarted = async (prefix: string, stop: (run: Awaited<ReturnType<typeof startReady>>, port: number) => Promise<void>) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
    const port = 39_000 + Math.floor(Math.random() * 900);
    let child: ChildProcess | undefined;
    try {
      const run = await startReady(dataDir, port);
      child = run.child;
      await stop(run, port);
      expect(await isFree(port)).toBe(true);
    } finally {
      try {
        if (child) process.kill(-child.pid!, "SIGKILL");
      } catch {
        // nothing left of the group
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  it("killed outright (SIGKILL to start.ts alone, as an out-of-memory kill would), it leaves no web server behind", { timeout: 150_000 }, () =>
    withStarted("sovra-start-kill-", async (run) => {
      run.child.kill("SIGKILL"); // start.ts alone: no handler of its own runs
      await run.exited;
      // Its web server notices its parent is gone (the IPC channel closes) and stops, workers and all.
      expect(await processesOf(run.dataDir, 20_000), `npm start's output:\n${run.output}`).toEqual([]);
    }));

  it("stopped (SIGTERM to its process group, as Playwright and supervisors stop it), it ends everything within seconds", { timeout: 150_000 }, () =>
    withStarted("sovra-start-stop-", async (run) => {
      const stoppedAt = Date.now();
      process.kill(-run.child.pid!, "SIGTERM");
      await run.exited;
      // The web server's IPC channel must not hold it open: held, it waited for its 10 s deadline,
      // start.ts with it, and Playwright's grace ran out before its databases were dropped.
      expect(await processesOf(run.dataDir, 8_000), `npm start's output:\n${run.output}`).toEqual([]);
      expect(Date.now() - stoppedAt).toBeLessThan(8_000);
    }));

  it("picks another port by itself, and says which, when the default port is taken; stopped, it leaves nothing running", { timeout: 150_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sovra-start-port-"));
    const other = await occupy(54329); // the default; taken either way
    // node itself, not the tsx CLI: the PID is start.ts's, to stop it once it has said the port.
    // Detached, it leads a process group of its own: what is left of it can be ended in one go.
    const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/start.ts"], { env: embeddedEnv(dataDir, {}), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    try {
      const said = await new Promise<RegExpExecArray | null>((resolve) => {
        const deadline = setTimeout(() => resolve(null), 120_000);
        const look = () => {
          const m = /^sovra: port 54329 \(the embedded database's default\) is taken by another program: the embedded PostgreSQL listens on (\d+) instead \(set EMBEDDED_DB_PORT to choose the port\)$/m.exec(output);
          if (m || child.exitCode !== null) {
            clearTimeout(deadline);
            resolve(m);
          }
        };
        child.stdout.on("data", look);
        child.stderr.on("data", look);
        child.once("exit", look);
      });
      expect(said, `npm start's output:\n${output}`).not.toBeNull();
      const port = Number(said![1]);
      expect(port).not.toBe(54329);

      // Stopped as a terminal or a supervisor stops it: SIGTERM to start.ts alone, here in the
      // middle of its migrations. It stopped the database, then once spawned the web server after
      // all and exited, leaving that server and its worker running (issue 18).
      child.kill("SIGTERM");
      const stopped = await Promise.race([exited, new Promise<"running">((r) => setTimeout(() => r("running"), 30_000))]);
      // Ended by its own handler, not the signal's default. Not always with 0: PGlite, closed while
      // a connection it served was cut mid-transaction, can end the process itself with 99.
      expect(stopped, `npm start's output:\n${output}`).toMatchObject({ signal: null });
      expect(await processesOf(dataDir), `npm start's output:\n${output}`).toEqual([]);
      expect(await isFree(port)).toBe(true); // the embedded database's
      expect(await isFree(3998)).toBe(true); // the web server's (PORT)
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // nothing left of the group
      }
      await exited;
      other?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("migrations", () => {
  it("apply from an empty database, then find nothing more to apply", { timeout: 60_000 }, async () => {
    const { name, url } = await createDatabase("sovra_migrate");
    try {
      const applied = await applyMigrations(url);
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      await client.end();
      expect(rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(["Organisation", "Membership", "Office", "Vendor", "Model", "AiSystem", "Dependency", "Fallback", "DataFlow", "PolicyEvent", "Scenario", "Assessment", "RemediationAction", "AuditEvent"]),
      );
    } finally {
      await dropDatabase(name);
    }
  });
});
