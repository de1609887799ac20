// What makes a policy event acceptable to Sovra, in one place for the form, the public API and
// the mutations: the engine's own schema (scoring/schema/policy-event.ts) and the rules it
// cannot express, with every problem said in words under the field it belongs to (no JSON paths,
// no catalogue keys). Pure: no database.
import type { z } from "zod";
import { COUNTRY_SETS } from "@/scoring/catalogue";
import { policyEventSchema, type PolicyEvent } from "@/scoring/schema/policy-event";

/** Problems by the event's top-level field (`restrictions`, `references`, `countries`, ...). */
export type PolicyEventProblems = Record<string, string[]>;

type FlatIssue = { path: PropertyKey[]; code: string; message: string; maximum?: unknown; origin?: unknown };

/** zod's issues with the branches of unions flattened (the branch that got furthest), paths absolute. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const best = [...(issue.errors as z.core.$ZodIssue[][])].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0) {
        out.push(...flatten(best, path));
        continue;
      }
    }
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out.push({ path: [...path, k], code: issue.code, message: `"${k}" is not a field here` });
      continue;
    }
    out.push({ path, code: issue.code, message: issue.message, maximum: (issue as { maximum?: unknown }).maximum, origin: (issue as { origin?: unknown }).origin });
  }
  return out;
}

const LIST_ITEM: Record<string, string> = { restrictions: "Restriction", references: "Reference" };
const FIELD_WORDS: Record<string, string> = {
  countries: "countries",
  locus: "who is restricted",
  severity: "severity",
  title: "title",
  publisher: "publisher",
  url: "web address",
  note: "note",
  vendors: "vendors",
  vendorCountries: "vendors' countries",
  models: "models",
  modelFamilies: "model families",
  weights: "weights",
  minTrainingCompute: "training compute",
  accessPaths: "access paths",
  clouds: "clouds",
  hostingRegions: "hosting regions",
};

/** Where inside a field a problem is, in words: ["restrictions", 0, "countries", "sets", 1] -> "Restriction 1, countries, country set 2". */
function placeOf(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    const next = path[i + 1];
    if (i === 0) {
      if (typeof next === "number" && LIST_ITEM[String(p)]) {
        words.push(`${LIST_ITEM[String(p)]} ${next + 1}`);
        i++;
      }
      continue;
    }
    if ((p === "only" || p === "allExcept") && typeof next === "number") {
      words.push(`country ${next + 1}`);
      i++;
    } else if (p === "sets" && typeof next === "number") {
      words.push(`country set ${next + 1}`);
      i++;
    } else if (p === "only" || p === "allExcept" || p === "sets") continue;
    else if (typeof p === "number") words.push(`entry ${p + 1}`);
    else words.push(FIELD_WORDS[String(p)] ?? String(p));
  }
  return words.join(", ");
}

const SET_NAMES = COUNTRY_SETS.map((s) => s.name).join(", ");

/** The value at a path of the candidate (zod's issues do not carry it). */
function valueAt(candidate: unknown, path: readonly PropertyKey[]): unknown {
  let v = candidate;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/**
 * The engine's message for a problem, in the user's words where it would otherwise name keys or
 * zod's terms. `whole`: the message names the field itself, so the place stops at the list item.
 */
function wordsFor(issue: FlatIssue, candidate: unknown): { message: string; whole?: boolean } {
  const last = issue.path.at(-1);
  const parent = issue.path.at(-2);
  const value = valueAt(candidate, issue.path);
  if (issue.code === "unrecognized_keys") return { message: issue.message, whole: true };
  if (parent === "sets" && issue.code === "invalid_value") return { message: `${JSON.stringify(value)} is not one of the catalogue's country sets (${SET_NAMES})` };
  const inReference = issue.path[0] === "references" && issue.path.length === 3;
  if (inReference && last === "title" && (issue.code === "too_small" || (issue.code === "invalid_type" && value === undefined))) return { message: "enter the title of the text", whole: true };
  if (inReference && last === "url" && issue.code !== "too_big") return { message: "enter a web address starting with https:// or http://", whole: true };
  if (issue.code === "too_big" && issue.origin === "string" && typeof issue.maximum === "number") return { message: `use at most ${issue.maximum.toLocaleString("en")} characters` };
  if ((last === "only" || last === "allExcept") && issue.code === "custom") return { message: "name at least one country or country set" };
  return { message: issue.message };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The engine's problems with a candidate event, under its top-level fields, in words. */
function engineProblems(error: z.ZodError, candidate: unknown): PolicyEventProblems {
  const out: PolicyEventProblems = {};
  for (const issue of flatten(error.issues)) {
    const field = String(issue.path[0] ?? "event");
    const { message, whole } = wordsFor(issue, candidate);
    const place = placeOf(whole ? issue.path.slice(0, -1) : issue.path);
    (out[field] ??= []).push(place ? `${capitalise(place)}: ${message}` : capitalise(message));
  }
  return out;
}

/**
 * Checks a candidate policy event: the engine's schema, then the rules it does not express (an
 * imposed event expires after it takes effect). Returns the event as the engine reads it, or the
 * problems in words under each top-level field.
 *
 * @example
 * checkPolicyEvent({ kind: "lift", key: "x", title: "X", effectiveDate: "2026-01-01", source: "s", lifts: "y", countries: { only: [], sets: ["nowhere"] } })
 * //=> { ok: false, problems: { countries: ["Country set 1: \"nowhere\" is not one of the catalogue's country sets (US key allies and partners, ...)"] } }
 */
export function checkPolicyEvent(candidate: unknown): { ok: true; event: PolicyEvent } | { ok: false; problems: PolicyEventProblems } {
  const parsed = policyEventSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: engineProblems(parsed.error, candidate) };
  const e = parsed.data;
  if (e.kind === "impose" && e.expires !== undefined && e.expires <= e.effectiveDate) return { ok: false, problems: { expires: ["Must be after the effective date"] } };
  return { ok: true, event: e };
}

/** The problems as one sentence, for an error message that names them all. */
export function problemsInOneLine(problems: PolicyEventProblems): string {
  return Object.values(problems)
    .flat()
    .map((m) => m.replace(/\.$/, ""))
    .join("; ");
}
