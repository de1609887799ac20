// Counts the SQL statements a data function sends, for the "no N+1" budget of list pages.
// Prisma 7 reports each statement through `$on("query")` also with the pg driver adapter
// (checked: the statements of an array $transaction and of nested relation loads each arrive,
// with COMMIT; BEGIN is not reported). Data functions call `db()`, which returns the process's
// client from globalThis: the counter swaps in a logging client while the function runs.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const holder = globalThis as unknown as { sovraPrisma?: PrismaClient };

export function createQueryCounter() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (integration-setup.ts sets it)");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: "event", level: "query" }] });
  let statements: string[] | null = null;
  client.$on("query", (e) => {
    statements?.push(e.query);
    if (process.env.LOG_QUERIES) console.log(`${e.duration} ms  ${process.env.LOG_QUERIES === "full" ? `${e.query} -- ${e.params}` : e.query.slice(0, 300)}`);
  });

  return {
    /** Runs `fn` against the logging client; answers its result and the statements it sent. */
    async count<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      const previous = holder.sovraPrisma;
      const seen: string[] = [];
      statements = seen;
      holder.sovraPrisma = client;
      try {
        return { result: await fn(), statements: seen };
      } finally {
        holder.sovraPrisma = previous;
        statements = null;
      }
    },
    close: () => client.$disconnect(),
  };
}
