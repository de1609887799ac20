// The production web server: Next.js's request handler in N worker processes sharing one port
// (node:cluster). A Node process renders on one core; `next start` is one process, so on a
// machine with several cores it leaves all but one idle under load (docs/decisions/014).
// Run by lib/runtime/start.ts: `node --import tsx lib/runtime/web-server.ts`, with PORT and
// SOVRA_WEB_WORKERS in the environment.
//
// The primary only supervises: it serves nothing itself, and replaces a worker that dies (backing
// off when crashes follow each other), so that one crash never takes the site down. It does so for
// a single worker too: that is when a crash would leave nothing serving (docs/decisions/032).
// It also sums the workers' metrics when one of them is scraped (GET /api/metrics), so that a
// scrape sees the whole instance; each worker times and logs its requests (docs/decisions/050).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { aggregateMetricsForWorkers, reportMetricsToPrimary } from "../metrics/cluster";
import { scheduleRestart, WORKER_RESTART_POLICY, type CrashRow } from "./worker-restarts";

const port = Number(process.env.PORT ?? 3000);
const workers = Math.max(1, Number(process.env.SOVRA_WEB_WORKERS ?? 1));

if (cluster.isPrimary) supervise(workers);
else await serve();

function supervise(count: number) {
  let stopping = false;
  // Set once a worker listens. Before that, a worker that dies means the server cannot start (no
  // build, a broken one): the primary stops with an error for start.ts to report, as before.
  let served = false;
  let crashes: CrashRow | undefined;
  const pendingForks = new Set<NodeJS.Timeout>();

  const stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    for (const timer of pendingForks) clearTimeout(timer);
    // Signal the workers directly (worker.kill() first waits for a graceful IPC disconnect),
    // and end any that are still busy after 10 s, so that stopping never leaves them behind.
    const pids = Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : []));
    for (const pid of pids) signal(pid, "SIGTERM");
    setTimeout(() => {
      for (const pid of pids) signal(pid, "SIGKILL");
      process.exit(exitCode);
    }, 10_000).unref();
  };

  cluster.on("listening", () => {
    served = true;
  });
  cluster.on("exit", (worker, code, sig) => {
    if (stopping) return;
    const why = sig ?? `exit code ${code}`;
    if (!served) {
      console.error(`sovra: web worker ${worker.process.pid} exited before the server was up (${why}); stopping`);
      stop(typeof code === "number" && code !== 0 ? code : 1);
      return;
    }
    console.error(`sovra: web worker ${worker.process.pid} died (${why}); starting another`);
    const { row, delayMs } = scheduleRestart(crashes, Date.now());
    crashes = row;
    if (delayMs === 0) {
      cluster.fork();
      return;
    }
    console.error(
      `sovra: ${row.count} web worker crashes in a row, each within ${WORKER_RESTART_POLICY.windowMs / 1000} s of the last: the next worker starts in ${delayMs / 1000} s`,
    );
    const timer = setTimeout(() => {
      pendingForks.delete(timer);
      if (!stopping) cluster.fork();
    }, delayMs);
    pendingForks.add(timer);
  });

  // One worker has nobody to share with: it accepts its connections itself rather than through the
  // primary's round robin, which costs a handoff per connection and can strand one that arrives
  // just as the worker dies (docs/decisions/032). Several keep the round robin: Linux spreads
  // connections unevenly between processes accepting on one socket (Node's cluster docs).
  if (count === 1) cluster.schedulingPolicy = cluster.SCHED_NONE;
  aggregateMetricsForWorkers();
  for (let i = 0; i < count; i++) cluster.fork();
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  // Started by start.ts with an IPC channel: when start.ts is gone (killed outright, so it could not
  // stop us), the channel closes. Without this the server and its workers ran on as orphans.
  // Unreferenced, so that the channel alone never keeps this process up: stopping, it exits as soon
  // as its workers have (held open, it waited for its 10 s deadline, and start.ts with it).
  if (process.connected) {
    process.channel?.unref();
    process.on("disconnect", () => {
      if (!stopping) console.error("sovra: start.ts has gone; stopping the web server");
      stop(0);
    });
  }
}

const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

async function serve() {
  // Before listening: from then on the primary may ask this worker for its metrics.
  reportMetricsToPrimary();
  // Loaded in the workers only: the primary stays a small process.
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The socket's peer, for throttling by client address: route handlers and server actions see
  // only headers, so it is written into one, always overwriting what the client sent (decision 028).
  const { PEER_ADDRESS_HEADER, markPeerAddressHeaderTrusted } = await import("../auth/client-address");
  markPeerAddressHeaderTrusted();
  // Every request gets an id, carried by its log lines and the jobs it queues, and is timed under
  // its route template (from the build's manifest) and logged in one line when it ends.
  const { env } = await import("../env");
  const { loadRouteMatcher } = await import("../metrics/routes");
  const { observeRequests } = await import("../metrics/http");
  const observe = observeRequests({ routeOf: loadRouteMatcher(process.cwd()), trustedProxies: env().SOVRA_TRUSTED_PROXIES });
  const server = createServer((req, res) =>
    observe(req, res, () => {
      // TRACE (and CONNECT, TRACK) reach no route: Next cannot build a request of them and answered a
      // bare, logged 500. Refused here, before Next, with what every response carries.
      if (req.method && REFUSED_METHODS.has(req.method)) {
        res.writeHead(405, { allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store" });
        res.end("Method not allowed\n");
        return;
      }
      req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
      void handle(req, res);
    }),
  );
  server.listen(port);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref(); // requests still running after 5 s are abandoned
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Sends a signal to a process that may have ended meanwhile. */
function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
