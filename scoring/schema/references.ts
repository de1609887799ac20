import type { InventoryDocument } from "./inventory";
import { formatPath, type Issue } from "./issues";

/**
 * Checks that keys are unique per collection and that every cross reference resolves.
 * Returns one issue per problem, each naming the JSON path of the offending field.
 *
 * @example
 * checkReferences(docWithDependencyOnModel("gpt-9"))
 * //=> [{ path: "$.dependencies[0].model", message: 'unknown model "gpt-9": expected the key of an entry in $.models' }]
 */
export function checkReferences(doc: InventoryDocument, knownEventKeys: ReadonlySet<string> = new Set()): Issue[] {
  const issues: Issue[] = [];
  const index = <T extends { key: string }>(rows: readonly T[], name: string): Set<string> => {
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      const seen = first.get(row.key);
      if (seen !== undefined) {
        issues.push({ path: formatPath([name, i, "key"]), message: `duplicate key "${row.key}" (already used at ${formatPath([name, seen])})` });
      } else first.set(row.key, i);
    });
    return new Set(first.keys());
  };
  const offices = index(doc.offices, "offices");
  const vendors = index(doc.vendors, "vendors");
  const models = index(doc.models, "models");
  const systems = index(doc.aiSystems, "aiSystems");
  const deps = index(doc.dependencies, "dependencies");
  index(doc.dataFlows, "dataFlows");
  index(doc.fallbacks, "fallbacks");
  const events = index(doc.policyEvents, "policyEvents");

  const ref = (set: Set<string>, value: string | undefined, what: string, target: string, path: PropertyKey[]) => {
    if (value !== undefined && !set.has(value)) {
      issues.push({ path: formatPath(path), message: `unknown ${what} "${value}": expected the key of an entry in $.${target}` });
    }
  };
  doc.models.forEach((m, i) => ref(vendors, m.vendor, "vendor", "vendors", ["models", i, "vendor"]));
  doc.aiSystems.forEach((s, i) => s.offices.forEach((o, j) => ref(offices, o, "office", "offices", ["aiSystems", i, "offices", j])));
  doc.dependencies.forEach((d, i) => {
    ref(systems, d.system, "AI system", "aiSystems", ["dependencies", i, "system"]);
    ref(models, d.model, "model", "models", ["dependencies", i, "model"]);
    ref(vendors, d.cloud, "cloud vendor", "vendors", ["dependencies", i, "cloud"]);
  });
  doc.dataFlows.forEach((f, i) => {
    ref(offices, f.fromOffice, "office", "offices", ["dataFlows", i, "fromOffice"]);
    ref(deps, f.dependency, "dependency", "dependencies", ["dataFlows", i, "dependency"]);
  });
  doc.fallbacks.forEach((f, i) => {
    ref(deps, f.dependency, "dependency", "dependencies", ["fallbacks", i, "dependency"]);
    ref(models, f.model, "model", "models", ["fallbacks", i, "model"]);
    ref(vendors, f.cloud, "cloud vendor", "vendors", ["fallbacks", i, "cloud"]);
  });
  doc.policyEvents.forEach((e, i) => {
    if (e.kind === "lift" && !events.has(e.lifts) && !knownEventKeys.has(e.lifts)) {
      issues.push({
        path: formatPath(["policyEvents", i, "lifts"]),
        message: `unknown policy event "${e.lifts}": expected the key of an event in $.policyEvents or in the catalogue`,
      });
    }
  });
  return issues;
}
