import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One pool and one client per server process (and one across Next's dev-mode reloads). The pool
// is created here, not inside the adapter, so that the job queue (lib/jobs/boss.ts) runs its SQL
// through the same connections: the embedded database takes ONE connection only (decision 001),
// and a second pool would interleave with it and corrupt queries (decision 024). The metrics read
// the pool's counts from `sovraPool` (lib/metrics/registry.ts), without loading this file.
const globalForPrisma = globalThis as unknown as { sovraPrisma?: PrismaClient; sovraPool?: { url: string; pool: pg.Pool } };

export function createPrismaClient(url: string, max = env().DATABASE_POOL_MAX): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

/** The process's PostgreSQL pool, shared by Prisma and the job queue. */
export function dbPool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Sovra with `npm start`, which provides one");
  // Kept per URL: a test that points the process at another database gets a pool for it.
  if (globalForPrisma.sovraPool?.url === url) return globalForPrisma.sovraPool.pool;
  const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_MAX });
  globalForPrisma.sovraPool = { url, pool };
  return pool;
}

export function db(): PrismaClient {
  if (globalForPrisma.sovraPrisma) return globalForPrisma.sovraPrisma;
  globalForPrisma.sovraPrisma = new PrismaClient({ adapter: new PrismaPg(dbPool()) });
  return globalForPrisma.sovraPrisma;
}
