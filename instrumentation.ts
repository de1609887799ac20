// Runs once when a Next server process starts. Each web server process (lib/runtime/web-server.ts
// starts one per core) also works the board report queue, so several instances on one database
// share the work without a separate worker to deploy (docs/decisions/024).
// SOVRA_REPORT_WORKER=off leaves this process out (e.g. a web-only instance).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.SOVRA_REPORT_WORKER === "off" || !process.env.DATABASE_URL || !process.env.AUTH_SECRET) return;
  const { releaseJobsOnExit, startReportWorker } = await import("@/lib/reports/report-job");
  // Chromium opens the print route on this very server: loopback, the port it listens on.
  const baseUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  releaseJobsOnExit();
  startReportWorker({ baseUrl, secret: process.env.AUTH_SECRET }).catch((e: unknown) => {
    console.error("sovra: the board report worker could not start; reports stay queued until a server's worker runs:", e);
  });
}
