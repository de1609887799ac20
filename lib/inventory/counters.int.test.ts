// The counts the database keeps on inventory rows (docs/decisions/056): an office's AI systems, an
// AI system's offices and dependencies, a model's dependencies, a vendor's models and hosted
// dependencies, a dependency's fallbacks. Written the way any writer writes (Prisma, raw SQL,
// cascades), each counter must equal a count of the rows it stands for.
import { beforeEach, describe, expect, it } from "vitest";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDependency, buildFallback, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { DRIFTED_COUNTS_SQL } from "@/lib/testing/kept-values";

/** Every kept count that differs from counting (in every organisation): none, always. */
const drifted = () => db().$queryRawUnsafe<unknown[]>(DRIFTED_COUNTS_SQL);

describe("the inventory's kept counts", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let org: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    org = w.a.organisation.id;
  });

  it("follow inserts, moves and deletes of offices served, dependencies, models and fallbacks, in this organisation only", async () => {
    const berlin = await buildOffice(db(), org, { name: "Berlin" });
    const paris = await buildOffice(db(), org, { name: "Paris" });
    const openai = await buildVendor(db(), org, { name: "OpenAI" });
    const azure = await buildVendor(db(), org, { name: "Azure", vendorType: "cloud_provider" });
    const gpt = await buildModel(db(), org, openai.id, { name: "GPT" });
    const o1 = await buildModel(db(), org, openai.id, { name: "o1" });
    const support = await buildAiSystem(db(), org, { name: "Support", officeIds: [berlin.id, paris.id] });
    const search = await buildAiSystem(db(), org, { name: "Search", officeIds: [berlin.id] });
    const d1 = await buildDependency(db(), org, support.id, gpt.id);
    const d2 = await buildDependency(db(), org, support.id, o1.id, { accessPath: "cloud_marketplace", cloudVendorId: azure.id });
    await buildFallback(db(), org, d1.id, o1.id);
    await buildFallback(db(), org, d1.id, gpt.id, { accessPath: "cloud_marketplace" });

    const counts = async () => ({
      offices: await db().office.findMany({ where: { organisationId: org }, orderBy: { name: "asc" }, select: { name: true, aiSystemCount: true } }),
      systems: await db().aiSystem.findMany({ where: { organisationId: org }, orderBy: { name: "asc" }, select: { name: true, officeCount: true, dependencyCount: true } }),
      models: await db().model.findMany({ where: { organisationId: org }, orderBy: { name: "asc" }, select: { name: true, dependencyCount: true } }),
      vendors: await db().vendor.findMany({ where: { organisationId: org }, orderBy: { name: "asc" }, select: { name: true, modelCount: true, hostedCount: true } }),
      fallbacks: (await db().dependency.findUnique({ where: { id: d1.id }, select: { fallbackCount: true } }))?.fallbackCount,
    });
    expect(await counts()).toEqual({
      offices: [
        { name: "Berlin", aiSystemCount: 2 },
        { name: "Paris", aiSystemCount: 1 },
      ],
      systems: [
        { name: "Search", officeCount: 1, dependencyCount: 0 },
        { name: "Support", officeCount: 2, dependencyCount: 2 },
      ],
      models: [
        { name: "GPT", dependencyCount: 1 },
        { name: "o1", dependencyCount: 1 },
      ],
      vendors: [
        { name: "Azure", modelCount: 0, hostedCount: 1 },
        { name: "OpenAI", modelCount: 2, hostedCount: 0 },
      ],
      fallbacks: 2,
    });

    // Moves: a dependency to another system and model, off its cloud; a model to another vendor.
    await db().dependency.update({ where: { id: d2.id }, data: { aiSystemId: search.id, modelId: gpt.id, accessPath: "direct_api", cloudVendorId: null } });
    await db().model.update({ where: { id: o1.id }, data: { vendorId: azure.id } });
    // Deletes, one of them cascading: the office leaves both systems; a fallback; then the whole AI system.
    await db().office.delete({ where: { id: paris.id } });
    await db().fallback.deleteMany({ where: { organisationId: org, dependencyId: d1.id, accessPath: "cloud_marketplace" } });
    expect(await counts()).toMatchObject({
      offices: [{ name: "Berlin", aiSystemCount: 2 }],
      systems: [
        { name: "Search", officeCount: 1, dependencyCount: 1 },
        { name: "Support", officeCount: 1, dependencyCount: 1 },
      ],
      models: [
        { name: "GPT", dependencyCount: 2 },
        { name: "o1", dependencyCount: 0 },
      ],
      vendors: [
        { name: "Azure", modelCount: 1, hostedCount: 0 },
        { name: "OpenAI", modelCount: 1, hostedCount: 0 },
      ],
      fallbacks: 1,
    });
    await db().aiSystem.delete({ where: { id: support.id } });
    expect((await counts()).offices).toEqual([{ name: "Berlin", aiSystemCount: 1 }]);
    expect((await counts()).models).toEqual([
      { name: "GPT", dependencyCount: 1 },
      { name: "o1", dependencyCount: 0 },
    ]);
    // B's rows were never touched.
    expect(await db().office.count({ where: { organisationId: w.b.organisation.id, aiSystemCount: { not: 0 } } })).toBe(0);
    expect(await drifted()).toEqual([]);
  });

  it("follow many rows in one statement (createMany, raw SQL) and updates that keep the reference write nothing to the parent", async () => {
    const vendor = await buildVendor(db(), org, { name: "Mistral" });
    await db().model.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ organisationId: org, vendorId: vendor.id, name: `Model ${i}`, family: "f", weights: "closed" as const, licence: "proprietary" })),
    });
    expect((await db().vendor.findUniqueOrThrow({ where: { id: vendor.id }, select: { modelCount: true } })).modelCount).toBe(40);
    await db().$executeRaw`DELETE FROM "Model" WHERE "organisationId" = ${org}::uuid AND name LIKE 'Model 1%'`;
    expect((await db().vendor.findUniqueOrThrow({ where: { id: vendor.id }, select: { modelCount: true } })).modelCount).toBe(29);
    const before = await db().vendor.findUniqueOrThrow({ where: { id: vendor.id }, select: { updatedAt: true, version: true } });
    await db().$executeRaw`UPDATE "Model" SET family = 'other' WHERE "organisationId" = ${org}::uuid`;
    const xmin = async () => (await db().$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM "Vendor" WHERE id = ${vendor.id}::uuid`)[0]!.xmin;
    const untouched = await xmin();
    await db().$executeRaw`UPDATE "Model" SET family = 'again' WHERE "organisationId" = ${org}::uuid`;
    expect(await xmin()).toBe(untouched); // the vendor row was not rewritten
    expect(await db().vendor.findUniqueOrThrow({ where: { id: vendor.id }, select: { updatedAt: true, version: true } })).toEqual(before);
    expect(await drifted()).toEqual([]);
  });
});
