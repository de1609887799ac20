// The data-flows list's sort keys (docs/decisions/056): the names of a flow's AI system (through its
// dependency), vendor and origin office, kept on the flow by triggers. These tests write the way
// any writer does (the app, an import, a script) and check the names against the joined rows.
import { beforeEach, describe, expect, it } from "vitest";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDataFlow, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { DRIFTED_SORT_KEYS_SQL } from "@/lib/testing/kept-values";

type World = Awaited<ReturnType<typeof build>>;

async function build() {
  const w = await twoOrganisations();
  const org = w.a.organisation.id;
  const office = await buildOffice(db(), org, { name: "Frankfurt HQ" });
  const openai = await buildVendor(db(), org, { name: "OpenAI" });
  const gpt = await buildModel(db(), org, openai.id);
  const support = await buildAiSystem(db(), org, { name: "Support chat" });
  const translation = await buildAiSystem(db(), org, { name: "Translation" });
  const dependency = await buildDependency(db(), org, support.id, gpt.id);
  const flow = await buildDataFlow(db(), org, openai.id, { name: "Chats", originOfficeId: office.id, dependencyId: dependency.id });
  const bare = await buildDataFlow(db(), org, openai.id, { name: "Uploads" });
  // B has rows of the same names: a rename in A must not reach them.
  const bOffice = await buildOffice(db(), w.b.organisation.id, { name: "Frankfurt HQ" });
  const bVendor = await buildVendor(db(), w.b.organisation.id, { name: "OpenAI" });
  const bFlow = await buildDataFlow(db(), w.b.organisation.id, bVendor.id, { name: "Chats", originOfficeId: bOffice.id });
  return { w, org, office, openai, gpt, support, translation, dependency, flow, bare, bFlow };
}

const keysOf = (id: string) =>
  db().dataFlow.findUniqueOrThrow({ where: { id }, select: { aiSystemName: true, vendorName: true, originOfficeName: true, version: true } });

/** Flows (of every organisation) whose kept names differ from the rows they reference: none, always. */
const drifted = () => db().$queryRawUnsafe<unknown[]>(DRIFTED_SORT_KEYS_SQL);

describe("the data flows' sort keys", () => {
  let s: World;
  beforeEach(async () => {
    s = await build();
  });

  it("are the referenced rows' names from the insert on, null where nothing is referenced", async () => {
    expect(await keysOf(s.flow.id)).toEqual({ aiSystemName: "Support chat", vendorName: "OpenAI", originOfficeName: "Frankfurt HQ", version: 1 });
    expect(await keysOf(s.bare.id)).toEqual({ aiSystemName: null, vendorName: "OpenAI", originOfficeName: null, version: 1 });
    // createMany (imports) and raw SQL insert the same way.
    await db().dataFlow.createMany({
      data: [{ organisationId: s.org, vendorId: s.openai.id, dependencyId: s.dependency.id, name: "Many", processingCountry: "US", dataCategories: ["internal"], volume: "low", transferMechanism: "scc", encryption: "none" }],
    });
    await db().$executeRaw`
      INSERT INTO "DataFlow" (id, "organisationId", name, "originOfficeId", "vendorId", "processingCountry", "dataCategories", volume, "transferMechanism", encryption, "updatedAt")
      VALUES (gen_random_uuid(), ${s.org}::uuid, 'Raw', ${s.office.id}::uuid, ${s.openai.id}::uuid, 'US', ARRAY['internal']::"DataCategory"[], 'low', 'scc', 'none', now())`;
    const rows = await db().dataFlow.findMany({ where: { organisationId: s.org, name: { in: ["Many", "Raw"] } }, orderBy: { name: "asc" }, select: { name: true, aiSystemName: true, originOfficeName: true } });
    expect(rows).toEqual([
      { name: "Many", aiSystemName: "Support chat", originOfficeName: null },
      { name: "Raw", aiSystemName: null, originOfficeName: "Frankfurt HQ" },
    ]);
    expect(await drifted()).toEqual([]);
  });

  it("replace whatever a writer puts in them with the referenced names", async () => {
    const made = await db().dataFlow.create({
      data: { organisationId: s.org, vendorId: s.openai.id, name: "Forged", aiSystemName: "AAA", vendorName: "AAA", originOfficeName: "AAA", processingCountry: "US", dataCategories: ["internal"], volume: "low", transferMechanism: "scc", encryption: "none" },
      select: { id: true },
    });
    expect(await keysOf(made.id)).toMatchObject({ aiSystemName: null, vendorName: "OpenAI", originOfficeName: null });
    await db().dataFlow.update({ where: { id: s.flow.id }, data: { aiSystemName: "AAA", vendorName: "AAA" } });
    expect(await keysOf(s.flow.id)).toMatchObject({ aiSystemName: "Support chat", vendorName: "OpenAI" });
  });

  it("follow a flow moved to another dependency, vendor or office, or to none", async () => {
    const other = await buildDependency(db(), s.org, s.translation.id, s.gpt.id, { accessPath: "third_party_hosted" });
    const ovh = await buildVendor(db(), s.org, { name: "OVHcloud", vendorType: "cloud_provider", hqCountry: "FR" });
    const paris = await buildOffice(db(), s.org, { name: "Paris" });
    await db().dataFlow.update({ where: { id: s.flow.id }, data: { dependencyId: other.id, vendorId: ovh.id, originOfficeId: paris.id } });
    expect(await keysOf(s.flow.id)).toMatchObject({ aiSystemName: "Translation", vendorName: "OVHcloud", originOfficeName: "Paris" });
    await db().dataFlow.update({ where: { id: s.flow.id }, data: { dependencyId: null, originOfficeId: null } });
    expect(await keysOf(s.flow.id)).toMatchObject({ aiSystemName: null, vendorName: "OVHcloud", originOfficeName: null });
    expect(await drifted()).toEqual([]);
  });

  it("follow renames of the AI system, vendor and office, in this organisation only, and leave the flows' versions alone", async () => {
    await db().aiSystem.update({ where: { id: s.support.id }, data: { name: "Customer support" } });
    await db().vendor.update({ where: { id: s.openai.id }, data: { name: "OpenAI, Inc." } });
    await db().office.update({ where: { id: s.office.id }, data: { name: "Frankfurt" } });
    expect(await keysOf(s.flow.id)).toEqual({ aiSystemName: "Customer support", vendorName: "OpenAI, Inc.", originOfficeName: "Frankfurt", version: 1 });
    expect(await keysOf(s.bare.id)).toMatchObject({ vendorName: "OpenAI, Inc." });
    expect(await keysOf(s.bFlow.id)).toMatchObject({ vendorName: "OpenAI", originOfficeName: "Frankfurt HQ" });
    // Several renames in one statement, as an import or a script may send them.
    await db().$executeRaw`UPDATE "AiSystem" SET name = name || ' (old)' WHERE "organisationId" = ${s.org}::uuid AND name IN ('Customer support', 'Translation')`;
    expect(await keysOf(s.flow.id)).toMatchObject({ aiSystemName: "Customer support (old)" });
    expect(await drifted()).toEqual([]);
    // An edit that does not rename (owner only) touches no flow.
    const before = await db().dataFlow.findUniqueOrThrow({ where: { id: s.flow.id }, select: { updatedAt: true } });
    await db().aiSystem.update({ where: { id: s.support.id }, data: { owner: "Someone else" } });
    expect((await db().dataFlow.findUniqueOrThrow({ where: { id: s.flow.id }, select: { updatedAt: true } })).updatedAt).toEqual(before.updatedAt);
  });

  it("follow a dependency moved to another AI system", async () => {
    await db().dependency.update({ where: { id: s.dependency.id }, data: { aiSystemId: s.translation.id } });
    expect(await keysOf(s.flow.id)).toMatchObject({ aiSystemName: "Translation", version: 1 });
    expect(await drifted()).toEqual([]);
  });
});
