// Which policy events changed between two frozen assessments: imposed, lifted, partly lifted,
// each with its date and whether that date is estimated, and what ended a lifted one. Read from
// what the assessments froze (their results' landscape, their catalogue events and their own
// events), never from today's catalogue. Pure (landscape-changes.unit.test.ts).
//
// Results frozen under methodology 2026.11-1 have no `partialLifts` and may lack `dateEstimated`:
// an event without partial lifts has none, and a date is estimated only where the frozen events
// say so.
import type { ActiveRestriction, ScoringResult } from "@/scoring/results";
import type { PolicyEvent } from "@/scoring/schema/policy-event";

/** A policy event as the comparison names it. */
export interface EventChange {
  key: string;
  title: string;
  effectiveDate: string;
  /** The date is Sovra's dated reading, not given by any source. */
  dateEstimated: boolean;
}

export interface LandscapeComparison {
  /** In force in the later assessment only. */
  imposed: EventChange[];
  /** In force in the earlier assessment only; `endedBy`: the lift that ended it, `expired`: the day it expired. */
  lifted: (EventChange & { endedBy?: EventChange; expired?: string })[];
  /** In force in both, but partial lifts in the later one free some countries: `lifts` are the new ones. */
  partlyLifted: (EventChange & { lifts: EventChange[] })[];
}

/** What the comparison reads of a frozen assessment. */
export interface FrozenSide {
  asOf: string;
  results: Pick<ScoringResult, "landscape"> & { organisation: { activeRestrictions?: Partial<ActiveRestriction>[] } };
  landscape?: { catalogueEvents?: PolicyEvent[] } | null;
  inputs?: { policyEvents?: unknown } | null;
}

/** The events a frozen assessment was scored against: the catalogue's, with its own on top (same key: its own). */
function frozenEvents(x: Pick<FrozenSide, "landscape" | "inputs">): Map<string, PolicyEvent> {
  const out = new Map<string, PolicyEvent>();
  for (const e of x.landscape?.catalogueEvents ?? []) out.set(e.key, e);
  const own = x.inputs?.policyEvents;
  if (Array.isArray(own)) for (const e of own as PolicyEvent[]) if (e && typeof e.key === "string") out.set(e.key, e);
  return out;
}

/**
 * The keys of the events whose dates a frozen assessment's own events mark as estimated: a result
 * frozen under 2026.11-1 does not carry the mark on its landscape, its frozen events do.
 */
export function estimatedEventKeys(x: Pick<FrozenSide, "landscape" | "inputs">): Set<string> {
  return new Set([...frozenEvents(x).values()].filter((e) => e.dateEstimated === true).map((e) => e.key));
}

const byDate = <T extends { effectiveDate: string; key: string }>(a: T, b: T) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.key < b.key ? -1 : 1);

/**
 * The policy events imposed, lifted and partly lifted between assessment `a` (before) and `b`
 * (after), oldest date first within each list.
 *
 * @example
 * landscapeChanges(frozenOn("2026-05-01"), frozenOn("2026-08-01")).partlyLifted
 * //=> [{ key: "us-anthropic-model-export-restriction", ..., lifts: [{ key: "…-eased-allies", effectiveDate: "2026-07-13", dateEstimated: true, ... }] }]
 */
export function landscapeChanges(a: FrozenSide, b: FrozenSide): LandscapeComparison {
  const eventsA = frozenEvents(a);
  const eventsB = frozenEvents(b);
  const estimated = (key: string, flag: boolean | undefined) => flag === true || eventsB.get(key)?.dateEstimated === true || eventsA.get(key)?.dateEstimated === true;
  // The organisation's restrictions carry their partial lifts' estimate marks (the landscape's entries do not).
  const liftEstimated = new Map<string, boolean>();
  for (const r of [...(a.results.organisation.activeRestrictions ?? []), ...(b.results.organisation.activeRestrictions ?? [])]) {
    for (const l of r.partialLifts ?? []) if (l.dateEstimated) liftEstimated.set(l.key, true);
  }
  const change = (e: { key: string; title: string; effectiveDate: string; dateEstimated?: boolean }): EventChange => ({
    key: e.key,
    title: e.title,
    effectiveDate: e.effectiveDate,
    dateEstimated: estimated(e.key, e.dateEstimated) || liftEstimated.get(e.key) === true,
  });

  const activeA = new Map(a.results.landscape.active.map((e) => [e.key, e]));
  const activeB = new Map(b.results.landscape.active.map((e) => [e.key, e]));
  const imposed: LandscapeComparison["imposed"] = [];
  const partlyLifted: LandscapeComparison["partlyLifted"] = [];
  for (const [key, e] of activeB) {
    const before = activeA.get(key);
    if (!before) {
      imposed.push(change(e));
      continue;
    }
    const had = new Set((before.partialLifts ?? []).map((l) => l.key));
    const lifts = (e.partialLifts ?? []).filter((l) => !had.has(l.key)).map(change).sort(byDate);
    if (lifts.length > 0) partlyLifted.push({ ...change(e), lifts });
  }
  const lifted: LandscapeComparison["lifted"] = [];
  for (const [key, e] of activeA) {
    if (activeB.has(key)) continue;
    const lift = [...eventsB.values()].find((x) => x.kind === "lift" && x.lifts === key && x.countries === undefined && x.effectiveDate <= b.asOf);
    const imposing = eventsB.get(key) ?? eventsA.get(key);
    const expires = imposing?.kind === "impose" && imposing.expires !== undefined && imposing.expires <= b.asOf ? imposing.expires : undefined;
    lifted.push({ ...change(e), ...(lift ? { endedBy: change(lift) } : expires ? { expired: expires } : {}) });
  }
  return { imposed: imposed.sort(byDate), lifted: lifted.sort(byDate), partlyLifted: partlyLifted.sort(byDate) };
}
