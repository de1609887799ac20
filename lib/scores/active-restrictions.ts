// What a restriction in force does to the organisation today, in the words the screens and the
// board report use: the "Switched off now" banner, the vendor table's "Active restriction" mark,
// a dependency's switched-off state. Pure: no database, no I/O (active-restrictions.unit.test.ts).
//
// Results frozen under methodology 2026.11-1 have no `activeRestrictions`, `switchedOff` or
// `notRecorded`: every function here reads them as absent (nothing switched off, nothing to verify).
import type { ActiveRestriction, DependencyResult, ScoringResult, VendorRestriction } from "@/scoring/results";
import type { InventoryDocument } from "@/scoring/schema/inventory";

export type Recovery = NonNullable<DependencyResult["switchedOff"]>["recovery"];

/** The kinds of policy measure, as a risk officer names them. */
export const POLICY_EVENT_TYPE_LABELS: Record<string, string> = {
  "export-control": "Export control",
  sanction: "Sanction",
  "vendor-restriction": "Vendor restriction",
  ban: "Ban",
  disruption: "Disruption",
  "licence-term": "Licence term",
};

/** How the people a restriction cuts off get their service back (METHODOLOGY.md, "Switched off today"). */
export const RECOVERY_LABELS: Record<Recovery, string> = {
  recovers: "Recovers: a fallback drilled within a year takes over within the tolerated downtime",
  "recovers-slowly": "Recovers slowly: the fallback is tested, but switching takes longer than tolerated (or is not recorded)",
  uncertain: "Uncertain: the fallback has not been drilled within a year",
  "no-recovery": "No recovery: no fallback recorded can carry them",
};

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** The share of people (or offices) in words: "24%", or "all" when everyone is cut off. */
export const sharePhrase = (share: number) => (share >= 0.995 ? "all" : pct(share));

/**
 * What a restriction does to a vendor's dependencies, in one phrase for the vendor table's mark.
 *
 * @example
 * restrictionEffect({ blocks: true, largestShare: 0.24, recovery: "recovers", ... })
 * //=> "Switched off for up to 24% of an AI system's users; recovered by a tested fallback"
 */
export function restrictionEffect(r: Pick<VendorRestriction, "blocks" | "largestShare" | "recovery">): string {
  const who = r.largestShare >= 0.995 ? "all of an AI system's users" : `up to ${pct(r.largestShare)} of an AI system's users`;
  if (!r.blocks) return `Restricts ${who} (a licence is required); nothing is switched off`;
  const recovery =
    r.recovery === "recovers"
      ? "recovered by a tested fallback"
      : r.recovery === "recovers-slowly"
        ? "recovered by a tested fallback, slower than tolerated"
        : r.recovery === "uncertain"
          ? "no tested fallback (an untested one may carry them)"
          : "no tested fallback; none can carry them";
  return `Switched off for ${who}; ${recovery}`;
}

/** A restriction in force that reaches the organisation, with who it cuts off. */
export interface RestrictionInForce extends ActiveRestriction {
  typeLabel: string;
  /** Countries (ISO codes) of the offices it cuts off, over every dependency it switches off. */
  countries: string[];
  /** It switches some dependency off for everyone (the model runs in a blocked country, the organisation is a blocked licensee, or a sanction reaches its chain). */
  everyone: boolean;
  /** Names of the AI systems it switches off, for the banner's list. */
  switchedOffSystemNames: string[];
}

/**
 * The restrictions in force that reach the organisation, most switched-off systems first (the
 * engine's order), each with the offices it cuts off and the systems it switches off. Empty for a
 * result frozen before methodology 2026.12-1.
 */
export function restrictionsInForce(result: Pick<ScoringResult, "organisation" | "dependencies" | "systems">): RestrictionInForce[] {
  const list = result.organisation.activeRestrictions ?? [];
  if (list.length === 0) return [];
  const systemNames = new Map(result.systems.map((s) => [s.key, s.name]));
  return list.map((r) => {
    const countries = new Set<string>();
    const systems = new Set<string>();
    let everyone = false;
    for (const d of result.dependencies) {
      const off = d.switchedOff;
      if (!off || !off.events.includes(r.key)) continue;
      systems.add(systemNames.get(d.system) ?? d.system);
      if (off.everyone) everyone = true;
      else for (const c of off.countries) countries.add(c);
    }
    return {
      ...r,
      partialLifts: r.partialLifts ?? [],
      vendors: r.vendors ?? [],
      typeLabel: POLICY_EVENT_TYPE_LABELS[r.type] ?? "Policy measure",
      countries: [...countries].sort(),
      everyone,
      switchedOffSystemNames: [...systems].sort((a, b) => a.localeCompare(b)),
    };
  });
}

/** The events a result lists as in force, by key: their titles and dates for the switched-off details. */
export type EventsInForce = ReadonlyMap<string, { title: string; effectiveDate: string; dateEstimated: boolean }>;

export function eventsInForce(result: Pick<ScoringResult, "landscape">): EventsInForce {
  return new Map(result.landscape.active.map((e) => [e.key, { title: e.title, effectiveDate: e.effectiveDate, dateEstimated: e.dateEstimated === true }]));
}

/**
 * A fallback of the document, named for people: "Mistral Large (Mistral AI), self-hosted".
 * Undefined when the key is not in the document.
 */
export function fallbackLabel(document: Pick<InventoryDocument, "fallbacks" | "models" | "vendors">, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const f = document.fallbacks.find((x) => x.key === key);
  if (!f) return undefined;
  const model = document.models.find((m) => m.key === f.model);
  const vendor = model ? document.vendors.find((v) => v.key === model.vendor) : undefined;
  const path = { "direct-api": "direct API", "cloud-marketplace": "cloud marketplace", "third-party-hosted": "third-party hosted", "self-hosted": "self-hosted" }[f.accessPath];
  return `${model?.name ?? f.model}${vendor ? ` (${vendor.name})` : ""}, ${path}`;
}

/**
 * The facts nobody recorded that a set of vendors' scores rest on, per vendor (the board report's
 * "Not recorded: verify" list). Vendors with none are left out; empty for older results.
 */
export function notRecordedByVendor(vendors: readonly { name: string; notRecorded?: string[] }[]): { vendor: string; items: string[] }[] {
  return vendors
    .filter((v) => (v.notRecorded?.length ?? 0) > 0)
    .map((v) => ({ vendor: v.name, items: [...v.notRecorded!] }))
    .sort((a, b) => a.vendor.localeCompare(b.vendor));
}

/**
 * The dates to draw across the score trend: when each restriction in force that reaches the
 * organisation came into force, and each of its partial lifts.
 *
 * @example
 * trendMarkers(result.organisation.activeRestrictions)
 * //=> [{ date: "2026-03-02", label: "Restriction", title: "US export restriction on ...", estimated: true }, { date: "2026-07-13", label: "Partly lifted", ... }]
 */
export function trendMarkers(restrictions: readonly Pick<ActiveRestriction, "title" | "effectiveDate" | "dateEstimated" | "partialLifts">[] | undefined): { date: string; label: string; title: string; estimated: boolean }[] {
  return (restrictions ?? []).flatMap((r) => [
    { date: r.effectiveDate, label: "Restriction", title: r.title, estimated: r.dateEstimated === true },
    ...(r.partialLifts ?? []).map((l) => ({ date: l.effectiveDate, label: "Partly lifted", title: l.title, estimated: l.dateEstimated === true })),
  ]);
}
