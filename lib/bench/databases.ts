// The benchmark databases' life cycle: the integration harness's helpers, plus creating one under
// a name the caller chose (so `npm run bench:lists -- --database sovra_bench_lists_...` can serve
// a generated tenant).
import { createDatabase, createNamedDatabase as create, databaseUrlFor, dropDatabase } from "@/lib/testing/global-setup";

export { createDatabase, databaseUrlFor, dropDatabase };

/** Lower case, digits and underscores, starting with "sovra_": nothing else is ever created or dropped. */
export const BENCH_DATABASE_NAME = /^sovra_[a-z0-9_]{1,50}$/;

export async function createNamedDatabase(name: string): Promise<{ name: string; url: string }> {
  if (!BENCH_DATABASE_NAME.test(name)) throw new Error(`--database: "${name}" is not a name this script creates (sovra_ followed by lower case, digits or _)`);
  return create(name);
}
