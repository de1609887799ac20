import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { readFrozen } from "@/lib/assessments/frozen-storage";
import { diffInputs, type InputChange } from "@/lib/assessments/input-diff";
import { landscapeChanges, type LandscapeComparison } from "@/lib/assessments/landscape-changes";
import { compareResults, type FactorChange } from "@/scoring/compare";
import { DIMENSIONS, type Dimension } from "@/scoring/options";
import type { Rating } from "@/scoring/ratings";
import type { ScoringResult } from "@/scoring/results";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";

/** What an assessment keeps of the policy landscape, so it can be re-scored and explained without today's catalogue. */
export interface FrozenLandscape {
  /** The catalogue's policy events at freezing time; the document's own events (in `inputs`) are layered on top. */
  catalogueEvents: PolicyEvent[];
  /** The imposed events that were in force on `asOf`. */
  active: ScoringResult["landscape"]["active"];
}

/** The engine's result as frozen, with what the freeze added. */
export type FrozenResults = ScoringResult & { skippedDataFlows: number; note: string | null };

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const summarySelect = {
  id: true,
  asOf: true,
  createdAt: true,
  score: true,
  rating: true,
  methodologyVersion: true,
  inputsHash: true,
  createdBy: { select: { name: true, email: true } },
} as const;

type SummaryRow = { id: string; asOf: Date; createdAt: Date; score: number; rating: string; methodologyVersion: string; inputsHash: string; createdBy: { name: string; email: string } | null };

const toSummary = (r: SummaryRow) => ({
  id: r.id,
  asOf: isoDate(r.asOf),
  createdAt: r.createdAt.toISOString(),
  score: r.score,
  rating: r.rating as Rating,
  methodologyVersion: r.methodologyVersion,
  inputsHash: r.inputsHash,
  createdBy: r.createdBy ? { name: r.createdBy.name, email: r.createdBy.email } : null,
});

export type AssessmentSummary = ReturnType<typeof toSummary>;

/** The caller's organisation's assessments, newest first (without the frozen documents). */
export async function listAssessments(ctx: OrgContext): Promise<AssessmentSummary[]> {
  assertCan(ctx, "scores:read");
  const rows = await db().assessment.findMany({
    where: { organisationId: ctx.organisationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/**
 * The note each of the caller's assessments was frozen with (the freezer's "why"), by id. Read from
 * inside the frozen results in the database, so the list does not load the documents themselves.
 */
export async function listAssessmentNotes(ctx: OrgContext): Promise<Map<string, string>> {
  assertCan(ctx, "scores:read");
  const rows = await db().$queryRaw<{ id: string; note: string }[]>`
    SELECT "id", "results"->>'note' AS "note" FROM "Assessment"
    WHERE "organisationId" = ${ctx.organisationId}::uuid AND "results"->>'note' IS NOT NULL`;
  return new Map(rows.map((r) => [r.id, r.note]));
}

export type Assessment = AssessmentSummary & { inputs: InventoryDocumentInput; landscape: FrozenLandscape; results: FrozenResults };

/** One assessment of the caller's organisation with everything frozen in it, or null (also for another organisation's id). */
export async function getAssessment(ctx: OrgContext, id: string): Promise<Assessment | null> {
  assertCan(ctx, "scores:read");
  if (!isUuid(id)) return null;
  const row = await db().assessment.findFirst({
    where: { id, organisationId: ctx.organisationId },
    select: { ...summarySelect, frozenFormat: true, inputs: true, inputsCompressed: true, landscape: true, results: true, resultsCompressed: true },
  });
  if (!row) return null;
  // Inflated and unpacked, whichever way it was stored: every reader sees what was frozen.
  const { inputs, results } = await readFrozen(row);
  return { ...toSummary(row), inputs, landscape: row.landscape as unknown as FrozenLandscape, results };
}

export interface EntityDelta {
  key: string;
  name: string;
  status: "added" | "removed" | "changed" | "unchanged";
  before: number | null;
  after: number | null;
  /** after - before, rounded to 2 decimals; null when the entity is in one assessment only. */
  delta: number | null;
  ratingBefore: Rating | null;
  ratingAfter: Rating | null;
  /** The factors that moved, largest first. */
  factors: FactorChange[];
}

export interface AssessmentComparison {
  before: AssessmentSummary;
  after: AssessmentSummary;
  organisation: { before: number; after: number; delta: number; ratingBefore: Rating; ratingAfter: Rating; factors: FactorChange[] };
  dimensions: { dimension: Dimension; before: number; after: number; delta: number }[];
  vendors: EntityDelta[];
  systems: EntityDelta[];
  /**
   * Policy events in force in one assessment and not the other, and those in force in both that
   * a partial lift narrowed in between (`partlyLifted`), each with its date and estimate mark.
   */
  landscape: LandscapeComparison;
  /** The inventory rows that changed between the two frozen documents: the "why". */
  inputs: InputChange[];
  methodology: { before: string; after: string; changed: boolean };
  asOfChanged: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function entityDeltas<T extends { key: string; name: string; score: number; rating: Rating }>(
  a: readonly T[],
  b: readonly T[],
  changes: ReturnType<typeof compareResults>["vendors"],
): EntityDelta[] {
  const before = new Map(a.map((x) => [x.key, x]));
  const after = new Map(b.map((x) => [x.key, x]));
  const changed = new Map(changes.map((c) => [c.key, c]));
  const out: EntityDelta[] = [];
  for (const [key, y] of after) {
    const x = before.get(key);
    if (!x) out.push({ key, name: y.name, status: "added", before: null, after: y.score, delta: null, ratingBefore: null, ratingAfter: y.rating, factors: [] });
    else {
      const c = changed.get(key);
      const delta = round2(y.score - x.score);
      out.push({ key, name: y.name, status: delta !== 0 ? "changed" : "unchanged", before: x.score, after: y.score, delta, ratingBefore: x.rating, ratingAfter: y.rating, factors: c?.factors ?? [] });
    }
  }
  for (const [key, x] of before) {
    if (!after.has(key)) out.push({ key, name: x.name, status: "removed", before: x.score, after: null, delta: null, ratingBefore: x.rating, ratingAfter: null, factors: [] });
  }
  const order = { changed: 0, added: 1, removed: 2, unchanged: 3 } as const;
  return out.sort((x, y) => order[x.status] - order[y.status] || Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) || x.name.localeCompare(y.name));
}

/**
 * Two assessments of the caller's organisation side by side: the organisation's score and rating
 * before and after, each dimension, each vendor and AI system (added, removed, moved), and why:
 * the inventory rows that changed between the two frozen documents, the policy events imposed,
 * lifted or partly lifted (read from what each assessment froze), and a methodology change.
 * Either id unknown here: NOT_FOUND.
 */
export async function compareAssessments(ctx: OrgContext, aId: string, bId: string, loaded: { after?: Assessment } = {}): Promise<AssessmentComparison> {
  assertCan(ctx, "scores:read");
  // `loaded.after`: the later assessment, when the caller has just loaded it with getAssessment under
  // this same context (the board report), so that a large one is not loaded and parsed twice.
  const kept = loaded.after?.id === bId ? loaded.after : undefined;
  const [a, b] = await Promise.all([getAssessment(ctx, aId), kept ?? getAssessment(ctx, bId)]);
  if (!a || !b) throw notFoundError("Assessment");
  const ra = a.results;
  const rb = b.results;
  const engine = compareResults(ra, rb);
  const withDependencies = <T extends { dependencyCount: number }>(xs: readonly T[]) => xs.filter((x) => x.dependencyCount > 0);
  return {
    before: summaryOf(a),
    after: summaryOf(b),
    organisation: {
      before: ra.organisation.score,
      after: rb.organisation.score,
      delta: round2(rb.organisation.score - ra.organisation.score),
      ratingBefore: ra.organisation.rating,
      ratingAfter: rb.organisation.rating,
      factors: engine.organisation.factors,
    },
    dimensions: DIMENSIONS.map((dimension) => {
      const x = ra.organisation.dimensions[dimension];
      const y = rb.organisation.dimensions[dimension];
      return { dimension, before: x, after: y, delta: round2(y - x) };
    }),
    vendors: entityDeltas(withDependencies(ra.vendors), withDependencies(rb.vendors), engine.vendors),
    systems: entityDeltas(ra.systems, rb.systems, engine.systems),
    landscape: landscapeChanges(a, b),
    inputs: a.inputsHash === b.inputsHash ? [] : diffInputs(a.inputs, b.inputs),
    methodology: { before: a.methodologyVersion, after: b.methodologyVersion, changed: a.methodologyVersion !== b.methodologyVersion },
    asOfChanged: a.asOf !== b.asOf,
  };
}

/**
 * What the overview's "What changed" card shows of a comparison: the policy changes, how the score
 * and rating moved, how many inventory rows changed, and whether the methodology did. Small,
 * whatever the size of the two assessments.
 */
export type ChangeDigest = Pick<AssessmentComparison, "before" | "after" | "organisation" | "landscape" | "methodology" | "asOfChanged"> & { inputChanges: number };

/** A comparison's digest. */
export function changeDigest(c: AssessmentComparison): ChangeDigest {
  const { before, after, organisation, landscape, methodology, asOfChanged } = c;
  return { before, after, organisation, landscape, methodology, asOfChanged, inputChanges: c.inputs.length };
}

// Digests by organisation and the two assessment ids. Assessments are immutable (the database
// refuses an UPDATE), so a digest never goes stale; a deleted assessment's entry is simply no longer
// asked for. Per process, bounded: the oldest-used entry goes first. Without it the overview loaded,
// decompressed and diffed both frozen assessments on every view: a fifth of its CPU at the demo's
// size, 4.7 s per view with two assessments of the 1.0 tenant (`bench-freeze --changes`).
const DIGESTS = 500;
const digests = new Map<string, Omit<ChangeDigest, "before" | "after">>();

/**
 * The digest of the comparison of two of the caller's assessments, given by their summaries as
 * `listAssessments` answers them (so the names and dates shown are the current ones). Computed
 * by {@link compareAssessments} once per process and pair, then kept. Either unknown here: NOT_FOUND.
 */
export async function assessmentChanges(ctx: OrgContext, before: AssessmentSummary, after: AssessmentSummary): Promise<ChangeDigest> {
  assertCan(ctx, "scores:read");
  // The organisation is part of the key: an entry computed for one organisation is never found by another.
  const key = `${ctx.organisationId} ${before.id} ${after.id}`;
  let body = digests.get(key);
  if (body) {
    digests.delete(key); // re-inserted below: most recently used last
  } else {
    const { before: _b, after: _a, ...rest } = changeDigest(await compareAssessments(ctx, before.id, after.id));
    body = rest;
  }
  digests.set(key, body);
  if (digests.size > DIGESTS) digests.delete(digests.keys().next().value!);
  return { before, after, ...body };
}

function summaryOf(x: Assessment): AssessmentSummary {
  return { id: x.id, asOf: x.asOf, createdAt: x.createdAt, score: x.score, rating: x.rating, methodologyVersion: x.methodologyVersion, inputsHash: x.inputsHash, createdBy: x.createdBy };
}
