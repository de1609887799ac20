import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per server process (and one across Next's dev-mode reloads).
const globalForPrisma = globalThis as unknown as { sovraPrisma?: PrismaClient };

export function createPrismaClient(url: string, max = env().DATABASE_POOL_MAX): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

export function db(): PrismaClient {
  if (globalForPrisma.sovraPrisma) return globalForPrisma.sovraPrisma;
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Sovra with `npm start`, which provides one");
  globalForPrisma.sovraPrisma = createPrismaClient(url);
  return globalForPrisma.sovraPrisma;
}
