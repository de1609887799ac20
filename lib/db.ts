import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One pool and one client per server process (and one across Next's dev-mode reloads). The pool
// is created here, not inside the adapter, so that the job queue (lib/jobs/boss.ts) runs its SQL
// through the same connections: the embedded database takes ONE connection only (decision 001),
// and a second pool would interleave with it and corrupt queries (decision 024).
const globalForPrisma = globalThis as unknown as { sovraPrisma?: PrismaClient; sovraPool?: pg.Pool };

export function createPrismaClient(url: string, max = env().DATABASE_POOL_MAX): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

/** The process's PostgreSQL pool, shared by Prisma and the job queue. */
export function dbPool(): pg.Pool {
  if (globalForPrisma.sovraPool) return globalForPrisma.sovraPool;
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Sovra with `npm start`, which provides one");
  globalForPrisma.sovraPool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_MAX });
  return globalForPrisma.sovraPool;
}

export function db(): PrismaClient {
  if (globalForPrisma.sovraPrisma) return globalForPrisma.sovraPrisma;
  globalForPrisma.sovraPrisma = new PrismaClient({ adapter: new PrismaPg(dbPool()) });
  return globalForPrisma.sovraPrisma;
}
