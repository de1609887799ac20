import { DEFAULT_POLICY_EVENTS } from "../catalogue";
import type { ImposeEvent, LiftEvent, PolicyEvent, Restriction } from "../schema/policy-event";
import type { CountrySet } from "../schema/primitives";
import { subtractCountrySet } from "./countries";

/** A partial lift in force on an imposed event: the countries it freed. */
export interface PartialLift {
  key: string;
  title: string;
  effectiveDate: string;
  dateEstimated?: boolean;
  countries: CountrySet;
}

/**
 * An imposed event as it stands on a date. When partial lifts are in force, its restrictions
 * no longer name the countries they freed, and `partialLifts` says which lifts did that.
 */
export type ActiveEvent = ImposeEvent & { partialLifts?: PartialLift[] };

/**
 * The events that make up a landscape: the base list (the catalogue by default) with the
 * document's own events layered on top (same key: the document's version wins).
 *
 * @example
 * landscapeEvents([], DEFAULT_POLICY_EVENTS).length === DEFAULT_POLICY_EVENTS.length //=> true
 */
export function landscapeEvents(docEvents: readonly PolicyEvent[], base: readonly PolicyEvent[] = DEFAULT_POLICY_EVENTS): PolicyEvent[] {
  const byKey = new Map<string, PolicyEvent>();
  for (const e of base) byKey.set(e.key, e);
  for (const e of docEvents) byKey.set(e.key, e);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const byEventKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The restrictions of `event` without the countries that `lifts` freed (empty: nobody is restricted any more). */
function narrowed(restrictions: readonly Restriction[], lifts: readonly LiftEvent[]): Restriction[] {
  const out: Restriction[] = [];
  for (const r of restrictions) {
    let countries: CountrySet | undefined = r.countries;
    for (const l of lifts) {
      if (countries === undefined) break;
      countries = subtractCountrySet(countries, l.countries!);
    }
    if (countries !== undefined) out.push({ ...r, countries });
  }
  return out;
}

/**
 * The imposed events in force on `asOf`: effective on or before it, not expired, and not lifted
 * by a lifting event effective on or before it. A lift that names `countries` frees only them:
 * the event stays in force for everyone else, narrowed, with the lift in `partialLifts`; once
 * partial lifts have freed every restricted country, the event is no longer in force. Sorted by key.
 *
 * @example
 * activePolicyEvents(DEFAULT_POLICY_EVENTS, "2025-03-01").some((e) => e.key === "us-ai-diffusion-rule-2025") //=> true
 * activePolicyEvents(DEFAULT_POLICY_EVENTS, "2025-06-01").some((e) => e.key === "us-ai-diffusion-rule-2025") //=> false
 */
export function activePolicyEvents(events: readonly PolicyEvent[], asOf: string): ActiveEvent[] {
  const lifted = new Set<string>();
  let partial: Map<string, LiftEvent[]> | undefined;
  for (const e of events) {
    if (e.kind !== "lift" || e.effectiveDate > asOf) continue;
    if (e.countries === undefined) lifted.add(e.lifts);
    else {
      partial ??= new Map();
      const list = partial.get(e.lifts);
      if (list) list.push(e);
      else partial.set(e.lifts, [e]);
    }
  }
  const out: ActiveEvent[] = [];
  for (const e of events) {
    if (e.kind !== "impose" || e.effectiveDate > asOf || (e.expires !== undefined && e.expires <= asOf) || lifted.has(e.key)) continue;
    const lifts = partial?.get(e.key);
    if (!lifts) {
      out.push(e);
      continue;
    }
    lifts.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : byEventKey(a, b)));
    const restrictions = narrowed(e.restrictions, lifts);
    if (restrictions.length === 0) continue;
    out.push({
      ...e,
      restrictions,
      partialLifts: lifts.map((l) => ({ key: l.key, title: l.title, effectiveDate: l.effectiveDate, ...(l.dateEstimated ? { dateEstimated: true } : {}), countries: l.countries! })),
    });
  }
  return out.sort(byEventKey);
}

/** One change between two landscapes and the event that explains it. */
export interface LandscapeChange {
  /** The event as it stands in the later landscape (in the earlier one when it was lifted there). */
  event: ActiveEvent;
  /**
   * imposed / lifted: in force in one landscape only; partly-lifted: in force in both, but a
   * partial lift in the later one frees some countries; extended: the reverse.
   */
  change: "imposed" | "lifted" | "partly-lifted" | "extended";
  /** Why: the imposing event itself, or the lifting/expiry that ended it. */
  because: string;
  effectiveDate: string;
}

/**
 * What changed between landscape A (events, as of a date) and landscape B.
 *
 * @example
 * diffLandscapes({ events: DEFAULT_POLICY_EVENTS, asOf: "2025-03-01" }, { events: DEFAULT_POLICY_EVENTS, asOf: "2025-06-01" })
 * //=> [{ change: "lifted", event: { key: "us-ai-diffusion-rule-2025", ... }, because: "BIS rescinds the AI Diffusion rule", ... }]
 */
export function diffLandscapes(
  a: { events: readonly PolicyEvent[]; asOf: string },
  b: { events: readonly PolicyEvent[]; asOf: string },
): LandscapeChange[] {
  const activeA = new Map(activePolicyEvents(a.events, a.asOf).map((e) => [e.key, e]));
  const activeB = new Map(activePolicyEvents(b.events, b.asOf).map((e) => [e.key, e]));
  const lifts = new Map<string, LiftEvent>();
  for (const e of [...a.events, ...b.events]) if (e.kind === "lift" && e.countries === undefined) lifts.set(e.lifts, e);
  const out: LandscapeChange[] = [];
  for (const [key, e] of activeB) {
    const before = activeA.get(key);
    if (!before) {
      out.push({ event: e, change: "imposed", because: e.title, effectiveDate: e.effectiveDate });
      continue;
    }
    const keysA = new Set((before.partialLifts ?? []).map((l) => l.key));
    const keysB = new Set((e.partialLifts ?? []).map((l) => l.key));
    const added = (e.partialLifts ?? []).filter((l) => !keysA.has(l.key));
    const removed = (before.partialLifts ?? []).filter((l) => !keysB.has(l.key));
    if (added.length > 0) out.push({ event: e, change: "partly-lifted", because: added.map((l) => l.title).join("; "), effectiveDate: added[added.length - 1]!.effectiveDate });
    else if (removed.length > 0) out.push({ event: e, change: "extended", because: `Before ${removed.map((l) => l.title).join("; ")}`, effectiveDate: removed[0]!.effectiveDate });
  }
  for (const [key, e] of activeA) {
    if (activeB.has(key)) continue;
    const lift = lifts.get(key);
    const inB = b.events.some((x) => x.key === key);
    const partLifts = inB ? b.events.filter((x): x is LiftEvent => x.kind === "lift" && x.lifts === key && x.countries !== undefined && x.effectiveDate <= b.asOf) : [];
    // Why it is no longer in force, dated by what ended it (not by a lift still to come).
    const [because, effectiveDate]: [string, string] = !inB
      ? ["Not part of the other landscape", lift?.effectiveDate ?? e.expires ?? e.effectiveDate]
      : lift && lift.effectiveDate <= b.asOf
        ? [lift.title, lift.effectiveDate]
        : e.expires !== undefined && e.expires <= b.asOf
          ? [`Expired on ${e.expires}`, e.expires]
          : partLifts.length > 0
            ? ["Partial lifts have freed every restricted country", partLifts.map((l) => l.effectiveDate).sort().at(-1)!]
            : [`Not yet in force (effective ${e.effectiveDate})`, e.effectiveDate];
    out.push({ event: e, change: "lifted", because, effectiveDate });
  }
  return out.sort((x, y) => (x.event.key < y.event.key ? -1 : x.event.key > y.event.key ? 1 : 0));
}
