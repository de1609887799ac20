import { round2 } from "./engine/aggregate";
import { buildContext } from "./engine/context";
import { diffLandscapes, type LandscapeChange } from "./engine/landscape";
import type { FactorId } from "./engine/factors/types";
import type { ScoringOptions } from "./options";
import type { Rating } from "./ratings";
import type { Scored, ScoringResult } from "./results";
import { requireOptions, scoreContext } from "./score-inventory";
import type { InventoryDocument } from "./schema/inventory";

export interface FactorChange {
  id: FactorId;
  before: number;
  after: number;
  delta: number;
  sentenceBefore: string;
  sentenceAfter: string;
}

export interface EntityChange {
  key: string;
  name: string;
  before: number;
  after: number;
  delta: number;
  ratingBefore: Rating;
  ratingAfter: Rating;
  /** The factors that moved, largest first: the "why". */
  factors: FactorChange[];
}

export interface ResultComparison {
  asOf: { before: string; after: string };
  methodologyVersion: { before: string; after: string };
  organisation: EntityChange;
  /** Events in force in one result and not the other (see `compareAsOf` for the lifting reasons). */
  landscape: { imposed: { key: string; title: string }[]; lifted: { key: string; title: string }[] };
  systems: EntityChange[];
  vendors: EntityChange[];
}

function change(key: string, name: string, a: Scored, b: Scored): EntityChange {
  const factors: FactorChange[] = [];
  const before = new Map(a.factors.map((f) => [f.id, f]));
  for (const f of b.factors) {
    const old = before.get(f.id);
    const delta = round2(f.points - (old?.points ?? 0));
    if (Math.abs(delta) >= 0.01 || (old && old.sentence !== f.sentence && Math.abs(delta) > 0)) {
      factors.push({ id: f.id, before: old?.points ?? 0, after: f.points, delta, sentenceBefore: old?.sentence ?? "", sentenceAfter: f.sentence });
    }
  }
  factors.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : 1));
  return { key, name, before: a.score, after: b.score, delta: round2(b.score - a.score), ratingBefore: a.rating, ratingAfter: b.rating, factors };
}

/**
 * What changed between two results (two dates, two landscapes, two versions of an inventory):
 * score deltas for the organisation, systems and vendors, with the factors that moved.
 * Entities present in only one result are left out; unchanged ones too.
 *
 * @example
 * const c = compareResults(scoreInventory(doc, { asOf: "2025-03-01" }), scoreInventory(doc, { asOf: "2025-06-01" }));
 * c.landscape.lifted //=> [{ key: "us-ai-diffusion-rule-2025", title: "US Framework for Artificial Intelligence Diffusion (ECCN 4E091)" }]
 * c.organisation.factors[0] //=> { id: "jurisdiction.restrictions", delta: 1.2, ... }
 */
export function compareResults(a: ScoringResult, b: ScoringResult): ResultComparison {
  const diffBy = <T extends Scored & { key: string; name: string }>(xs: readonly T[], ys: readonly T[]) => {
    const m = new Map(xs.map((x) => [x.key, x]));
    return ys
      .filter((y) => m.has(y.key))
      .map((y) => change(y.key, y.name, m.get(y.key)!, y))
      .filter((c) => c.delta !== 0 || c.factors.length > 0)
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.key < y.key ? -1 : 1));
  };
  const aKeys = new Set(a.landscape.active.map((e) => e.key));
  const bKeys = new Set(b.landscape.active.map((e) => e.key));
  return {
    asOf: { before: a.asOf, after: b.asOf },
    methodologyVersion: { before: a.methodologyVersion, after: b.methodologyVersion },
    organisation: change(b.organisation.key, b.organisation.name, a.organisation, b.organisation),
    landscape: {
      imposed: b.landscape.active.filter((e) => !aKeys.has(e.key)).map(({ key, title }) => ({ key, title })),
      lifted: a.landscape.active.filter((e) => !bKeys.has(e.key)).map(({ key, title }) => ({ key, title })),
    },
    systems: diffBy(a.systems, b.systems),
    vendors: diffBy(a.vendors, b.vendors),
  };
}

/**
 * Scores the same document on two dates (or under two landscapes via `options.landscape`) and
 * explains the difference: the policy events imposed or lifted in between, with the event that
 * lifted them, and the score changes they caused.
 *
 * @example
 * compareAsOf(doc, { asOf: "2025-03-01" }, { asOf: "2025-06-01" }).landscapeChanges[0]
 * //=> { change: "lifted", event: { key: "us-ai-diffusion-rule-2025", ... }, because: "BIS rescinds the AI Diffusion rule", effectiveDate: "2025-05-13" }
 */
export function compareAsOf(doc: InventoryDocument, before: ScoringOptions, after: ScoringOptions): ResultComparison & { landscapeChanges: LandscapeChange[] } {
  const ctxA = buildContext(doc, requireOptions(before));
  const ctxB = buildContext(doc, requireOptions(after));
  const a = scoreContext(ctxA).result;
  const b = scoreContext(ctxB).result;
  return { ...compareResults(a, b), landscapeChanges: diffLandscapes({ events: ctxA.events, asOf: ctxA.asOf }, { events: ctxB.events, asOf: ctxB.asOf }) };
}
