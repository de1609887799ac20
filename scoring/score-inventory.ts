import { buildResult, systemStates, type SystemState } from "./engine/aggregate";
import { buildContext, type Context } from "./engine/context";
import { FACTORS } from "./engine/factors/types";
import { contextShare, evaluateDependency, type DependencyEvaluation } from "./engine/evaluate";
import { resolveOptions, type ResolvedOptions, type ScoringOptions } from "./options";
import type { ScoringResult } from "./results";
import type { InventoryDocument } from "./schema/inventory";

/** What a scoring run keeps for incremental work (scenarios, remediation) on the same input. */
export interface ScoringState {
  ctx: Context;
  /** Evaluations aligned with `ctx.prepared` (index = `PreparedDependency.index`). */
  list: DependencyEvaluation[];
  /** The same evaluations by dependency key (built on first use). */
  readonly evals: Map<string, DependencyEvaluation>;
  states: SystemState[];
}

const STATE = new WeakMap<ScoringResult, ScoringState>();

/** Thrown for invalid options (a programming error, unlike invalid documents which are reported as issues). */
export class ScoringOptionsError extends TypeError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid scoring options: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "ScoringOptionsError";
  }
}

/** Validates options or throws {@link ScoringOptionsError}. */
export function requireOptions(options: ScoringOptions): ResolvedOptions {
  const r = resolveOptions(options);
  if (!r.ok) throw new ScoringOptionsError(r.issues);
  return r.value;
}

/** Scores a prepared context (internal; also used by the benchmark to time phases). */
export function scoreContext(ctx: Context): { result: ScoringResult; state: ScoringState } {
  const share = contextShare(ctx);
  const prepared = ctx.prepared;
  const list: DependencyEvaluation[] = new Array(prepared.length);
  // One buffer for every dependency's raw and weighted points (views, not one allocation each).
  const n = FACTORS.length;
  const buf = new Float64Array(2 * n * prepared.length);
  let at = 0;
  for (let i = 0; i < prepared.length; i++) {
    list[i] = evaluateDependency(ctx, prepared[i]!, ctx.active, share, buf.subarray(at, at + n), buf.subarray(at + n, at + 2 * n));
    at += 2 * n;
  }
  const states = systemStates(ctx, list);
  const result = buildResult(ctx, list, states);
  let evals: Map<string, DependencyEvaluation> | undefined;
  const state: ScoringState = {
    ctx,
    list,
    // Scoring looks evaluations up by index; remediation by key, so the map is built on first use.
    get evals() {
      return (evals ??= new Map(list.map((e) => [e.p.dep.key, e])));
    },
    states,
  };
  STATE.set(result, state);
  return { result, state };
}

/**
 * Scores an inventory document as of a date: every dependency, AI system, vendor and the
 * organisation, each with a 0-100 score (higher = more sovereign), a rating, a risk profile
 * and the named factors it is the sum of. Deterministic: the order of rows does not matter.
 *
 * Expects a validated document (see {@link parseInventoryDocument}); rows with dangling
 * references are skipped and listed in `notes`. Throws {@link ScoringOptionsError} on invalid options.
 *
 * @example
 * const parsed = parseInventoryDocument(json);
 * if (parsed.ok) {
 *   const result = scoreInventory(parsed.value, { asOf: "2026-11-01" });
 *   result.organisation.rating //=> "Medium"
 *   result.organisation.factors.reduce((s, f) => s + f.points, 0) // ≈ result.organisation.score
 * }
 */
export function scoreInventory(doc: InventoryDocument, options: ScoringOptions): ScoringResult {
  return scoreContext(buildContext(doc, requireOptions(options))).result;
}

/** The incremental state behind a result returned by {@link scoreInventory} (undefined for results from elsewhere, e.g. deserialised). */
export function scoringStateOf(result: ScoringResult): ScoringState | undefined {
  return STATE.get(result);
}
