// The production web server: Next.js's request handler in N worker processes sharing one port
// (node:cluster). A Node process renders on one core; `next start` is one process, so on a
// machine with several cores it leaves all but one idle under load (docs/decisions/014).
// Run by lib/runtime/start.ts: `node --import tsx lib/runtime/web-server.ts`, with PORT and
// SOVRA_WEB_WORKERS in the environment.
import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const workers = Math.max(1, Number(process.env.SOVRA_WEB_WORKERS ?? 1));

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies takes the server with it: start.ts reports it and stops cleanly.
    console.error(`sovra: web worker ${worker.process.pid} exited (${signal ?? code})`);
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    process.exitCode = typeof code === "number" && code !== 0 ? code : 1;
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Signal the workers directly (worker.kill() first waits for a graceful IPC disconnect),
    // and end any that are still busy after 10 s, so that stopping never leaves them behind.
    const pids = Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : []));
    for (const pid of pids) signal(pid, "SIGTERM");
    setTimeout(() => {
      for (const pid of pids) signal(pid, "SIGKILL");
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
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
