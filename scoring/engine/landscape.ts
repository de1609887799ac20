import { DEFAULT_POLICY_EVENTS } from "../catalogue";
import type { ImposeEvent, LiftEvent, PolicyEvent } from "../schema/policy-event";

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

/**
 * The imposed events in force on `asOf`: effective on or before it, not expired,
 * and not lifted by a lifting event effective on or before it. Sorted by key.
 *
 * @example
 * activePolicyEvents(DEFAULT_POLICY_EVENTS, "2025-03-01").some((e) => e.key === "us-ai-diffusion-rule-2025") //=> true
 * activePolicyEvents(DEFAULT_POLICY_EVENTS, "2025-06-01").some((e) => e.key === "us-ai-diffusion-rule-2025") //=> false
 */
export function activePolicyEvents(events: readonly PolicyEvent[], asOf: string): ImposeEvent[] {
  const lifted = new Set<string>();
  for (const e of events) if (e.kind === "lift" && e.effectiveDate <= asOf) lifted.add(e.lifts);
  return events
    .filter((e): e is ImposeEvent => e.kind === "impose" && e.effectiveDate <= asOf && (e.expires === undefined || e.expires > asOf) && !lifted.has(e.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One change between two landscapes and the event that explains it. */
export interface LandscapeChange {
  event: ImposeEvent;
  change: "imposed" | "lifted";
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
  for (const e of [...a.events, ...b.events]) if (e.kind === "lift") lifts.set(e.lifts, e);
  const out: LandscapeChange[] = [];
  for (const [key, e] of activeB) {
    if (!activeA.has(key)) out.push({ event: e, change: "imposed", because: e.title, effectiveDate: e.effectiveDate });
  }
  for (const [key, e] of activeA) {
    if (activeB.has(key)) continue;
    const lift = lifts.get(key);
    const inB = b.events.some((x) => x.key === key);
    const because = !inB
      ? "Not part of the other landscape"
      : lift && lift.effectiveDate <= b.asOf
        ? lift.title
        : e.expires !== undefined && e.expires <= b.asOf
          ? `Expired on ${e.expires}`
          : `Not yet in force (effective ${e.effectiveDate})`;
    out.push({ event: e, change: "lifted", because, effectiveDate: lift?.effectiveDate ?? e.expires ?? e.effectiveDate });
  }
  return out.sort((x, y) => (x.event.key < y.event.key ? -1 : x.event.key > y.event.key ? 1 : 0));
}
