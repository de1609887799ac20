import { describe, expect, it } from "vitest";
import { createFirstAccount, createOrganisation } from "./mutations";
import { getOrganisationOverview, hasAnyUser } from "./queries";
import { buildUser } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { buildLargeInventory } from "@/lib/testing/inventory-factories";

describe("organisations", () => {
  it("the first-run path is closed once any account exists", async () => {
    await buildUser(db()); // other tests share this database, so an account exists
    expect(await hasAnyUser()).toBe(true);
    await expect(
      createFirstAccount({ name: "Late", email: "late@example.test", password: "a long enough password", organisationName: "Late AG", hqCountry: "DE", sector: "Retail" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().user.findUnique({ where: { email: "late@example.test" } })).toBeNull();
  });

  it("a consultant creates several client workspaces, owns each, and gets distinct slugs for equal names", async () => {
    const consultant = await buildUser(db());
    const first = await createOrganisation(consultant.id, { name: "Client Holding GmbH", hqCountry: "DE", sector: "Retail" });
    const second = await createOrganisation(consultant.id, { name: "Client Holding GmbH", hqCountry: "AT", sector: "Retail" });
    expect(first.slug).not.toBe(second.slug);
    expect(second.slug.startsWith(first.slug)).toBe(true);
    const mine = await db().membership.findMany({ where: { userId: consultant.id }, select: { role: true, organisation: { select: { slug: true } } } });
    expect(mine.map((m) => [m.organisation.slug, m.role])).toEqual(expect.arrayContaining([[first.slug, "owner"], [second.slug, "owner"]]));
  });

  it("never gives an organisation a slug that shadows an app route", async () => {
    const user = await buildUser(db());
    const org = await createOrganisation(user.id, { name: "Setup", hqCountry: "DE", sector: "IT" });
    expect(org.slug).not.toBe("setup");
  });

  it("counts the overview's rows of its own organisation only, open and in-progress actions alone", async () => {
    const { a, b, ctx } = await twoOrganisations();
    await buildLargeInventory(db(), a.organisation.id, 40);
    const asA = ctx(a, "viewer");
    const where = { organisationId: a.organisation.id };
    await db().remediationAction.createMany({
      data: (["open", "in_progress", "done", "wont_do"] as const).map((status, i) => ({ ...where, title: `Action ${i}`, origin: "manual" as const, priority: "medium" as const, status })),
    });
    const counts = await getOrganisationOverview(asA);
    expect(counts).toEqual({
      offices: await db().office.count({ where }),
      vendors: await db().vendor.count({ where }),
      models: await db().model.count({ where }),
      aiSystems: await db().aiSystem.count({ where }),
      dependencies: await db().dependency.count({ where }),
      dataFlows: await db().dataFlow.count({ where }),
      fallbacks: await db().fallback.count({ where }),
      openActions: 2,
    });
    expect(counts.dependencies).toBeGreaterThan(0);
    expect((await getOrganisationOverview(ctx(b, "viewer"))).dependencies).toBe(0);
  });
});
