// The practice's anonymised benchmark (decision 040): where one client stands against the
// clients of the practice that agreed to be counted, overall, in its sector and in its size band.
// Pure: no database, no Next. The query (lib/practices/queries.ts) scores the clients and passes
// them in; this module decides what may be shown.
//
// Two rules keep it anonymous. Every figure comes from at least K_ANONYMITY clients scored with
// the same methodology version (scores of two versions are not comparable, so they never pool).
// And a sector or size band is withheld when the rest of the practice outside it is a group of
// 1 to K-1 clients: "all clients" minus "this sector" would otherwise give that small group's
// rating counts by subtraction. No client key, name or sector other than the subject's own ever
// leaves this module.

import { RATINGS, type Rating } from "@/scoring/ratings";
import { DIMENSIONS, type Dimension } from "@/scoring/options";

/** The fewest clients, scored with one methodology version, that any figure may come from. */
export const K_ANONYMITY = 5;

/**
 * Size bands by the people in an organisation's offices (the sum of their headcounts). Bounds are
 * inclusive lower limits; an organisation whose offices record nobody has no band.
 */
export const SIZE_BANDS = [
  { key: "under-250", label: "Under 250 people", min: 1 },
  { key: "250-999", label: "250–999 people", min: 250 },
  { key: "1000-4999", label: "1,000–4,999 people", min: 1000 },
  { key: "5000-plus", label: "5,000 people and more", min: 5000 },
] as const;

export type SizeBand = (typeof SIZE_BANDS)[number]["key"];

export const SIZE_BAND_LABELS = Object.fromEntries(SIZE_BANDS.map((b) => [b.key, b.label])) as Record<SizeBand, string>;

/**
 * The size band of an organisation with `headcount` people in its offices, or null when it records
 * nobody (no offices, or headcounts of 0): such a client is in no size band's cohort.
 *
 * @example
 * sizeBandOf(249) //=> "under-250"
 * sizeBandOf(250) //=> "250-999"
 * sizeBandOf(12_000) //=> "5000-plus"
 * sizeBandOf(0) //=> null
 */
export function sizeBandOf(headcount: number): SizeBand | null {
  if (!Number.isFinite(headcount) || headcount < SIZE_BANDS[0].min) return null;
  let band: SizeBand = SIZE_BANDS[0].key;
  for (const b of SIZE_BANDS) if (headcount >= b.min) band = b.key;
  return band;
}

/**
 * Sectors are the organisations' own words: two clients share a sector when these match after
 * trimming, collapsing spaces and ignoring case ("Retail banking" and "retail  Banking" do;
 * "Banking" and "Retail banking" do not).
 *
 * @example
 * sectorKey("  Retail  Banking ") //=> "retail banking"
 */
export function sectorKey(sector: string): string {
  return sector.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/** A client's live score as the benchmark reads it. */
export interface BenchmarkScore {
  methodologyVersion: string;
  score: number;
  rating: Rating;
  dimensions: Record<Dimension, number>;
}

/** A client that agreed to be counted, with a score. `clientKey` only tells clients apart: it never leaves this module. */
export interface BenchmarkClient extends BenchmarkScore {
  clientKey: string;
  sector: string;
  sizeBand: SizeBand | null;
}

/** The client being benchmarked; counted in the cohorts only if it is among the clients too. */
export interface BenchmarkSubject {
  clientKey: string;
  sector: string;
  sizeBand: SizeBand | null;
  /** Null when the subject has no score (no AI systems, or an inventory that cannot be scored yet). */
  scored: BenchmarkScore | null;
}

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

/** Where the subject stands in a shown cohort, against the cohort's clients other than itself. */
export interface Standing {
  /** Percentile rank 0-100: the share of the others scoring below the subject, a tie counting half. */
  percentile: number;
  /** The subject's score minus the cohort's median. */
  scoreVsMedian: number;
  /** Per dimension: percentile rank and the difference to the cohort's median. */
  dimensions: Record<Dimension, { percentile: number; vsMedian: number }>;
}

export type CohortKind = "all" | "sector" | "size";

/**
 * Why a cohort shows no figure: fewer than K clients in it; or the rest of the practice outside
 * it is 1 to K-1 clients (subtracting it from "all clients" would reveal them); or the subject's
 * offices record no headcount, so it has no size band.
 */
export type WithheldReason = "fewer-than-k" | "rest-fewer-than-k" | "no-size-band";

export interface ShownCohort {
  kind: CohortKind;
  /** "All clients", the subject's own sector as it writes it, or the size band's label. */
  label: string;
  status: "shown";
  /** Counted clients in the cohort (the subject among them if it agreed to be counted). */
  n: number;
  score: Quartiles;
  /** Counted clients per rating, every rating listed (0 included). */
  ratings: Record<Rating, number>;
  dimensions: Record<Dimension, Quartiles>;
  /** Null when the subject has no score of this methodology version to compare. */
  standing: Standing | null;
}

/** A cohort without any figure, not even its size. */
export interface WithheldCohort {
  kind: CohortKind;
  label: string;
  status: "withheld";
  reason: WithheldReason;
}

export type Cohort = ShownCohort | WithheldCohort;

export interface Benchmark {
  k: number;
  /** The methodology version every figure was scored with. */
  methodologyVersion: string;
  /** In this order: all clients, the subject's sector, the subject's size band. */
  cohorts: [Cohort, Cohort, Cohort];
}

/** Two decimals: the figures are shown with one, and sums of floats should not show noise. */
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The `p` quantile (0..1) of ascending `sorted` values, interpolating linearly between the two
 * nearest ranks (Excel's QUARTILE.INC, R's type 7). `sorted` is never empty here.
 *
 * @example
 * quantile([10, 20, 30, 40, 50], 0.25) //=> 20
 * quantile([10, 20, 30, 40], 0.5) //=> 25
 */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function quartiles(values: readonly number[]): Quartiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { q1: round2(quantile(sorted, 0.25)), median: round2(quantile(sorted, 0.5)), q3: round2(quantile(sorted, 0.75)) };
}

/**
 * Percentile rank of `value` among `others`: the share scoring below it, a tie counting half,
 * 0-100 with one decimal. `others` is never empty here.
 *
 * @example
 * percentileRank(65, [40, 50, 60, 70, 80]) //=> 60
 * percentileRank(60, [40, 50, 60, 70]) //=> 62.5
 */
export function percentileRank(value: number, others: readonly number[]): number {
  const below = others.filter((x) => x < value).length;
  const equal = others.filter((x) => x === value).length;
  return Math.round(((below + equal / 2) / others.length) * 1000) / 10;
}

function standingIn(members: readonly BenchmarkClient[], subject: BenchmarkSubject, cohort: { score: Quartiles; dimensions: Record<Dimension, Quartiles> }, version: string): Standing | null {
  const own = subject.scored;
  if (!own || own.methodologyVersion !== version) return null;
  // Against the others: a subject that is counted is not compared with itself.
  const others = members.filter((m) => m.clientKey !== subject.clientKey);
  if (others.length === 0) return null;
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, { percentile: percentileRank(own.dimensions[d], others.map((o) => o.dimensions[d])), vsMedian: round2(own.dimensions[d] - cohort.dimensions[d].median) }]),
  ) as Standing["dimensions"];
  return { percentile: percentileRank(own.score, others.map((o) => o.score)), scoreVsMedian: round2(own.score - cohort.score.median), dimensions };
}

function figures(kind: CohortKind, label: string, members: readonly BenchmarkClient[], subject: BenchmarkSubject, version: string): ShownCohort {
  const ratings = Object.fromEntries(RATINGS.map((r) => [r, members.filter((m) => m.rating === r).length])) as Record<Rating, number>;
  const score = quartiles(members.map((m) => m.score));
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, quartiles(members.map((m) => m.dimensions[d]))])) as Record<Dimension, Quartiles>;
  return { kind, label, status: "shown", n: members.length, score, ratings, dimensions, standing: standingIn(members, subject, { score, dimensions }, version) };
}

/**
 * The benchmark of `subject` against the counted `clients`, with figures only from clients
 * scored with `methodologyVersion`: three cohorts (all clients, the subject's sector, its size
 * band), each shown with its quartiles, rating counts and the subject's standing, or withheld
 * without any figure. A client listed twice under one key is counted once (the first).
 *
 * @example
 * benchmark({ clients: fiveBanks, subject: aBank, methodologyVersion: "2026.12-1" }).cohorts[0].status //=> "shown"
 * benchmark({ clients: fiveBanks.slice(0, 4), subject: aBank, methodologyVersion: "2026.12-1" }).cohorts[0] //=> { kind: "all", label: "All clients", status: "withheld", reason: "fewer-than-k" }
 */
export function benchmark({ clients, subject, methodologyVersion }: { clients: readonly BenchmarkClient[]; subject: BenchmarkSubject; methodologyVersion: string }): Benchmark {
  const comparable: BenchmarkClient[] = [];
  const seen = new Set<string>();
  for (const c of clients) {
    if (c.methodologyVersion !== methodologyVersion || seen.has(c.clientKey)) continue;
    seen.add(c.clientKey);
    comparable.push(c);
  }
  const sector = sectorKey(subject.sector);
  const inSector = comparable.filter((c) => sectorKey(c.sector) === sector);
  const inBand = subject.sizeBand === null ? [] : comparable.filter((c) => c.sizeBand === subject.sizeBand);

  const withheld = (kind: CohortKind, label: string, reason: WithheldReason): WithheldCohort => ({ kind, label, status: "withheld", reason });
  const all: Cohort = comparable.length >= K_ANONYMITY ? figures("all", "All clients", comparable, subject, methodologyVersion) : withheld("all", "All clients", "fewer-than-k");
  const part = (kind: CohortKind, label: string, members: readonly BenchmarkClient[]): Cohort => {
    if (members.length < K_ANONYMITY) return withheld(kind, label, "fewer-than-k");
    const rest = comparable.length - members.length;
    if (rest > 0 && rest < K_ANONYMITY) return withheld(kind, label, "rest-fewer-than-k");
    return figures(kind, label, members, subject, methodologyVersion);
  };
  const bandLabel = subject.sizeBand === null ? "Size not recorded" : SIZE_BAND_LABELS[subject.sizeBand];
  const size = subject.sizeBand === null ? withheld("size", bandLabel, "no-size-band") : part("size", bandLabel, inBand);
  return { k: K_ANONYMITY, methodologyVersion, cohorts: [all, part("sector", subject.sector.trim(), inSector), size] };
}
