import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { scoreOrganisation, today } from "@/lib/scores/queries";
import { parseInventoryDocument } from "@/scoring/parse";
import { simulateScenario, type ScenarioResult } from "@/scoring/scenario";
import { SCENARIO_SCHEMA_VERSION, scenarioSchema as engineScenarioSchema } from "@/scoring/schema/scenario";
import { typedScenario } from "@/lib/scenarios/queries";
import type { ScenarioInput } from "@/lib/scenarios/schemas";

const select = { id: true, name: true, description: true, shocks: true, asOf: true, lastRunAt: true, lastResult: true, version: true, createdAt: true, updatedAt: true } as const;
const auditSelect = { id: true, name: true, description: true, shocks: true, asOf: true, version: true } as const;

const json = (v: unknown) => v as Prisma.InputJsonValue;

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `A scenario named "${name}" already exists`, { fieldErrors: { name: ["A scenario with this name already exists"] } });
  }
  throw e;
}

const data = (input: ScenarioInput) => ({ name: input.name, description: input.description, asOf: input.asOf, shocks: json(input.shocks) });

export async function createScenario(ctx: OrgContext, input: ScenarioInput) {
  assertCan(ctx, "scenarios:run");
  return db()
    .$transaction(async (tx) => {
      const row = await tx.scenario.create({ data: { ...data(input), organisationId: ctx.organisationId, createdById: ctx.userId }, select });
      await recordAudit(tx, ctx, { action: "create", entityType: "scenario", entityId: row.id, after: { ...row, lastResult: undefined } });
      return typedScenario(row);
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Saves new shocks or details; the last result stays until the next run (it says when it ran and against what). */
export async function updateScenario(ctx: OrgContext, id: string, version: number, input: ScenarioInput) {
  assertCan(ctx, "scenarios:run");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.scenario.findFirst({ where: { id, organisationId: ctx.organisationId }, select: auditSelect });
      const { count } = await tx.scenario.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...data(input), version: { increment: 1 } } });
      if (count === 0) throw staleOrMissing("Scenario", before && { ...before, asOf: before.asOf?.toISOString().slice(0, 10) ?? null }, version);
      const after = await tx.scenario.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select });
      await recordAudit(tx, ctx, { action: "update", entityType: "scenario", entityId: id, before, after: { ...after, lastResult: undefined } });
      return typedScenario(after);
    })
    .catch((e) => duplicateName(e, input.name));
}

export async function deleteScenario(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "scenarios:run");
  await db().$transaction(async (tx) => {
    const before = await tx.scenario.findFirst({ where: { id, organisationId: ctx.organisationId }, select: auditSelect });
    if (!before) throw notFoundError("Scenario");
    const { count } = await tx.scenario.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Scenario", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "scenario", entityId: id, before });
  });
}

/**
 * Simulates a saved scenario on the inventory as it stands (against the landscape of its
 * `asOf`, or today) and stores the blast radius as its last result. Running is not editing:
 * the version stays, so someone editing the scenario meanwhile does not get a conflict.
 */
export async function runScenario(ctx: OrgContext, id: string): Promise<{ id: string; lastRunAt: Date; result: ScenarioResult }> {
  assertCan(ctx, "scenarios:run");
  return simulateSaved(ctx, id);
}

/**
 * Runs a saved scenario in the room, during a workshop that is running (decision 038: "run shocks
 * together"): the facilitator's permission (`workshops:run`), not the risk officer's, because it
 * changes no scenario, only records a run, which the workshop's summary lists. Refused once the
 * workshop has ended.
 */
export async function runWorkshopShock(ctx: OrgContext, input: { workshopId: string; scenarioId: string }): Promise<{ id: string; lastRunAt: Date; result: ScenarioResult }> {
  assertCan(ctx, "workshops:run");
  const workshop = await db().workshop.findFirst({ where: { id: input.workshopId, organisationId: ctx.organisationId }, select: { status: true } });
  if (!workshop) throw notFoundError("Workshop");
  if (workshop.status !== "running") throw new AppError("CONFLICT", "This workshop has ended; run the scenario from the Scenarios page.");
  return simulateSaved(ctx, input.scenarioId);
}

/** Simulates a saved scenario of the caller's organisation and stores the run; the caller has checked the permission. */
async function simulateSaved(ctx: OrgContext, id: string): Promise<{ id: string; lastRunAt: Date; result: ScenarioResult }> {
  const row = await db().scenario.findFirst({ where: { id, organisationId: ctx.organisationId }, select: auditSelect });
  if (!row) throw notFoundError("Scenario");
  const asOf = row.asOf ? row.asOf.toISOString().slice(0, 10) : today();
  const engineScenario = engineScenarioSchema.safeParse({ schemaVersion: SCENARIO_SCHEMA_VERSION, key: `scenario-${row.id}`, name: row.name, description: row.description || undefined, asOf, shocks: row.shocks });
  if (!engineScenario.success) throw new AppError("INVALID_INPUT", "This scenario's shocks are no longer valid; edit it and save again.", { issues: engineScenario.error.issues });

  const { document } = await loadInventoryDocument(ctx);
  const parsed = parseInventoryDocument(document);
  if (!parsed.ok) {
    throw new AppError("INVALID_INPUT", `The inventory cannot be scored yet (${parsed.issues.length} problem${parsed.issues.length === 1 ? "" : "s"}); fix it on the Scores page, then run the scenario.`, { issues: parsed.issues });
  }
  // The live score of the same inventory and day is usually cached: reuse it as the baseline.
  const live = await scoreOrganisation(ctx, asOf);
  const result = simulateScenario(parsed.value, engineScenario.data, { asOf, ...(live.ok ? { baseline: live.result } : {}) });
  const lastRunAt = new Date();
  await db().$transaction(async (tx) => {
    const { count } = await tx.scenario.updateMany({ where: { id, organisationId: ctx.organisationId }, data: { lastRunAt, lastResult: json(result) } });
    if (count === 0) throw notFoundError("Scenario");
    await recordAudit(tx, ctx, {
      action: "update",
      entityType: "scenario_run",
      entityId: id,
      after: { asOf, lastRunAt, weightedImpactPercent: result.weightedImpactPercent, counts: result.counts, score: result.score },
    });
  });
  return { id, lastRunAt, result };
}
