// The sum over a cluster's processes, without a build: lib/testing/metrics-cluster-server.ts
// wires a primary and two processes as lib/runtime/web-server.ts does, and a scrape that reaches
// either process sees both. (The web server itself, with Next, is tested with a production build
// in lib/runtime/web-server.int.test.ts.)
import { spawn, type ChildProcess } from "node:child_process";
import { get } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SERVER = path.resolve("lib/testing/metrics-cluster-server.ts");
const TSX = path.resolve("node_modules/tsx/dist/loader.mjs");

/** A GET on a new connection each time, so that the cluster's round robin spreads them; given up after 3 s. */
const fetchText = (port: number, pathname: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(3_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });

const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}[\]()+.*?^$|\\]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

describe("the metrics of a cluster of web processes", () => {
  let child: ChildProcess;
  let port: number;
  let output = "";
  let pids: number[] = [];

  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    child = spawn(process.execPath, ["--import", TSX, SERVER], { env: { ...process.env, PORT: String(port), WORKERS: "2" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    // Both processes serve: the round robin has answered from two pids.
    const seen = new Set<number>();
    const deadline = Date.now() + 30_000;
    while (seen.size < 2) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the cluster did not start:\n${output}`);
      try {
        seen.add(Number((await fetchText(port, "/pid")).body));
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    pids = [...seen];
  }, 40_000);

  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("sums every process's counters and histograms, whichever process is scraped", async () => {
    for (let i = 0; i < 10; i++) await fetchText(port, "/count");
    const scrapes = await Promise.all(Array.from({ length: 4 }, () => fetchText(port, "/metrics")));
    for (const { status, body } of scrapes) {
      expect(status, body).toBe(200);
      expect(value(body, 'sovra_report_failures_total{kind="board",outcome="failed"}')).toBe(2); // one per process
      expect(value(body, 'sovra_report_failures_total{kind="board",outcome="retried"}')).toBe(10);
      expect(body).toContain("# TYPE sovra_http_request_duration_seconds histogram");
      expect(value(body, "process_resident_memory_bytes")).toBeGreaterThan(0);
    }
  });

  it("still answers when a process dies, with the ones that are left", { timeout: 30_000 }, async () => {
    process.kill(pids[0]!, "SIGKILL");
    // The survivor answers alone (the dead one's connections are refused or reset while it goes).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await fetchText(port, "/metrics").catch(() => null);
      if (res?.status === 200 && value(res.body, 'sovra_report_failures_total{kind="board",outcome="failed"}') === 1) break;
      if (Date.now() > deadline) throw new Error(`no answer from the survivor alone: ${res?.status} ${res?.body.slice(0, 300)}\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
