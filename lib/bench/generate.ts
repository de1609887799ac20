// Large-tenant data generator (issue 18): creates a FRESH database on the machine's PostgreSQL
// (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432), migrates it, seeds the demo, adds a
// profile (lib/bench/large-tenant.ts) and prints what it made and how long each part took. The
// database is dropped afterwards unless --keep (then its name is printed, for EXPLAIN ANALYZE,
// `npm run bench:large -- --large-db NAME`, or `npm run bench:lists -- --database NAME` when it is
// named sovra_bench_lists_...). Loopback only.
//
//   npm run bench:generate -- --profile large|many [--scale 0.1] [--database NAME] [--keep]
import { parseArgs } from "node:util";
import { z } from "zod";
import { dropDatabase } from "./databases";
import { createGeneratedDatabase, largeSizes, manySizes } from "./large-tenant";

const { values } = parseArgs({
  options: { profile: { type: "string" }, scale: { type: "string", default: "1" }, database: { type: "string" }, keep: { type: "boolean", default: false } },
  strict: true,
});
const opts = z
  .object({
    profile: z.enum(["large", "many"], { error: "--profile: large or many" }),
    scale: z.coerce.number().positive().max(2, { error: "--scale: at most 2" }),
    database: z.string().optional(),
    keep: z.boolean(),
  })
  .parse(values);

const log = (msg: string) => console.log(`bench-generate: ${msg}`);
const what =
  opts.profile === "large"
    ? (({ offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows }) =>
        `"mainfeld" + ${offices} offices, ${vendors} vendors, ${models} models, ${aiSystems} AI systems, ${dependencies} dependencies, ${fallbacks} fallbacks, ${dataFlows} data flows`)(largeSizes(opts.scale))
    : (({ organisations, practiceClients }) => `${organisations} organisations shaped like "mainfeld", owned by one bench user, ${practiceClients} of them clients of the demo practice`)(manySizes(opts.scale));
log(`profile ${opts.profile} at scale ${opts.scale}: ${what}`);

const { name, result } = await createGeneratedDatabase({ profile: opts.profile, scale: opts.scale, name: opts.database, log });
log(`generated in ${(result.totalMs / 1000).toFixed(1)} s (after the migration and the demo seed)`);
if (opts.keep) log(`kept database ${name} (drop it with: psql -c 'DROP DATABASE "${name}"')`);
else {
  await dropDatabase(name);
  log(`dropped ${name} (--keep keeps it)`);
}
