import { beforeEach, describe, expect, it } from "vitest";
import { createScenario, deleteScenario, runScenario, updateScenario } from "@/lib/scenarios/mutations";
import { getScenario, listScenarios, scenarioBuilderOptions } from "@/lib/scenarios/queries";
import { scenarioSchema } from "@/lib/scenarios/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { buildFrontierInventory } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof twoOrganisations>>;


const inventory = (organisationId: string) => buildFrontierInventory(db(), organisationId, { toolCriticality: "medium" });

const blockedInEu = scenarioSchema.parse({
  name: "Frontier Labs blocked for the EU",
  description: "US vendor cuts off German and French users",
  shocks: JSON.stringify([{ type: "vendor-blocked", vendor: "frontier-labs", countries: { only: ["DE", "FR"] } }]),
});

describe("scenarios", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
    await inventory(w.a.organisation.id);
  });

  it("saves a scenario, runs it on the inventory and stores the blast radius as its last result, with audit events", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const saved = await createScenario(analyst, blockedInEu);
    expect(saved).toMatchObject({ name: "Frontier Labs blocked for the EU", version: 1, lastResult: null, shocks: [{ type: "vendor-blocked", vendor: "frontier-labs" }] });

    const { result } = await runScenario(analyst, saved.id);
    const bySystem = Object.fromEntries(result.systems.map((s) => [s.name, s]));
    expect(bySystem["Support chat"]).toMatchObject({ status: "recovers", recoveryHours: 1, affectedOffices: ["berlin"] });
    expect(bySystem["Contract review"]).toMatchObject({ status: "no-recovery", affectedOffices: ["paris"] });
    expect(result.counts).toMatchObject({ systemsAffected: 2, recovers: 1, noRecovery: 1 });
    expect(result.teams.sort()).toEqual(["Legal", "Support"]);
    expect(result.weightedImpactPercent).toBeGreaterThan(0);
    expect(result.score.after).toBeLessThan(result.score.before);

    const stored = await getScenario(analyst, saved.id);
    expect(stored?.lastRunAt).toBeInstanceOf(Date);
    expect(stored?.lastResult?.counts).toEqual(result.counts);
    expect(stored?.version).toBe(1); // running is not editing
    const audit = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityId: saved.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => `${a.action}:${a.entityType}`)).toEqual(["create:scenario", "update:scenario_run"]);
  });

  it("refuses invalid shocks with the engine's messages and paths, and saves nothing", () => {
    const bad = scenarioSchema.safeParse({ name: "Bad", shocks: JSON.stringify([{ type: "cloud-region-lost", cloud: "amazon" }, { type: "vendor-blocked", vendor: "x", countries: { only: ["ZZ"] } }]) });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues;
    expect(issues.some((i) => i.path[0] === "shocks")).toBe(true);
    expect(JSON.stringify(issues)).toContain("expected a region or a country for cloud-region-lost");
    expect(scenarioSchema.safeParse({ name: "Empty", shocks: "[]" }).error?.issues[0]).toMatchObject({ path: ["shocks"], message: "Add at least one shock" });
    expect(scenarioSchema.safeParse({ name: "Not JSON", shocks: "{oops" }).success).toBe(false);
  });

  it("updates with a version check and says who changed it; deletes with the version", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const saved = await createScenario(analyst, blockedInEu);
    const renamed = await updateScenario(analyst, saved.id, 1, { ...blockedInEu, name: "Renamed" });
    expect(renamed.version).toBe(2);
    await expect(updateScenario(w.ctx(w.a, "owner"), saved.id, 1, { ...blockedInEu, name: "Stale" })).rejects.toMatchObject({ code: "CONFLICT", details: { current: { name: "Renamed", version: 2 } } });
    await expect(createScenario(analyst, { ...blockedInEu, name: "Renamed" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: expect.any(Array) } } });
    await expect(deleteScenario(analyst, saved.id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteScenario(analyst, saved.id, 2);
    expect(await listScenarios(analyst)).toEqual([]);
  });

  it("offers the organisation's vendors, clouds, models and office countries in the engine's keys", async () => {
    const options = await scenarioBuilderOptions(w.ctx(w.a, "viewer"));
    expect(options.vendors.map((v) => v.key)).toEqual(["frontier-labs", "open-weights-sas"]);
    expect(options.models.map((m) => m.key).sort()).toEqual(["big-model", "open-model"]);
    expect(options.officeCountries).toEqual(["DE", "FR"]);
    expect(options.vendorCountries).toEqual(["FR", "US"]);
  });

  it("says so when a vendor the scenario names was renamed since, instead of quietly finding no impact", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const saved = await createScenario(analyst, blockedInEu);
    expect((await runScenario(analyst, saved.id)).result.unmatched).toEqual([]);
    await db().vendor.updateMany({ where: { organisationId: w.a.organisation.id, name: "Frontier Labs" }, data: { name: "Frontier Labs Inc" } });
    const { result } = await runScenario(analyst, saved.id);
    expect(result.systems).toEqual([]);
    expect(result.unmatched).toEqual(['vendor "frontier-labs"']);
    expect(result.summary).toContain("renamed since the scenario was written");
  });

  it("hides and refuses another organisation's scenarios (404), and B's run sees only B's inventory", async () => {
    const saved = await createScenario(w.ctx(w.a, "owner"), blockedInEu);
    const ownerB = w.ctx(w.b, "owner");
    expect(await getScenario(ownerB, saved.id)).toBeNull();
    expect(await listScenarios(ownerB)).toEqual([]);
    await expect(runScenario(ownerB, saved.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateScenario(ownerB, saved.id, 1, blockedInEu)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteScenario(ownerB, saved.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await createScenario(ownerB, blockedInEu);
    const { result } = await runScenario(ownerB, mine.id);
    expect(result.systems).toEqual([]);
    expect(result.unmatched).toEqual(['vendor "frontier-labs"']); // A's vendor is not in B's inventory
    expect((await getScenario(w.ctx(w.a, "owner"), saved.id))?.lastResult).toBeNull();
  });

  it("lets owners and analysts save and run scenarios; everyone reads them", async () => {
    const saved = await createScenario(w.ctx(w.a, "owner"), blockedInEu);
    for (const role of ROLES) {
      const ctx = w.ctx(w.a, role);
      expect((await listScenarios(ctx)).map((s) => s.id)).toEqual([saved.id]);
      if (role === "owner" || role === "analyst") {
        await expect(runScenario(ctx, saved.id)).resolves.toMatchObject({ id: saved.id });
      } else {
        await expect(runScenario(ctx, saved.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(createScenario(ctx, { ...blockedInEu, name: `By ${role}` })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
  });
});
