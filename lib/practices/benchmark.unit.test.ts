// The practice's anonymised benchmark (decision 040): the k >= 5 rule and its companions as
// properties over arbitrary practices, and examples whose expected figures were worked out by
// hand (the arithmetic is in the comments), never recomputed with the code under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATINGS, type Rating } from "@/scoring/ratings";
import { DIMENSIONS, type Dimension } from "@/scoring/options";
import { propertyRuns } from "@/scoring/testing/mutation";
import { benchmark, K_ANONYMITY, percentileRank, quantile, sectorKey, SIZE_BANDS, sizeBandOf, type Benchmark, type BenchmarkClient, type BenchmarkSubject, type Cohort, type SizeBand } from "./benchmark";

// A fixed seed, so that a failure is reproducible (FC_SEED=<n> tries another).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261207) });

const V = "2026.12-1";

function client(clientKey: string, score: number, rating: Rating, over: Partial<BenchmarkClient> = {}): BenchmarkClient {
  return { clientKey, sector: "Banking", sizeBand: "250-999", methodologyVersion: V, score, rating, dimensions: { access: score, jurisdiction: score, fallback: score, concentration: score }, ...over };
}

const subjectOf = (c: BenchmarkClient): BenchmarkSubject => ({ clientKey: c.clientKey, sector: c.sector, sizeBand: c.sizeBand, scored: { methodologyVersion: c.methodologyVersion, score: c.score, rating: c.rating, dimensions: c.dimensions } });

const [all, sector, size] = [0, 1, 2] as const;

// ---- examples, worked out by hand ------------------------------------------------------------------

describe("the benchmark's figures (worked out by hand)", () => {
  // Six banks. Scores sorted: 30, 45, 50, 62, 70, 88. With n = 6 the quartiles sit at positions
  // (n-1)p = 1.25, 2.5 and 3.75 of the sorted list (0-based):
  //   Q1 = 45 + 0.25 * (50 - 45) = 46.25;  median = (50 + 62) / 2 = 56;  Q3 = 62 + 0.75 * (70 - 62) = 68.
  const six: BenchmarkClient[] = [
    client("c1", 30, "Very Low", { sizeBand: "250-999", dimensions: { access: 10, jurisdiction: 50, fallback: 0, concentration: 5 } }),
    client("c2", 45, "Low", { sizeBand: "250-999", dimensions: { access: 20, jurisdiction: 50, fallback: 100, concentration: 15 } }),
    client("c3", 50, "Medium", { sizeBand: "250-999", dimensions: { access: 30, jurisdiction: 50, fallback: 100, concentration: 25 } }),
    client("c4", 62, "Medium", { sizeBand: "1000-4999", dimensions: { access: 40, jurisdiction: 50, fallback: 0, concentration: 35 } }),
    client("c5", 70, "High", { sizeBand: "1000-4999", dimensions: { access: 50, jurisdiction: 50, fallback: 100, concentration: 45 } }),
    client("c6", 88, "Very High", { sizeBand: "1000-4999", dimensions: { access: 60, jurisdiction: 50, fallback: 100, concentration: 55 } }),
  ];

  it("shows the quartiles, rating counts and dimension quartiles of six counted clients, and where the fourth stands against the other five", () => {
    const result = benchmark({ clients: six, subject: subjectOf(six[3]!), methodologyVersion: V });
    expect(result.k).toBe(5);
    expect(K_ANONYMITY).toBe(5);
    expect(result.methodologyVersion).toBe(V);
    expect(result.cohorts[all]).toEqual({
      kind: "all",
      label: "All clients",
      status: "shown",
      n: 6,
      score: { q1: 46.25, median: 56, q3: 68 },
      ratings: { "Very Low": 1, Low: 1, Medium: 2, High: 1, "Very High": 1 },
      dimensions: {
        // 10..60 by 10: Q1 = 20 + 0.25 * 10, median = (30 + 40) / 2, Q3 = 40 + 0.75 * 10.
        access: { q1: 22.5, median: 35, q3: 47.5 },
        jurisdiction: { q1: 50, median: 50, q3: 50 },
        // Sorted 0, 0, 100, 100, 100, 100: Q1 = 0 + 0.25 * 100; median and Q3 between two 100s.
        fallback: { q1: 25, median: 100, q3: 100 },
        // 5..55 by 10: Q1 = 15 + 2.5, median = (25 + 35) / 2, Q3 = 35 + 7.5.
        concentration: { q1: 17.5, median: 30, q3: 42.5 },
      },
      standing: {
        // The other five score 30, 45, 50, 70, 88: three below 62, so 3 / 5 = 60%. 62 - 56 = 6.
        percentile: 60,
        scoreVsMedian: 6,
        dimensions: {
          access: { percentile: 60, vsMedian: 5 }, // 10, 20, 30 below 40 of 10, 20, 30, 50, 60
          jurisdiction: { percentile: 50, vsMedian: 0 }, // five ties, each counting half: 2.5 / 5
          fallback: { percentile: 10, vsMedian: -100 }, // none below 0, one tie (c1): 0.5 / 5
          concentration: { percentile: 60, vsMedian: 5 }, // 5, 15, 25 below 35
        },
      },
    });
  });

  it("shows the sector when every counted client is in it (nothing outside to subtract), with the same figures; withholds a size band of three", () => {
    const result = benchmark({ clients: six, subject: subjectOf(six[3]!), methodologyVersion: V });
    expect(result.cohorts[sector]).toMatchObject({ kind: "sector", label: "Banking", status: "shown", n: 6, score: { q1: 46.25, median: 56, q3: 68 } });
    // c4, c5, c6 are 1,000-4,999 people: three, fewer than five.
    expect(result.cohorts[size]).toEqual({ kind: "size", label: "1,000–4,999 people", status: "withheld", reason: "fewer-than-k" });
  });

  it("measures a subject that is not counted against all five counted clients", () => {
    // Scores 40, 50, 60, 70, 80: Q1 = 50, median = 60, Q3 = 70 (positions 1, 2, 3 exactly).
    const five = [40, 50, 60, 70, 80].map((s, i) => client(`k${i}`, s, "Medium"));
    const outsider: BenchmarkSubject = { clientKey: "outsider", sector: "Banking", sizeBand: "250-999", scored: { methodologyVersion: V, score: 65, rating: "High", dimensions: { access: 80, jurisdiction: 40, fallback: 60, concentration: 100 } } };
    const [cohort] = benchmark({ clients: five, subject: outsider, methodologyVersion: V }).cohorts;
    expect(cohort).toMatchObject({ status: "shown", n: 5, score: { q1: 50, median: 60, q3: 70 }, ratings: { Medium: 5, High: 0 } });
    // 40, 50, 60 below 65: 3 / 5 = 60%, 5 above the median. Dimensions equal the scores here:
    // 80 ties with one (4.5 / 5 = 90%), 40 ties with one (0.5 / 5 = 10%), 60 (2.5 / 5 = 50%), 100 above all.
    expect(cohort).toMatchObject({
      standing: {
        percentile: 60,
        scoreVsMedian: 5,
        dimensions: { access: { percentile: 90, vsMedian: 20 }, jurisdiction: { percentile: 10, vsMedian: -20 }, fallback: { percentile: 50, vsMedian: 0 }, concentration: { percentile: 100, vsMedian: 40 } },
      },
    });
  });

  it("withholds every cohort below five counted clients, with no figure at all, and shows them at five", () => {
    const four = [40, 50, 60, 70].map((s, i) => client(`k${i}`, s, "Medium"));
    const result = benchmark({ clients: four, subject: subjectOf(four[0]!), methodologyVersion: V });
    expect(result.cohorts).toEqual([
      { kind: "all", label: "All clients", status: "withheld", reason: "fewer-than-k" },
      { kind: "sector", label: "Banking", status: "withheld", reason: "fewer-than-k" },
      { kind: "size", label: "250–999 people", status: "withheld", reason: "fewer-than-k" },
    ]);
    const fifth = client("k4", 80, "Very High");
    expect(benchmark({ clients: [...four, fifth], subject: subjectOf(four[0]!), methodologyVersion: V }).cohorts.map((c) => c.status)).toEqual(["shown", "shown", "shown"]);
  });

  it("a client that withdraws is out of the very next benchmark: five become four, and the figures are gone", () => {
    const five = [40, 50, 60, 70, 80].map((s, i) => client(`k${i}`, s, "Medium"));
    const before = benchmark({ clients: five, subject: subjectOf(five[0]!), methodologyVersion: V });
    expect(before.cohorts[all]).toMatchObject({ status: "shown", n: 5 });
    const after = benchmark({ clients: five.filter((c) => c.clientKey !== "k3"), subject: subjectOf(five[0]!), methodologyVersion: V });
    expect(after.cohorts[all]).toEqual({ kind: "all", label: "All clients", status: "withheld", reason: "fewer-than-k" });
  });

  it("never pools methodology versions: four clients of this version and three of an older one show nothing", () => {
    const current = [40, 50, 60, 70].map((s, i) => client(`now${i}`, s, "Medium"));
    const older = [45, 55, 65].map((s, i) => client(`old${i}`, s, "Medium", { methodologyVersion: "2026.06-1" }));
    expect(benchmark({ clients: [...current, ...older], subject: subjectOf(current[0]!), methodologyVersion: V }).cohorts[all]).toMatchObject({ status: "withheld", reason: "fewer-than-k" });
    // Benchmarked against the older version, its three are not enough either.
    expect(benchmark({ clients: [...current, ...older], subject: subjectOf(older[0]!), methodologyVersion: "2026.06-1" }).cohorts[all]).toMatchObject({ status: "withheld" });
  });

  it("a subject scored with another methodology version sees the figures but no standing", () => {
    const five = [40, 50, 60, 70, 80].map((s, i) => client(`k${i}`, s, "Medium"));
    const stale: BenchmarkSubject = { ...subjectOf(client("me", 55, "Medium")), scored: { ...subjectOf(client("me", 55, "Medium")).scored!, methodologyVersion: "2026.06-1" } };
    expect(benchmark({ clients: five, subject: stale, methodologyVersion: V }).cohorts[all]).toMatchObject({ status: "shown", n: 5, standing: null });
  });

  it("withholds a sector whose rest of the practice is one to four clients (subtracting it from all clients would reveal them), and shows it when the rest is five", () => {
    const banks = [40, 50, 60, 70, 80].map((s, i) => client(`bank${i}`, s, "Medium"));
    const insurers = [35, 45].map((s, i) => client(`ins${i}`, s, "Low", { sector: "Insurance", sizeBand: "5000-plus" }));
    const seven = benchmark({ clients: [...banks, ...insurers], subject: subjectOf(banks[0]!), methodologyVersion: V });
    expect(seven.cohorts[all]).toMatchObject({ status: "shown", n: 7 });
    expect(seven.cohorts[sector]).toEqual({ kind: "sector", label: "Banking", status: "withheld", reason: "rest-fewer-than-k" });
    // The same rule for the size band: five banks of 250-999 people, two insurers of another band.
    expect(seven.cohorts[size]).toEqual({ kind: "size", label: "250–999 people", status: "withheld", reason: "rest-fewer-than-k" });

    const moreInsurers = [35, 45, 55, 65, 75].map((s, i) => client(`ins${i}`, s, "Low", { sector: "Insurance", sizeBand: "5000-plus" }));
    const ten = benchmark({ clients: [...banks, ...moreInsurers], subject: subjectOf(banks[0]!), methodologyVersion: V });
    expect(ten.cohorts.map((c) => [c.kind, c.status])).toEqual([["all", "shown"], ["sector", "shown"], ["size", "shown"]]);
    expect(ten.cohorts[sector]).toMatchObject({ n: 5, score: { q1: 50, median: 60, q3: 70 } });
    // All ten sorted: 35 40 45 50 55 60 65 70 75 80; positions 2.25, 4.5, 6.75:
    // Q1 = 45 + 0.25 * 5 = 46.25, median = (55 + 60) / 2 = 57.5, Q3 = 65 + 0.75 * 5 = 68.75.
    expect(ten.cohorts[all]).toMatchObject({ n: 10, score: { q1: 46.25, median: 57.5, q3: 68.75 }, ratings: { Low: 5, Medium: 5 } });
  });

  it("matches sectors ignoring case and spacing, and labels the cohort with the subject's own words", () => {
    const mixed = ["Banking", " banking", "BANKING ", "Banking", "banking"].map((sector, i) => client(`k${i}`, 50 + i, "Medium", { sector }));
    const subject = { ...subjectOf(mixed[0]!), sector: "  Banking " };
    expect(benchmark({ clients: mixed, subject, methodologyVersion: V }).cohorts[sector]).toMatchObject({ label: "Banking", status: "shown", n: 5 });
  });

  it("a subject without a score sees the figures and no standing; one whose offices record nobody has no size band", () => {
    const five = [40, 50, 60, 70, 80].map((s, i) => client(`k${i}`, s, "Medium"));
    const result = benchmark({ clients: five, subject: { clientKey: "new", sector: "Banking", sizeBand: null, scored: null }, methodologyVersion: V });
    expect(result.cohorts[all]).toMatchObject({ status: "shown", n: 5, standing: null });
    expect(result.cohorts[size]).toEqual({ kind: "size", label: "Size not recorded", status: "withheld", reason: "no-size-band" });
  });

  it("counts a client listed twice once", () => {
    const four = [40, 50, 60, 70].map((s, i) => client(`k${i}`, s, "Medium"));
    expect(benchmark({ clients: [...four, four[0]!], subject: subjectOf(four[0]!), methodologyVersion: V }).cohorts[all]).toMatchObject({ status: "withheld" });
  });
});

describe("size bands, quantiles and percentile ranks", () => {
  it.each([
    [0, null],
    [-3, null],
    [Number.NaN, null],
    [1, "under-250"],
    [249, "under-250"],
    [250, "250-999"],
    [999, "250-999"],
    [1000, "1000-4999"],
    [4999, "1000-4999"],
    [5000, "5000-plus"],
    [250_000, "5000-plus"],
  ] as const)("%s people are in band %s", (headcount, band) => {
    expect(sizeBandOf(headcount)).toBe(band);
  });

  it("interpolates between the two nearest ranks", () => {
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5); // position 0.75: 10 + 0.75 * 10
    expect(quantile([7], 0.75)).toBe(7);
  });

  it("ranks against the others, a tie counting half", () => {
    expect(percentileRank(65, [40, 50, 60, 70, 80])).toBe(60);
    expect(percentileRank(60, [40, 50, 60, 70])).toBe(62.5);
    expect(percentileRank(10, [20, 30, 40])).toBe(0);
    expect(percentileRank(90, [20, 30, 40])).toBe(100);
    expect(percentileRank(50, [10, 50, 90])).toBe(50); // (1 + 0.5) / 3
  });

  it("sector keys ignore case and spacing", () => {
    expect(sectorKey("  Retail   Banking ")).toBe("retail banking");
  });
});

// ---- properties ----------------------------------------------------------------------------------------

const VERSIONS = [V, "2026.06-1"] as const;
const SECTORS = ["Banking", " banking", "Insurance", "Retail", "Manufacturing"] as const;
const BANDS: (SizeBand | null)[] = [...SIZE_BANDS.map((b) => b.key), null];
const figure = fc.double({ min: 0, max: 100, noNaN: true });
const dimensionsArb = fc.record(Object.fromEntries(DIMENSIONS.map((d) => [d, figure])) as Record<Dimension, fc.Arbitrary<number>>);

// Keys that no other text of the output could contain by chance.
const clientArb = (i: number) =>
  fc
    .record({ sector: fc.constantFrom(...SECTORS), sizeBand: fc.constantFrom(...BANDS), methodologyVersion: fc.constantFrom(...VERSIONS), score: figure, rating: fc.constantFrom(...RATINGS), dimensions: dimensionsArb })
    .map((c): BenchmarkClient => ({ ...c, clientKey: `client-key-${i}-zq` }));

const practiceArb = fc
  .integer({ min: 0, max: 24 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => clientArb(i))))
  .chain((clients) =>
    fc.record({
      clients: fc.constant(clients as BenchmarkClient[]),
      // The subject: one of the counted clients, or a client that is not counted.
      subjectIndex: fc.integer({ min: -1, max: Math.max(-1, clients.length - 1) }),
      outsider: clientArb(999),
      outsiderScored: fc.boolean(),
      version: fc.constantFrom(...VERSIONS),
    }),
  )
  .map(({ clients, subjectIndex, outsider, outsiderScored, version }) => {
    const counted = subjectIndex >= 0 ? clients[subjectIndex]! : null;
    const subject: BenchmarkSubject = counted ? subjectOf(counted) : { ...subjectOf(outsider), scored: outsiderScored ? subjectOf(outsider).scored : null };
    return { clients, subject, version };
  });

/** The clients a cohort should hold, worked out in the test: same version, then the cohort's own filter. */
function expectedMembers(kind: Cohort["kind"], clients: readonly BenchmarkClient[], subject: BenchmarkSubject, version: string): BenchmarkClient[] {
  const sameVersion = clients.filter((c) => c.methodologyVersion === version);
  if (kind === "all") return sameVersion;
  if (kind === "sector") return sameVersion.filter((c) => c.sector.trim().toLowerCase() === subject.sector.trim().toLowerCase());
  return subject.sizeBand === null ? [] : sameVersion.filter((c) => c.sizeBand === subject.sizeBand);
}

/** Every string value in the output (object keys are fixed names, checked by the types). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

const run = (p: { clients: BenchmarkClient[]; subject: BenchmarkSubject; version: string }): Benchmark => benchmark({ clients: p.clients, subject: p.subject, methodologyVersion: p.version });

describe("the benchmark's rules hold for any practice (fast-check)", () => {
  it("no figure ever comes from fewer than 5 clients of one methodology version; a withheld cohort carries no figure at all", () => {
    fc.assert(
      fc.property(practiceArb, (p) => {
        const result = run(p);
        for (const cohort of result.cohorts) {
          if (cohort.status === "withheld") {
            expect(Object.keys(cohort).sort()).toEqual(["kind", "label", "reason", "status"]);
            expect(numbersIn(cohort)).toEqual([]);
            continue;
          }
          const members = expectedMembers(cohort.kind, p.clients, p.subject, p.version);
          expect(cohort.n).toBeGreaterThanOrEqual(5);
          expect(cohort.n).toBe(members.length);
          expect(Object.values(cohort.ratings).reduce((a, b) => a + b, 0)).toBe(cohort.n);
          // A sector or size band is never "all clients" minus 1 to 4 others.
          if (cohort.kind !== "all") {
            const rest = expectedMembers("all", p.clients, p.subject, p.version).length - cohort.n;
            expect(rest === 0 || rest >= 5).toBe(true);
          }
        }
        // And the converse: a cohort of at least k clients with no small rest is shown.
        const allMembers = expectedMembers("all", p.clients, p.subject, p.version).length;
        expect(result.cohorts[all].status).toBe(allMembers >= 5 ? "shown" : "withheld");
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it("clients scored with another methodology version change nothing: versions never pool", () => {
    fc.assert(
      fc.property(practiceArb, fc.array(clientArb(500), { maxLength: 12 }), (p, extra) => {
        const others = extra.map((c, i) => ({ ...c, clientKey: `other-version-${i}`, methodologyVersion: "2025.01-1" }));
        expect(run({ ...p, clients: [...p.clients, ...others] })).toEqual(run(p));
        expect(run({ ...p, clients: p.clients.filter((c) => c.methodologyVersion === p.version) })).toEqual(run(p));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("a withdrawn client leaves no trace: the result is that of a practice it never joined, in any order", () => {
    fc.assert(
      fc.property(practiceArb, fc.nat(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (p, pick, seed) => {
        const candidates = p.clients.filter((c) => c.clientKey !== p.subject.clientKey);
        fc.pre(candidates.length > 0);
        const withdrawn = candidates[pick % candidates.length]!;
        const remaining = p.clients.filter((c) => c !== withdrawn);
        const after = run({ ...p, clients: remaining });
        // Order-independent: nothing remembers where the withdrawn client sat.
        expect(after).toEqual(run({ ...p, clients: shuffled(remaining, seed) }));
        // Each shown cohort is exactly its remaining members' figures, rebuilt here by hand.
        for (const cohort of after.cohorts) {
          if (cohort.status !== "shown") continue;
          const members = expectedMembers(cohort.kind, remaining, p.subject, p.version);
          expect(members.map((m) => m.clientKey)).not.toContain(withdrawn.clientKey);
          expect(cohort.n).toBe(members.length);
          expect(cohort.ratings).toEqual(Object.fromEntries(RATINGS.map((r) => [r, members.filter((m) => m.rating === r).length])));
          expect(cohort.score.median).toBeCloseTo(referenceMedian(members.map((m) => m.score)), 2);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("the output names no client: no client key (not even the subject's), and no sector but the subject's own", () => {
    fc.assert(
      fc.property(practiceArb, (p) => {
        const result = run(p);
        const text = JSON.stringify(result);
        for (const c of [...p.clients, { clientKey: p.subject.clientKey }]) expect(text).not.toContain(c.clientKey);
        const allowed = new Set(["All clients", "Size not recorded", ...SIZE_BANDS.map((b) => b.label), p.subject.sector.trim(), p.version, "all", "sector", "size", "shown", "withheld", "fewer-than-k", "rest-fewer-than-k", "no-size-band"]);
        expect(stringsIn(result).filter((s) => !allowed.has(s))).toEqual([]);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("the subject stands against the others only: percentiles within 0-100, and a standing exactly when it has a score of this version", () => {
    fc.assert(
      fc.property(practiceArb, (p) => {
        const comparable = p.subject.scored !== null && p.subject.scored.methodologyVersion === p.version;
        for (const cohort of run(p).cohorts) {
          if (cohort.status !== "shown") continue;
          expect(cohort.standing !== null).toBe(comparable);
          if (!cohort.standing) continue;
          const others = expectedMembers(cohort.kind, p.clients, p.subject, p.version).filter((m) => m.clientKey !== p.subject.clientKey);
          const below = others.filter((o) => o.score < p.subject.scored!.score).length;
          const ties = others.filter((o) => o.score === p.subject.scored!.score).length;
          expect(cohort.standing.percentile).toBeCloseTo((100 * (below + ties / 2)) / others.length, 1);
          for (const d of DIMENSIONS) expect(cohort.standing.dimensions[d].percentile).toBeGreaterThanOrEqual(0);
          for (const d of DIMENSIONS) expect(cohort.standing.dimensions[d].percentile).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

/** The median the textbook way: the middle value, or the mean of the two middle ones. */
function referenceMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
