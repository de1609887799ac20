// Finds a database row's entry in the engine's results. lib/inventory/document.ts keys rows by
// slugify(name) (with -2, -3 for rare clashes) and the results carry those keys and names.
import { slugify } from "@/lib/organisations/schemas";
import type { DependencyResult, ScoringResult, SystemResult, VendorResult } from "@/scoring/results";

/** The inventory document's key for a row named `name` (as lib/inventory/document.ts derives it). */
export const documentKey = (name: string) => slugify(name);

/** Keys are unique within a list; a clash gets a numeric suffix, so match the base key or its suffixed forms. */
const keyMatches = (key: string, name: string) => {
  const base = documentKey(name);
  return key === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d+$`).test(key);
};

export function vendorResult(result: ScoringResult, vendor: { name: string }): VendorResult | undefined {
  return result.vendors.find((v) => v.name === vendor.name) ?? result.vendors.find((v) => keyMatches(v.key, vendor.name));
}

export function systemResult(result: ScoringResult, system: { name: string }): SystemResult | undefined {
  return result.systems.find((s) => s.name === system.name) ?? result.systems.find((s) => keyMatches(s.key, system.name));
}

/** A system's dependency row (its model's name and access path) in the results. */
export function dependencyResult(result: ScoringResult, system: SystemResult, dependency: { modelName: string; accessPath: string }): DependencyResult | undefined {
  const path = dependency.accessPath.replaceAll("_", "-"); // direct_api -> direct-api, as the document writes it
  return result.dependencies.find((d) => d.system === system.key && d.accessPath === path && keyMatches(d.model, dependency.modelName));
}

/** The dependency rows on a model (by its name's key) in the results, weakest first. */
export function modelDependencyResults(result: ScoringResult, model: { name: string }): DependencyResult[] {
  return result.dependencies.filter((d) => keyMatches(d.model, model.name)).sort((a, b) => a.score - b.score);
}
