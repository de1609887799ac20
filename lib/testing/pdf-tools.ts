// Poppler's command-line tools (pdftotext, pdfinfo) on a PDF held in memory or downloaded: the
// file lives in a temporary folder that is removed afterwards, so test runs leave nothing in /tmp.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Runs `fn` with a fresh temporary folder, then removes it. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "sovra-test-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The output of a poppler tool (`pdftotext`, `pdfinfo`) run on a PDF file; `args` come before the file. */
export function pdfTool(tool: "pdftotext" | "pdfinfo" | "pdfimages", file: string, args: string[] = []): string {
  return execFileSync(tool, tool === "pdftotext" ? [...args, file, "-"] : [...args, file], { encoding: "utf8" });
}

/** The same for a PDF in memory. */
export function pdfToolOnBytes(tool: "pdftotext" | "pdfinfo" | "pdfimages", pdf: Uint8Array, args: string[] = []): Promise<string> {
  return withTempDir((dir) => {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    return pdfTool(tool, file, args);
  });
}
