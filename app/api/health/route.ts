import { db } from "@/lib/db";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/database-unavailable";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and `npm start`. */
export async function GET() {
  const version = packageJson.version;
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database check timed out")), 3000)),
    ]);
    return Response.json({ status: "ok", database: "ok", version });
  } catch {
    return Response.json({ status: "error", database: "down", version }, { status: 503, headers: { "cache-control": "no-store", "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } });
  }
}
