// Run by lib/reports/renderer-sandbox.int.test.ts in a process of its own (as an unprivileged
// user when the tests run as root): prints a stand-in board report with the real renderer, and,
// while the page is open, reads how the kernel confines this process's Chromium renderers.
// Prints one JSON line: the sandbox choice, the page count and each renderer's confinement.
//   node --conditions=react-server --import tsx lib/testing/render-report-process.ts
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { closeBrowser, renderHooks, renderReportPdf } from "@/lib/reports/renderer";
import { createPrintToken } from "@/lib/reports/print-token";
import { chromiumSandbox, reportChromiumPath } from "@/lib/runtime/chromium";
import { startPrintStub } from "@/lib/testing/report-print-stub";

export interface RendererConfinement {
  pid: number;
  /** /proc/<pid>/status Seccomp: 0 none, 2 a seccomp-bpf filter (Chromium's sandbox installs one). */
  seccomp: number;
  /** How many PID namespaces the process is in (NSpid): 1 is the host's only; the sandbox adds its own. */
  pidNamespaces: number;
}

export interface RenderReportResult {
  uid: number | undefined;
  choice: { sandbox: boolean; reason: string };
  pageCount: number;
  renderers: RendererConfinement[];
}

/** This process's descendants that are Chromium renderers, and how each is confined. */
function rendererConfinement(): RendererConfinement[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const found: RendererConfinement[] = [];
  for (const pid of parent.keys()) {
    if (!descends(pid)) continue;
    try {
      // Chromium rewrites its processes' titles: the flags may be joined by spaces, not NULs.
      if (!/(^|[\0 ])--type=renderer([\0 ]|$)/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const field = (name: string) => status.match(new RegExp(`^${name}:\\s*(.*)$`, "m"))?.[1]?.trim() ?? "";
      found.push({ pid, seccomp: Number(field("Seccomp")), pidNamespaces: field("NSpid").split(/\s+/).filter(Boolean).length });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

const secret = "render-report-process-secret-render-report-process";
const stub = await startPrintStub(secret, 4);
let renderers: RendererConfinement[] = [];
renderHooks.beforePrint = () => {
  renderers = rendererConfinement();
};
try {
  const token = createPrintToken({ organisationId: randomUUID(), userId: randomUUID(), assessmentId: randomUUID(), paper: "a4" }, secret);
  const { pageCount } = await renderReportPdf({ url: `${stub.baseUrl}/print/report/${encodeURIComponent(token)}`, paper: "a4", parts: null });
  const result: RenderReportResult = { uid: process.getuid?.(), choice: chromiumSandbox(reportChromiumPath()), pageCount, renderers };
  console.log(JSON.stringify(result));
} finally {
  await closeBrowser();
  await stub.close();
}
