import cluster, { type Worker } from "node:cluster";
import { randomUUID } from "node:crypto";
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import { metrics } from "./registry";

// One scrape sees the whole instance (docs/decisions/050). Sovra's web server runs N processes
// (node:cluster) behind one port, and a scrape reaches one of them: that process asks the
// primary, which collects every serving process's metrics over the cluster's IPC channel, sums
// them with prom-client's aggregation (histogram buckets and counters add up; the pool gauges
// too), and answers. prom-client's own AggregatorRegistry.clusterMetrics() does the collecting
// part, but asks every connected process, including one still starting that has no listener yet
// and never answers (the scrape would then wait out a timeout after every restart); here only
// processes that listen are asked, and one that dies meanwhile is no longer waited for.
// Relative imports: the web server loads this outside Next's bundle; the route handler inside it.

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Process -> primary: "aggregate for me". */
const AGGREGATE = "sovra:metrics:aggregate";
/** Primary -> the process that asked: the instance's metrics text, or why not. */
const AGGREGATED = "sovra:metrics:aggregated";
/** Primary -> every serving process: "your metrics, please". */
const COLLECT = "sovra:metrics:collect";
/** Process -> primary: its metrics as JSON. */
const COLLECTED = "sovra:metrics:collected";

interface Message {
  type?: unknown;
  id?: unknown;
  text?: unknown;
  error?: unknown;
  metrics?: unknown;
}

const isMessage = (m: unknown): m is Message => typeof m === "object" && m !== null && "type" in m;

/** How long the primary waits for its processes, and a process for the primary (a scrape's own timeout is 10 s by default). */
export const CLUSTER_METRICS_TIMEOUT_MS = 4_000;

/**
 * In the primary: answers processes' requests for the instance's metrics. Call once, before forking.
 * @example if (cluster.isPrimary) { aggregateMetricsForWorkers(); cluster.fork(); }
 */
export function aggregateMetricsForWorkers(timeoutMs = CLUSTER_METRICS_TIMEOUT_MS): void {
  const serving = new Set<Worker>();
  const collections = new Map<string, { waiting: Set<Worker>; reports: MetricsJson[]; settle: (error?: string) => void }>();

  cluster.on("listening", (worker) => serving.add(worker));
  cluster.on("exit", (worker) => {
    serving.delete(worker);
    // A process that died is not waited for: the others' metrics still answer the scrape.
    for (const c of collections.values()) if (c.waiting.delete(worker) && c.waiting.size === 0) c.settle();
  });

  const collect = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const id = randomUUID();
      const waiting = new Set([...serving].filter((w) => w.isConnected()));
      const reports: MetricsJson[] = [];
      const timer = setTimeout(() => settle(`${waiting.size} web process(es) did not answer within ${timeoutMs} ms`), timeoutMs);
      function settle(error?: string) {
        if (!collections.delete(id)) return;
        clearTimeout(timer);
        if (error) reject(new Error(error));
        else AggregatorRegistry.aggregate(reports).metrics().then(resolve, reject);
      }
      collections.set(id, { waiting, reports, settle });
      if (waiting.size === 0) return settle();
      for (const worker of waiting) send(worker, { type: COLLECT, id });
    });

  cluster.on("message", (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === COLLECTED && typeof message.id === "string") {
      const c = collections.get(message.id);
      if (!c || !c.waiting.delete(worker)) return;
      if (typeof message.error === "string") return c.settle(message.error);
      if (Array.isArray(message.metrics)) c.reports.push(message.metrics as MetricsJson);
      if (c.waiting.size === 0) c.settle();
    } else if (message.type === AGGREGATE && typeof message.id === "string") {
      const id = message.id;
      collect().then(
        (text) => send(worker, { type: AGGREGATED, id, text }),
        (e: unknown) => send(worker, { type: AGGREGATED, id, error: (e as Error).message }),
      );
    }
  });
}

/** Sends to a process that may have gone meanwhile (its collection then settles without it). */
function send(worker: Worker, message: object) {
  try {
    worker.send(message);
  } catch {
    // disconnected
  }
}

/**
 * In a web process: hands this process's metrics to the primary when it collects. Call once, before listening.
 * @example reportMetricsToPrimary(); server.listen(port);
 */
export function reportMetricsToPrimary(): void {
  process.on("message", (message: unknown) => {
    if (!isMessage(message) || message.type !== COLLECT) return;
    const { id } = message;
    metrics()
      .registry.getMetricsAsJSON()
      .then(
        (json) => process.send?.({ type: COLLECTED, id, metrics: json }),
        (e: unknown) => process.send?.({ type: COLLECTED, id, error: (e as Error).message }),
      );
  });
}

/**
 * This process's metrics as Prometheus text: summed over every web process when it is one of
 * Sovra's web server's (asked of the primary), else its own (`next dev`, tests).
 * @example const text = await processMetricsText();
 */
export async function processMetricsText(timeoutMs = CLUSTER_METRICS_TIMEOUT_MS + 1_000): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics().registry.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const done = (error?: Error, text?: string) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      if (error) reject(error);
      else resolve(text ?? "");
    };
    const onMessage = (message: unknown) => {
      if (!isMessage(message) || message.type !== AGGREGATED || message.id !== id) return;
      if (typeof message.text === "string") done(undefined, message.text);
      else done(new Error(typeof message.error === "string" ? message.error : "the primary sent no metrics"));
    };
    const timer = setTimeout(() => done(new Error(`the web server's primary did not answer within ${timeoutMs} ms`)), timeoutMs);
    process.on("message", onMessage);
    process.send!({ type: AGGREGATE, id });
  });
}
