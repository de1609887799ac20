import { beforeAll, describe, expect, it } from "vitest";
import { loadInventoryDocument } from "./document";
import { scoreOrganisation } from "@/lib/scores/queries";
import { parseInventoryDocument } from "@/scoring/parse";
import { RATINGS } from "@/scoring/ratings";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { buildOffice } from "@/prisma/factories";

async function demoContext(slug: string) {
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id }, select: { userId: true, role: true } });
  return contextFor(organisation, owner.userId, owner.role);
}

describe("the organisation as an inventory document", () => {
  beforeAll(async () => {
    await seedDemo(db());
  });

  it("is a valid inventory document with every row of the demo company", async () => {
    const ctx = await demoContext(DEMO_ORG_SLUGS.mainfeld);
    const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
    const parsed = parseInventoryDocument(document);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    const where = { organisationId: ctx.organisationId };
    expect(document.offices).toHaveLength(await db().office.count({ where }));
    expect(document.aiSystems).toHaveLength(await db().aiSystem.count({ where }));
    expect(document.dependencies).toHaveLength(await db().dependency.count({ where }));
    expect(document.fallbacks).toHaveLength(await db().fallback.count({ where }));
    expect(document.dataFlows!.length + skippedDataFlows).toBe(await db().dataFlow.count({ where }));
    expect(skippedDataFlows).toBe(0);
    expect(new Set(document.dependencies.map((d) => d.accessPath))).toEqual(new Set(["direct-api", "cloud-marketplace", "third-party-hosted", "self-hosted"]));
  });

  it("scores with a rating, findings and the vendor table", async () => {
    const live = await scoreOrganisation(await demoContext(DEMO_ORG_SLUGS.mainfeld), "2026-11-22");
    if (!live.ok) throw new Error(JSON.stringify(live.issues));
    expect(RATINGS).toContain(live.result.organisation.rating);
    expect(live.result.organisation.score).toBeGreaterThan(0);
    expect(live.result.organisation.score).toBeLessThan(100);
    expect(live.result.findings.length).toBeGreaterThan(0);
    expect(live.result.vendors.map((v) => v.name)).toEqual(expect.arrayContaining(["OpenAI", "Anthropic"]));
  });

  it("holds only the caller's organisation", async () => {
    const { a, b, ctx } = await twoOrganisations();
    await buildOffice(db(), a.organisation.id, { name: "Only in A" });
    const { document } = await loadInventoryDocument(ctx(b, "viewer"));
    expect(document.organisation.key).toBe(b.organisation.slug);
    expect(document.offices).toEqual([]);
  });
});

describe("the live score", () => {
  it("is recomputed after any change to the inventory, and reused while nothing changed", async () => {
    await seedDemo(db());
    const ctx = await demoContext(DEMO_ORG_SLUGS.mainfeld);
    const first = await scoreOrganisation(ctx, "2026-11-22");
    expect(await scoreOrganisation(ctx, "2026-11-22")).toBe(first); // same object: served from the cache

    const fallback = await db().fallback.findFirstOrThrow({ where: { organisationId: ctx.organisationId } });
    await db().fallback.delete({ where: { id: fallback.id } });
    const after = await scoreOrganisation(ctx, "2026-11-22");
    expect(after).not.toBe(first);
    if (!first.ok || !after.ok) throw new Error("demo must score");
    expect(after.result.organisation.score).toBeLessThanOrEqual(first.result.organisation.score);
  });
});
