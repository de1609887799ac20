// Portfolio budget (issue 15): a practice of 200 clients, its portfolio read by 10 people at once,
// p95 under 300 ms. Self-contained: creates a FRESH database on the machine's PostgreSQL
// (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432), migrates it, seeds the demo, gives
// the demo practice 200 clients made from the sector templates (as a partner makes them), then
// times `listPortfolio` (its query and every client's live score, as the page reads them): the
// first read after a start (no score cached), then rounds of 10 concurrent reads, then reads after
// one client's inventory changed. Drops the database. Loopback only.
//
//   npm run bench:portfolio [-- --clients 200 --rounds 10]
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";

const { values: opts } = parseArgs({ options: { clients: { type: "string", default: "200" }, rounds: { type: "string", default: "10" } }, strict: true });
const CLIENTS = Math.min(Math.max(Number(opts.clients) || 200, 10), 1000);
const ROUNDS = Math.min(Math.max(Number(opts.rounds) || 10, 2), 100);
const CONCURRENT = 10;
const BUDGET_MS = 300;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const out = await run();
  return [out, performance.now() - started];
};

const { name, url } = await createDatabase("sovra_bench");
try {
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const { seedDemo } = await import("@/prisma/seed");
  await seedDemo(prisma);
  const practice = await prisma.practice.findUniqueOrThrow({ where: { slug: "northbridge-advisory" }, select: { id: true, slug: true, name: true } });
  const partner = await prisma.practiceMember.findFirstOrThrow({ where: { practiceId: practice.id, role: "partner" }, select: { userId: true } });
  await prisma.$disconnect();

  const practices = await import("@/lib/practices/mutations");
  const { listPortfolio } = await import("@/lib/practices/queries");
  const { createClientSchema } = await import("@/lib/practices/schemas");
  const ctx = { practiceId: practice.id, practiceSlug: practice.slug, practiceName: practice.name, userId: partner.userId, role: "partner" as const };
  const existing = (await listPortfolio(ctx)).length;
  const templates = ["uk-bank", "frankfurt-manufacturer", "us-startup"] as const;
  const made = performance.now();
  for (let i = existing; i < CLIENTS; i++) {
    await practices.createClient(ctx, createClientSchema.parse({ name: `Bench client ${String(i).padStart(3, "0")}`, hqCountry: ["GB", "DE", "US"][i % 3], sector: ["Banking", "Manufacturing", "Software"][i % 3], template: templates[i % 3], role: "editor" }));
  }
  console.log(`${CLIENTS} clients in the practice (${CLIENTS - existing} made from the sector templates in ${((performance.now() - made) / 1000).toFixed(0)} s)`);

  const [first, cold] = await timed(() => listPortfolio(ctx));
  if (first.length !== CLIENTS) throw new Error(`the portfolio lists ${first.length} clients, not ${CLIENTS}`);
  console.log(`first read after a start (every client scored, nothing cached): ${fmt(cold)}`);

  const reads: number[] = [];
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [times, round] = await timed(() => Promise.all(Array.from({ length: CONCURRENT }, async () => (await timed(() => listPortfolio(ctx)))[1])));
    reads.push(...times);
    rounds.push(round);
  }
  reads.sort((a, b) => a - b);
  console.log(`${ROUNDS} rounds of ${CONCURRENT} concurrent reads (${reads.length} reads):`);
  console.log(`  per read p50 ${fmt(pct(reads, 50))}  p95 ${fmt(pct(reads, 95))}  max ${fmt(reads.at(-1)!)}; a round of ${CONCURRENT}: p50 ${fmt(pct([...rounds].sort((a, b) => a - b), 50))}`);

  // One client's inventory changes (a consultant edits it): its score is computed again, the rest come from the cache.
  const changed: number[] = [];
  const editor = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  for (let r = 0; r < 5; r++) {
    await editor.aiSystem.updateMany({ where: { organisation: { name: "Bench client 001" } }, data: { usersServed: { increment: 1 } } });
    changed.push((await timed(() => listPortfolio(ctx)))[1]);
  }
  await editor.$disconnect();
  changed.sort((a, b) => a - b);
  console.log(`after one client's inventory changed, 5 reads: p50 ${fmt(pct(changed, 50))}  max ${fmt(changed.at(-1)!)}`);

  const ok = pct(reads, 95) < BUDGET_MS;
  console.log(`${ok ? "PASS" : "FAIL"}  portfolio of ${CLIENTS} clients, ${CONCURRENT} concurrent readers: p95 ${fmt(pct(reads, 95))} < ${BUDGET_MS} ms`);
  const { db, dbPool } = await import("@/lib/db");
  await db().$disconnect();
  await dbPool().end();
  process.exitCode = ok ? 0 : 1;
} finally {
  await dropDatabase(name);
}
