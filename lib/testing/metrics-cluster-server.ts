// A stand-in for Sovra's web server's cluster in lib/metrics/cluster.unit.test.ts: a primary that
// aggregates, and WORKERS processes that each record metrics and answer on one port, as
// lib/runtime/web-server.ts wires them, without Next (so without a build).
//   GET /pid      this process's pid
//   GET /count    adds 1 to sovra_report_failures_total{kind="board",outcome="retried"} here
//   GET /metrics  the instance's metrics, as /api/metrics gets them (processMetricsText)
// Each process adds 1 to sovra_report_failures_total{kind="board",outcome="failed"} at start.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { aggregateMetricsForWorkers, processMetricsText, reportMetricsToPrimary } from "../metrics/cluster";
import { metrics } from "../metrics/registry";

const port = Number(process.env.PORT);

if (cluster.isPrimary) {
  aggregateMetricsForWorkers();
  for (let i = 0; i < Number(process.env.WORKERS ?? 2); i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    process.exit(0);
  });
} else {
  reportMetricsToPrimary();
  metrics().reportFailures.inc({ kind: "board", outcome: "failed" });
  createServer((req, res) => {
    if (req.url === "/pid") return void res.end(String(process.pid));
    if (req.url === "/count") {
      metrics().reportFailures.inc({ kind: "board", outcome: "retried" });
      return void res.end(String(process.pid));
    }
    processMetricsText().then(
      (text) => res.end(text),
      (e: Error) => {
        res.statusCode = 503;
        res.end(e.message);
      },
    );
  }).listen(port, "127.0.0.1");
}
