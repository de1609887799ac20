import { createServer, type Server } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { verifyPrintToken } from "@/lib/reports/print-token";
import { footerCss, PAGE_MARGIN, PAGE_SIZE, REPORT_PART_QUERY } from "@/lib/reports/report-footer";

// Integration tests of the report job run without a Next server: this stands in for the print
// route (app/print/report/[token]) with the same contract: it answers only a valid print token,
// and marks <main data-report-ready="true"> once "rendered" (after a short delay, as charts do).
// It foots pages with the same CSS and takes the same part query as the print route: `part=main`
// is the prose sections, `part=inventory&from=&to=` is `rowsPerSystem` table rows per AI system.

export interface PrintStub {
  baseUrl: string;
  requests: number;
  /** Every path and query asked for, in order. */
  urls: string[];
  close(): Promise<void>;
}

/**
 * `sections` blocks of prose; for a part `?part=inventory&from=&to=`, a table of `rowsPerSystem`
 * rows for each of those AI systems, as Appendix B prints them.
 */
export async function startPrintStub(secret: string, sections = 12, options: { organisation?: string; rowsPerSystem?: number } = {}): Promise<PrintStub> {
  const stub = { requests: 0, urls: [] } as unknown as PrintStub;
  const server: Server = createServer((req, res) => {
    stub.requests++;
    stub.urls.push(req.url ?? "");
    const route = req.url?.match(/^\/print\/(report|workshop)\/([^/?]+)/);
    const token = decodeURIComponent(route?.[2] ?? "");
    const payload = verifyPrintToken(token, secret);
    // A workshop summary's token names its workshop, a board report's none (app/print/workshop, app/print/report).
    if (!payload || (route?.[1] === "workshop") !== (payload.workshopId !== undefined)) {
      res.writeHead(404).end("not found");
      return;
    }
    const search = new URL(req.url ?? "/", "http://x").searchParams;
    const query = search.has("part") ? REPORT_PART_QUERY.safeParse(Object.fromEntries(search)) : null;
    if (query && !query.success) {
      res.writeHead(404).end("not found");
      return;
    }
    const part = query?.data;
    const perSystem = options.rowsPerSystem ?? 1;
    const [rowFrom, rowTo] = part?.part === "inventory" ? [part.from * perSystem, part.to * perSystem] : [0, 0];
    const table =
      rowTo > rowFrom
        ? `<table style="border-collapse: collapse; width: 100%; font: 11px sans-serif"><thead><tr><th>AI system</th><th>Model</th><th>Access</th><th>Hosting</th><th>Fallback</th></tr></thead><tbody>${Array.from({ length: rowTo - rowFrom }, (_, j) => rowFrom + j).map((i) => `<tr><td>Bench system ${i}</td><td>Model ${i % 40}</td><td>${i % 2 ? "direct API" : "self-hosted"}</td><td>${["DE", "US", "FR"][i % 3]}</td><td>${i % 3 ? "tested" : "none"}</td></tr>`).join("")}</tbody></table>`
        : "";
    const prose = part?.part === "inventory" ? "" : Array.from({ length: sections }, (_, i) => `<h2>Section ${i + 1}</h2>${"<p>Vendor table row: Mistral AI, OpenAI, Anthropic.</p>".repeat(12)}`).join("");
    const footer = footerCss({ organisation: options.organisation ?? "Stub organisation", assessmentId: payload.assessmentId, assessmentDate: "2026-12-01", methodologyVersion: "stub-1" }, !part);
    const body = `<style>@page { size: ${PAGE_SIZE[payload.paper]}; margin: ${PAGE_MARGIN}; }\n${footer}</style>` + table + prose;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<!doctype html><html><body><main id="m"><h1>${payload.workshopId ? `Workshop summary ${payload.workshopId}` : `Board report ${payload.assessmentId}`}</h1>${body}</main>` +
        `<script>setTimeout(() => document.getElementById("m").dataset.reportReady = "true", 150)</script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return stub;
}

/** Kills this process's Chromium (the browser process playwright-core started), as a crash would. */
export function killChromiumChildren(): number {
  let killed = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (ppid === process.pid && /chrom/i.test(cmdline)) {
        process.kill(Number(entry), "SIGKILL");
        killed++;
      }
    } catch {
      // ended meanwhile
    }
  }
  return killed;
}
