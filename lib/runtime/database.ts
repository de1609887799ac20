// Start-up checks and migrations, shared by `npm start` and the test set-up.
import pg from "pg";
import { migrateDeploy } from "../../prisma/engine/migrate-deploy.mjs";

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** Connects once, or throws one line that names DATABASE_URL and what went wrong. */
export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { message: string };
    const reason = err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
    throw new Error(`Cannot connect to the database at DATABASE_URL=${redactUrl(url)} (${reason || "no answer"}). Is PostgreSQL running and the URL right?`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Applies pending migrations from prisma/migrations with the WASM schema engine (same as `prisma migrate deploy`). */
export async function applyMigrations(url: string): Promise<string[]> {
  const result = await migrateDeploy(url, "prisma/migrations");
  return result.appliedMigrationNames;
}
