import { readFileSync } from "node:fs";
import { runCli } from "./run";

// Thin entry: all logic lives in runCli so it can be tested in-process.
try {
  process.exitCode = runCli(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, "utf8"),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    today: () => new Date().toISOString().slice(0, 10),
  });
} catch (e) {
  // A defect, not bad input: report it without a stack trace.
  process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
