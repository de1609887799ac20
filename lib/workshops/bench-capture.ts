// Workshop capture budget (issue 15): one capture step (an AI system with its model, access path
// and fallback, catalogue entries added on the way, a fact flagged to verify) under 150 ms of
// server time. Self-contained: creates a FRESH database on the machine's PostgreSQL
// (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432), migrates it, seeds the demo, runs a
// workshop in the demo company (its full inventory in place) and times `captureSystem` (the whole
// transaction, as the server action runs it after validation), a data flow captured on the
// data-flow step (`createDataFlow`, the same budget) and the workshop page's queries, then drops the
// database. Loopback only.
//
//   npm run bench:workshop [-- --captures 200]
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";

const { values: opts } = parseArgs({ options: { captures: { type: "string", default: "200" } }, strict: true });
const CAPTURES = Math.min(Math.max(Number(opts.captures) || 200, 20), 2000);
const BUDGET_MS = 150;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const { name, url } = await createDatabase("sovra_bench");
try {
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const { seedDemo } = await import("@/prisma/seed");
  const { DEMO_ORG_SLUGS } = await import("@/prisma/seed-data");
  await seedDemo(prisma);
  const org = await prisma.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUGS.mainfeld }, select: { id: true, slug: true, name: true } });
  const owner = await prisma.membership.findFirstOrThrow({ where: { organisationId: org.id, role: "owner" }, select: { userId: true } });
  const offices = await prisma.office.findMany({ where: { organisationId: org.id }, select: { id: true }, take: 3 });
  await prisma.$disconnect();

  const { contextFor } = await import("@/lib/testing/db");
  const workshops = await import("@/lib/workshops/mutations");
  const queries = await import("@/lib/workshops/queries");
  const { captureSchema } = await import("@/lib/workshops/schemas");
  const { createDataFlow } = await import("@/lib/data-flows/mutations");
  const { dataFlowSchema } = await import("@/lib/data-flows/schemas");
  const ctx = contextFor(org, owner.userId, "owner");
  const w = await workshops.startWorkshop(ctx, { title: "Bench workshop", attendees: [] });
  const models = ["catalogue:openai-gpt", "catalogue:mistral-large", "catalogue:anthropic-claude", "catalogue:google-gemini", "catalogue:meta-llama"];
  const at = <T>(list: T[], i: number) => list[((i % list.length) + list.length) % list.length]!;
  const input = (i: number) =>
    captureSchema.parse({
      workshopId: w.id,
      name: `Bench system ${i}`,
      owner: "Bench",
      criticality: at(["low", "medium", "high", "critical"], i),
      downtimeHours: "4",
      officeIds: offices.map((o) => o.id),
      model: at(models, i),
      accessPath: "direct_api",
      ...(i % 2 === 0 ? { fallbackModel: at(models, i + 1), fallbackAccessPath: "direct_api" } : {}),
      ...(i % 5 === 0 ? { unsure: "on", verifyQuestion: "Which region?", verifyOwner: "Ops" } : {}),
    });
  // Warm-up: connections, prepared statements, JIT.
  for (let i = 0; i < 10; i++) await workshops.captureSystem(ctx, input(-1 - i));
  const times: number[] = [];
  for (let i = 0; i < CAPTURES; i++) {
    const started = performance.now();
    await workshops.captureSystem(ctx, input(i));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  // Data flows, as the data-flow step sends them: an office, a dependency and the vendor it brings.
  const choices = await queries.listFlowDependencies(ctx);
  const flowInput = (i: number) => {
    const d = at(choices, i);
    return dataFlowSchema.parse({
      name: `Bench flow ${i}`,
      originOfficeId: at(offices, i).id,
      dependencyId: d.id,
      vendorId: d.vendorId,
      processingCountry: d.country,
      dataCategories: at([["personal"], ["internal", "personal"], ["trade_secret"]], i),
      volume: at(["low", "medium", "high"], i),
      transferMechanism: at(["scc", "adequacy", "not_required"], i),
      encryption: "in_transit_and_at_rest",
    });
  };
  for (let i = 0; i < 10; i++) await createDataFlow(ctx, flowInput(-1 - i));
  const flowTimes: number[] = [];
  for (let i = 0; i < CAPTURES; i++) {
    const started = performance.now();
    await createDataFlow(ctx, flowInput(i));
    flowTimes.push(performance.now() - started);
  }
  flowTimes.sort((a, b) => a - b);
  const page: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await Promise.all([queries.captureOptions(ctx), queries.listCapturedSystems(ctx, w.startedAt), queries.listVerifyItems(ctx, { workshopId: w.id }), queries.listWorkshopActions(ctx, w), queries.inventoryCounts(ctx), queries.listRecentDataFlows(ctx, 500), queries.listFlowDependencies(ctx)]);
    page.push(performance.now() - started);
  }
  page.sort((a, b) => a - b);
  console.log(`capture step (captureSystem, one transaction), ${CAPTURES} captures into Mainfeld's demo inventory:`);
  console.log(`  p50 ${fmt(pct(times, 50))}  p95 ${fmt(pct(times, 95))}  max ${fmt(times.at(-1)!)}`);
  console.log(`data-flow capture (createDataFlow, one transaction), ${CAPTURES} flows from ${choices.length} dependencies:`);
  console.log(`  p50 ${fmt(pct(flowTimes, 50))}  p95 ${fmt(pct(flowTimes, 95))}  max ${fmt(flowTimes.at(-1)!)}`);
  console.log(`workshop page's data (options, captured systems, facts, actions, counts, latest flows, flow dependencies; ${CAPTURES + 10} systems and flows captured), 20 loads:`);
  console.log(`  p50 ${fmt(pct(page, 50))}  p95 ${fmt(pct(page, 95))}`);
  const ok = pct(times, 95) < BUDGET_MS && pct(flowTimes, 95) < BUDGET_MS;
  console.log(`${pct(times, 95) < BUDGET_MS ? "PASS" : "FAIL"}  capture step p95 ${fmt(pct(times, 95))} < ${BUDGET_MS} ms`);
  console.log(`${pct(flowTimes, 95) < BUDGET_MS ? "PASS" : "FAIL"}  data-flow capture p95 ${fmt(pct(flowTimes, 95))} < ${BUDGET_MS} ms`);
  const { db, dbPool } = await import("@/lib/db");
  await db().$disconnect();
  await dbPool().end();
  process.exitCode = ok ? 0 : 1;
} finally {
  await dropDatabase(name);
}
