// Serves the production build for Playwright on a FRESH database of the machine's PostgreSQL:
// created here, migrated and (with --seed) seeded by `lib/runtime/start.ts` exactly as in
// production, and dropped when Playwright stops the server.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDatabase, dropDatabase } from "../../lib/testing/global-setup";
import { databaseUrlFile } from "./e2e-database";

const { values } = parseArgs({ options: { port: { type: "string" }, seed: { type: "boolean", default: false }, name: { type: "string", default: "e2e" } } });
const { name, url } = await createDatabase(`sovra_${values.name}`);
const urlFile = databaseUrlFile(values.port ?? "");
writeFileSync(urlFile, url);

const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/start.ts", ...(values.seed ? ["--seed"] : [])], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, PORT: values.port, AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret" },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  rmSync(urlFile, { force: true });
  await dropDatabase(name).catch((e) => console.error(`could not drop ${name}:`, e));
  process.exit(code);
}
child.on("exit", (code) => void stop(code ?? 1));
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
