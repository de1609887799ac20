import { readFileSync } from "node:fs";
import { runCli, type CliIo } from "../cli/run";

const root = new URL("../../", import.meta.url).pathname;

/**
 * Runs the score CLI in-process on the repository's files as of 2026-11-01, and answers its exit
 * code and output. `files` are served before the repository's own files; reading a path of `fail`
 * throws what it maps to.
 */
export function runCliInProcess(args: readonly string[], files: Record<string, string> = {}, fail: Record<string, unknown> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readFile: (p) => {
      if (p in fail) throw fail[p];
      if (p in files) return files[p]!;
      try {
        return readFileSync(root + p, "utf8");
      } catch (e) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: (e as { code?: string }).code });
      }
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: () => "2026-11-01",
  };
  const code = runCli(args, io);
  return { code, stdout, stderr };
}
