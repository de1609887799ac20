import type { z } from "zod";

/** A validation problem: where (a JSON path such as `$.dependencies[3].model`) and what was expected. */
export interface Issue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Formats a path as a JSON path.
 *
 * @example
 * formatPath(["dependencies", 3, "model"]) //=> "$.dependencies[3].model"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (typeof p === "string" && /^[A-Za-z_$][\w$-]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/** Flattens zod issues (including the branches of unions) into path + message pairs. */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return flatten(error.issues, prefix);
}

function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && "errors" in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      // Report the branch that got furthest (fewest issues), not a generic "invalid input"; its
      // own issues are flattened the same way, so a union inside it (a shock's countries inside
      // the shock's type) names its field and a missing field reads as missing.
      const branches = issue.errors as z.core.$ZodIssue[][];
      const best = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0) {
        out.push(...flatten(best, path));
        continue;
      }
    }
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out.push({ path: formatPath([...path, k]), message: `unknown field "${k}" (not part of the format)` });
      continue;
    }
    out.push({ path: formatPath(path), message: describe(issue) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  // zod 4 leaves the input out of its issues unless asked, so an absent field is known by the
  // message ("Invalid input: expected int, received undefined"), not by `input`: checking `input`
  // called a headcount of 2.5 or a yes/no field holding "yes" a missing field.
  const missing = "input" in issue ? issue.input === undefined : / received undefined$/.test(issue.message);
  if (issue.code === "invalid_type" && missing) {
    return `required field is missing (expected ${issue.expected})`;
  }
  return issue.message;
}
