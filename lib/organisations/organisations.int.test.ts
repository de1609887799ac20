import { describe, expect, it, vi } from "vitest";
import { createFirstAccount, createOrganisation, updateOrganisation } from "./mutations";
import { getOrganisation, getOrganisationOverview, hasAnyUser } from "./queries";
import { idle } from "@/lib/action-state";
import { buildUser } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { buildLargeInventory } from "@/lib/testing/inventory-factories";

// The settings form's action runs as Next runs it; only auth() (which needs a request) and the cache are replaced.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { updateOrganisationAction } = await import("./actions");

/** The settings form as the browser sends it. */
function settingsForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  return form;
}

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

  it("an owner records the LEI in the settings: upper-cased and saved; a bad check digit is refused under the field and nothing saved; a stale form is refused", async () => {
    const { a, ctx } = await twoOrganisations();
    const owner = ctx(a, "owner");
    session.userId = a.users.owner.id;
    const row = () => db().organisation.findUniqueOrThrow({ where: { id: a.organisation.id }, select: { name: true, lei: true, version: true } });
    const save = (fields: { name?: string; lei: string; version: number }) =>
      updateOrganisationAction(idle, settingsForm({ org: a.organisation.slug, name: fields.name ?? a.organisation.name, hqCountry: "DE", sector: "Banking", regimes: ["gdpr", "dora"], lei: fields.lei, version: String(fields.version) }));

    const first = await row();
    expect(first.lei).toBeNull();
    expect(await save({ lei: " 5299 00t8bm49aursdo55 ", version: first.version })).toMatchObject({ status: "success" });
    expect((await getOrganisation(owner)).lei).toBe("529900T8BM49AURSDO55");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: a.organisation.id, action: "update", entityType: "organisation" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ before: { lei: null }, after: { lei: "529900T8BM49AURSDO55" } });

    const saved = await row();
    const refused = await save({ name: "Renamed with a typo", lei: "529900T8BM49AURSDO56", version: saved.version });
    expect(refused).toMatchObject({ status: "error", code: "INVALID_INPUT" });
    expect(refused.status === "error" && refused.fieldErrors?.lei?.join(" ")).toMatch(/check digits/);
    expect(refused.status === "error" && refused.values?.lei).toBe("529900T8BM49AURSDO56"); // the form keeps what was typed
    expect(await row()).toEqual(saved);

    // Optimistic locking as before: a form read before the last save is refused, the LEI kept.
    const stale = await save({ lei: "5493001KJTIIGC8Y1R12", version: first.version });
    expect(stale).toMatchObject({ status: "error", code: "CONFLICT" });
    expect(await row()).toEqual(saved);

    // A caller that does not send the field (the API, older forms) leaves it; a blank field clears it.
    await updateOrganisation(owner, { name: saved.name, hqCountry: "DE", sector: "Banking", regimes: ["dora"], version: saved.version });
    expect((await row()).lei).toBe("529900T8BM49AURSDO55");
    expect(await save({ lei: "", version: (await row()).version })).toMatchObject({ status: "success" });
    expect((await row()).lei).toBeNull();
    session.userId = null;
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

    // Kept while the inventory stands, counted again once it changes (through any path: here raw
    // SQL, as another instance or a script would write); the open actions are counted every time.
    await db().$executeRaw`UPDATE "Office" SET "headcount" = "headcount" WHERE false`;
    await db().remediationAction.updateMany({ where: { ...where, status: "in_progress" }, data: { status: "done" } });
    expect(await getOrganisationOverview(asA)).toEqual({ ...counts, openActions: 1 });
    const office = await db().office.findFirstOrThrow({ where, select: { id: true } });
    await db().$executeRaw`DELETE FROM "DataFlow" WHERE "originOfficeId" = ${office.id}::uuid`;
    await db().$executeRaw`DELETE FROM "Office" WHERE "id" = ${office.id}::uuid`;
    const after = await getOrganisationOverview(asA);
    expect(after.offices).toBe(counts.offices - 1);
    expect(after.dataFlows).toBe(await db().dataFlow.count({ where }));
  });
});
