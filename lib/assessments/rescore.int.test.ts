import { beforeEach, describe, expect, it } from "vitest";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { getAssessment, type FrozenLandscape } from "@/lib/assessments/queries";
import { rescoreWithCurrentMethodology } from "@/lib/assessments/rescore";
import { asFrozenUnder202611, OLD_METHODOLOGY_VERSION } from "@/lib/assessments/frozen-2026-11.testing";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { parseInventoryDocument } from "@/scoring/parse";
import { ratingFor } from "@/scoring/ratings";
import { scoreInventory } from "@/scoring/score-inventory";
import { METHODOLOGY_VERSION } from "@/scoring/version";
import type { InventoryDocument } from "@/scoring/schema/inventory";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

const AS_OF = "2026-09-01"; // the US restriction on Anthropic is in force, lifted for allies: India stays cut off
const RESTRICTION = "us-anthropic-model-export-restriction";

/** A support chat on Anthropic's API, used by 700 people in Berlin and 300 in Pune, with no fallback. */
async function inventory(organisationId: string) {
  const berlin = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE", headcount: 700 });
  const pune = await buildOffice(db(), organisationId, { name: "Pune", country: "IN", headcount: 300 });
  const anthropic = await db().vendor.create({ data: { organisationId, name: "Anthropic", vendorType: "frontier_lab", hqCountry: "US" } });
  const claude = await db().model.create({ data: { organisationId, vendorId: anthropic.id, name: "Claude Sonnet", family: "claude", weights: "closed", licence: "proprietary" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.createMany({ data: [berlin, pune].map((o) => ({ organisationId, aiSystemId: system.id, officeId: o.id })) });
  await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: claude.id, accessPath: "direct_api" } });
}

/**
 * Stores, beside a real assessment, one as the 2026.11-1 engine froze it: the same inputs and
 * landscape, results without what that engine did not record, and its numbers. That engine had no
 * switched-off rule, so its score is the sum of the 15 factors (the current result's `scoreBefore`).
 */
async function storeAsFrozenUnder202611(w: World, id: string, landscape?: (l: FrozenLandscape) => FrozenLandscape) {
  const row = await db().assessment.findFirstOrThrow({ where: { id, organisationId: w.a.organisation.id } });
  const current = (await getAssessment(w.ctx(w.a, "owner"), id))!;
  const old = asFrozenUnder202611(current.results);
  const before = current.results.dependencies[0]!.switchedOff!.scoreBefore;
  old.organisation.score = before;
  old.organisation.rating = ratingFor(before);
  old.vendors[0]!.score = before;
  old.vendors[0]!.rating = ratingFor(before);
  const frozenLandscape = landscape ? landscape(current.landscape) : current.landscape;
  return db().assessment.create({
    data: {
      organisationId: w.a.organisation.id,
      asOf: row.asOf,
      methodologyVersion: OLD_METHODOLOGY_VERSION,
      inputsHash: row.inputsHash,
      // Stored as assessments were before compressed storage: plain jsonb.
      inputs: JSON.parse(JSON.stringify(current.inputs)),
      landscape: JSON.parse(JSON.stringify(frozenLandscape)),
      results: JSON.parse(JSON.stringify(old)),
      score: before,
      rating: ratingFor(before),
      createdById: w.a.users.analyst.id,
    },
    select: { id: true },
  });
}

describe("rescoreWithCurrentMethodology: an assessment frozen under an earlier methodology, beside today's", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
    await inventory(w.a.organisation.id);
  });

  it("re-scores the frozen inputs against the frozen landscape under the current methodology: organisation and each vendor, frozen beside current", async () => {
    const real = await freezeAssessment(w.ctx(w.a, "analyst"), { asOf: AS_OF });
    const { id } = await storeAsFrozenUnder202611(w, real.id);
    const old = (await getAssessment(w.ctx(w.a, "viewer"), id))!;
    expect(old.methodologyVersion).toBe(OLD_METHODOLOGY_VERSION);
    expect(old.results.organisation.activeRestrictions).toBeUndefined(); // as 2026.11-1 froze it

    const rescore = rescoreWithCurrentMethodology(old);
    if (!rescore?.ok) throw new Error(`expected a re-score, got ${JSON.stringify(rescore)}`);
    const parsed = parseInventoryDocument(old.inputs) as { ok: true; value: InventoryDocument };
    const expected = scoreInventory(parsed.value, { asOf: AS_OF, landscape: old.landscape.catalogueEvents });
    expect(rescore).toMatchObject({ frozenVersion: OLD_METHODOLOGY_VERSION, currentVersion: METHODOLOGY_VERSION, asOf: AS_OF });
    expect(rescore.organisation).toEqual({
      frozen: { score: old.score, rating: old.rating },
      current: { score: expected.organisation.score, rating: expected.organisation.rating },
    });
    // The current methodology is what the real freeze recorded: same inputs, landscape and method.
    expect(rescore.organisation.current).toEqual({ score: real.score, rating: real.rating });
    expect(rescore.vendors).toEqual([{ key: "anthropic", name: "Anthropic", frozen: { score: old.score, rating: old.rating }, current: { score: real.score, rating: real.rating } }]);
    // Pune's 30% are switched off without a fallback: the current method scores lower, and says why.
    expect(rescore.organisation.current.score).toBeLessThan(rescore.organisation.frozen.score);
    expect(rescore.restrictions.map((r) => [r.key, r.switchedOffSystems, r.unrecoveredSystems, r.countries])).toEqual([[RESTRICTION, 1, 1, ["IN"]]]);
  });

  it("holds the frozen landscape fixed: a catalogue frozen before it held the restriction gives no restriction under the current method either", async () => {
    const real = await freezeAssessment(w.ctx(w.a, "analyst"), { asOf: AS_OF });
    const withoutIt = (l: FrozenLandscape): FrozenLandscape => ({
      catalogueEvents: l.catalogueEvents.filter((e) => e.key !== RESTRICTION && !(e.kind === "lift" && e.lifts === RESTRICTION)),
      active: l.active.filter((e) => e.key !== RESTRICTION),
    });
    const { id } = await storeAsFrozenUnder202611(w, real.id, withoutIt);
    const rescore = rescoreWithCurrentMethodology((await getAssessment(w.ctx(w.a, "viewer"), id))!);
    if (!rescore?.ok) throw new Error("expected a re-score");
    expect(rescore.restrictions).toEqual([]);
    expect(rescore.organisation.current.score).toBeGreaterThan(real.score);
  });

  it("answers null for an assessment frozen under the current methodology", async () => {
    const real = await freezeAssessment(w.ctx(w.a, "analyst"), { asOf: AS_OF });
    expect(rescoreWithCurrentMethodology((await getAssessment(w.ctx(w.a, "viewer"), real.id))!)).toBeNull();
  });
});
