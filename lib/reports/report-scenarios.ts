// The board report's scenarios are simulated on the assessment's FROZEN inventory and landscape,
// not read from each scenario's last run (which used whatever the inventory was that day), so
// every blast radius in the report traces to the same assessment as the rest of it. Pure.
import { describeShocks, shockNames } from "@/components/scenarios/describe";
import { formatDayLong } from "@/lib/dates";
import { scoreInventory } from "@/scoring/score-inventory";
import { simulateScenario } from "@/scoring/scenario";
import { SCENARIO_SCHEMA_VERSION, scenarioSchema } from "@/scoring/schema/scenario";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import type { ScoringResult } from "@/scoring/results";
import type { ReportScenario } from "@/lib/reports/board-report";

export interface SavedScenarioLike {
  id: string;
  name: string;
  description: string;
  shocks: unknown;
  /** The scenario's own date (its landscape), or null for "the assessment's date". */
  asOf: string | null;
}

/**
 * Each saved scenario's blast radius on the frozen document, against the frozen catalogue events
 * (`catalogueEvents`) as of the scenario's own date or else the assessment's. One baseline score
 * per distinct date. A scenario whose shocks no longer validate is listed with the problem.
 */
export function simulateForReport(document: InventoryDocument, catalogueEvents: readonly PolicyEvent[], assessmentAsOf: string, scenarios: readonly SavedScenarioLike[]): ReportScenario[] {
  const baselines = new Map<string, ScoringResult>();
  const names = shockNames(document);
  const landscape = [...catalogueEvents];
  return scenarios.map((s) => {
    const asOf = s.asOf ?? assessmentAsOf;
    const parsed = scenarioSchema.safeParse({ schemaVersion: SCENARIO_SCHEMA_VERSION, key: `scenario-${s.id}`, name: s.name, description: s.description || undefined, asOf, shocks: s.shocks });
    if (!parsed.success) return { id: s.id, name: s.name, description: s.description, shocks: [], result: null, problem: "Its shocks are no longer valid; edit the scenario and save it again." };
    let baseline = baselines.get(asOf);
    if (!baseline) {
      baseline = scoreInventory(document, { asOf, landscape });
      baselines.set(asOf, baseline);
    }
    const result = simulateScenario(document, parsed.data, { asOf, landscape, baseline });
    return { id: s.id, name: s.name, description: s.description, shocks: describeShocks(s.name, parsed.data.shocks, names), result, problem: null };
  });
}


/**
 * Why a scenario starts from another score than the report's headline: it is scored against the
 * policy landscape of its own date, so restrictions in force (or lifted) by then are already counted.
 */
export function baselineNote(before: number, scenarioAsOf: string, headline: { score: number; asOf: string }): string | null {
  if (before.toFixed(1) === headline.score.toFixed(1)) return null;
  return scenarioAsOf !== headline.asOf
    ? `It starts from ${before.toFixed(1)}, not the headline ${headline.score.toFixed(1)}: the scenario is dated ${formatDayLong(scenarioAsOf)}, and the frozen inventory is scored against the policy landscape of that day, with what is in force or lifted by then, rather than of the assessment's date, ${formatDayLong(headline.asOf)}.`
    : `It starts from ${before.toFixed(1)}, not the headline ${headline.score.toFixed(1)}: the frozen inventory is scored against the catalogue's policy events as frozen with the assessment.`;
}
