// Builders for inventory rows (vendors, models, AI systems, dependencies, fallbacks, data flows)
// for the list tests, in the style of prisma/factories.ts: the client is passed in, defaults are
// sensible, names are unique unless given.
import { randomUUID } from "node:crypto";
import { buildOffice } from "@/prisma/factories";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AccessPath, Criticality, DataCategory, Encryption, TransferMechanism, VendorType, Weights } from "@/lib/generated/prisma/enums";

type Db = PrismaClient | Prisma.TransactionClient;

const unique = () => randomUUID().slice(0, 8);

export async function buildVendor(
  db: Db,
  organisationId: string,
  o: Partial<{ name: string; vendorType: VendorType; hqCountry: string; parentName: string | null; parentCountry: string | null; source: string | null; sourceAsOf: Date | null }> = {},
) {
  return db.vendor.create({
    data: {
      organisationId,
      name: o.name ?? `Vendor ${unique()}`,
      vendorType: o.vendorType ?? "frontier_lab",
      hqCountry: o.hqCountry ?? "US",
      parentName: o.parentName === undefined ? null : o.parentName,
      parentCountry: o.parentCountry === undefined ? null : o.parentCountry,
      source: o.source === undefined ? null : o.source,
      sourceAsOf: o.sourceAsOf === undefined ? null : o.sourceAsOf,
    },
    select: { id: true, name: true },
  });
}

export async function buildModel(
  db: Db,
  organisationId: string,
  vendorId: string,
  o: Partial<{ name: string; family: string; weights: Weights; licence: string; trainingCompute: string }> = {},
) {
  return db.model.create({
    data: {
      organisationId,
      vendorId,
      name: o.name ?? `Model ${unique()}`,
      family: o.family ?? "Family",
      weights: o.weights ?? "closed",
      licence: o.licence ?? "Commercial terms",
      trainingCompute: o.trainingCompute ?? "unknown",
    },
    select: { id: true, name: true },
  });
}

export async function buildAiSystem(
  db: Db,
  organisationId: string,
  o: Partial<{ name: string; owner: string; description: string; criticality: Criticality; toleratedDowntimeMinutes: number; officeIds: string[] }> = {},
) {
  const system = await db.aiSystem.create({
    data: {
      organisationId,
      name: o.name ?? `System ${unique()}`,
      owner: o.owner ?? "Test Owner",
      description: o.description ?? "",
      criticality: o.criticality ?? "medium",
      toleratedDowntimeMinutes: o.toleratedDowntimeMinutes ?? 240,
      teams: [],
    },
    select: { id: true, name: true },
  });
  if (o.officeIds?.length) {
    await db.aiSystemOffice.createMany({ data: o.officeIds.map((officeId) => ({ organisationId, aiSystemId: system.id, officeId })) });
  }
  return system;
}

export async function buildDependency(
  db: Db,
  organisationId: string,
  aiSystemId: string,
  modelId: string,
  o: Partial<{ accessPath: AccessPath; cloudVendorId: string; hostingCountry: string; hostingRegion: string; dataSent: DataCategory[] }> = {},
) {
  return db.dependency.create({
    data: {
      organisationId,
      aiSystemId,
      modelId,
      accessPath: o.accessPath ?? "direct_api",
      cloudVendorId: o.cloudVendorId,
      hostingCountry: o.hostingCountry,
      hostingRegion: o.hostingRegion,
      dataSent: o.dataSent ?? [],
    },
    select: { id: true },
  });
}

export async function buildFallback(db: Db, organisationId: string, dependencyId: string, modelId: string, o: Partial<{ accessPath: AccessPath }> = {}) {
  return db.fallback.create({
    data: { organisationId, dependencyId, modelId, accessPath: o.accessPath ?? "self_hosted" },
    select: { id: true },
  });
}

export async function buildDataFlow(
  db: Db,
  organisationId: string,
  vendorId: string,
  o: Partial<{
    name: string;
    originOfficeId: string;
    dependencyId: string;
    processingCountry: string;
    processingRegion: string;
    dataCategories: DataCategory[];
    transferMechanism: TransferMechanism;
    encryption: Encryption;
  }> = {},
) {
  return db.dataFlow.create({
    data: {
      organisationId,
      vendorId,
      name: o.name ?? `Flow ${unique()}`,
      originOfficeId: o.originOfficeId,
      dependencyId: o.dependencyId,
      processingCountry: o.processingCountry ?? "US",
      processingRegion: o.processingRegion,
      dataCategories: o.dataCategories ?? ["internal"],
      volume: "medium",
      transferMechanism: o.transferMechanism ?? "scc",
      encryption: o.encryption ?? "in_transit",
    },
    select: { id: true, name: true },
  });
}

/**
 * A large inventory in a few statements (createMany), for paging and "still fast at 5,000 rows"
 * tests: `count` AI systems, each with a dependency on one model (every third with a fallback),
 * serving one office, and one data flow each.
 */
export async function buildLargeInventory(db: PrismaClient, organisationId: string, count: number) {
  const office = await db.office.create({ data: { organisationId, name: `Office ${unique()}`, country: "DE", city: "Berlin", teams: [] }, select: { id: true } });
  const vendor = await buildVendor(db, organisationId, { name: `Bulk vendor ${unique()}` });
  const model = await buildModel(db, organisationId, vendor.id, { name: `Bulk model ${unique()}` });
  const n = (i: number) => String(i).padStart(5, "0");
  const criticalities: Criticality[] = ["low", "medium", "high", "critical"];
  const systems = await db.aiSystem.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      organisationId,
      name: `Bulk system ${n(i)}`,
      owner: `Owner ${i % 50}`,
      criticality: criticalities[i % 4]!,
      toleratedDowntimeMinutes: 15 * (1 + (i % 96)),
      teams: [],
    })),
    select: { id: true },
  });
  await db.aiSystemOffice.createMany({ data: systems.map((s) => ({ organisationId, aiSystemId: s.id, officeId: office.id })) });
  const dependencies = await db.dependency.createManyAndReturn({
    data: systems.map((s) => ({ organisationId, aiSystemId: s.id, modelId: model.id, accessPath: "direct_api" as const, dataSent: [] })),
    select: { id: true },
  });
  await db.fallback.createMany({
    data: dependencies.filter((_, i) => i % 3 === 0).map((d) => ({ organisationId, dependencyId: d.id, modelId: model.id, accessPath: "self_hosted" as const })),
  });
  await db.dataFlow.createMany({
    data: dependencies.map((d, i) => ({
      organisationId,
      vendorId: vendor.id,
      name: `Bulk flow ${n(i)}`,
      originOfficeId: office.id,
      dependencyId: d.id,
      processingCountry: i % 2 ? "US" : "IE",
      dataCategories: ["internal" as const],
      volume: "low" as const,
      transferMechanism: "scc" as const,
      encryption: "in_transit" as const,
    })),
  });
  // Autovacuum analyses a table after a bulk insert, but not within a test's seconds: without
  // statistics the planner guesses one row per table and picks nested loops (2.5 s instead of
  // 10 ms for a page). Analyse now, as a real database would have.
  await db.$executeRawUnsafe('ANALYZE "AiSystem", "AiSystemOffice", "Dependency", "Fallback", "DataFlow", "Office", "Vendor", "Model"');
  return { office, vendor, model };
}

/**
 * The scenario and report tests' small world: a critical support chat in Berlin on a US frontier
 * lab's closed API, with a self-hosted open-weight fallback drilled 30 days ago; a contract review
 * tool in Paris on the same API with no fallback (its criticality is the caller's).
 */
export async function buildFrontierInventory(db: PrismaClient, organisationId: string, o: { toolCriticality: Criticality }) {
  const berlin = await buildOffice(db, organisationId, { name: "Berlin", country: "DE", teams: ["Support"] });
  const paris = await buildOffice(db, organisationId, { name: "Paris", country: "FR", teams: ["Legal"] });
  const frontier = await db.vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const publisher = await db.vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const closed = await db.model.create({ data: { organisationId, vendorId: frontier.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db.model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const chat = await db.aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  const tool = await db.aiSystem.create({ data: { organisationId, name: "Contract review", owner: "Legal", criticality: o.toolCriticality, toleratedDowntimeMinutes: 60 } });
  await db.aiSystemOffice.createMany({ data: [{ organisationId, aiSystemId: chat.id, officeId: berlin.id }, { organisationId, aiSystemId: tool.id, officeId: paris.id }] });
  const chatDep = await db.dependency.create({ data: { organisationId, aiSystemId: chat.id, modelId: closed.id, accessPath: "direct_api" } });
  await db.dependency.create({ data: { organisationId, aiSystemId: tool.id, modelId: closed.id, accessPath: "direct_api" } });
  const fallback = await db.fallback.create({
    data: { organisationId, dependencyId: chatDep.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60, lastTestedAt: new Date(Date.now() - 30 * 86_400_000) },
  });
  return { berlin, paris, frontier, chat, tool, fallback };
}
