import type { ComputeBand } from "@/scoring/schema/primitives";
import type { ExportSource } from "./source";

// The EU AI Act deployer inventory: one row per AI system with what Sovra knows (owner,
// criticality, the models and their providers, the GPAI facts that decide what documentation
// the provider owes) and the deployer's duties under Art. 26 as empty columns for the
// organisation to answer. Sovra does not classify a use as high-risk (Annex III): that is a
// legal judgement about the purpose. The purpose and users served are not in the frozen document:
// they come from the inventory on the day of the export (by AI system name) and their columns
// say so. Pure.

/** Systemic risk is presumed above 10^25 FLOP of training compute (Art. 51(2)). */
export function systemicRiskOf(band: ComputeBand | undefined): "yes" | "no" | "unknown" {
  if (band === "1e25-1e26" || band === "above-1e26") return "yes";
  if (band === "below-1e25") return "no";
  return "unknown";
}

/**
 * What the provider owes downstream (Art. 53(1)(b), Annex XII): open-licence models are exempt
 * unless they carry systemic risk (Art. 53(2)).
 */
export function providerDocumentationDuty(weights: "open" | "closed", systemic: "yes" | "no" | "unknown"): string {
  if (weights === "open" && systemic === "no") return "exempt: open licence without systemic risk (Art. 53(2))";
  if (weights === "open" && systemic === "unknown") return "exempt if the licence is open and the model has no systemic risk (Art. 53(2)); compute unknown";
  return "owed by the provider (Art. 53(1)(b), Annex XII)";
}

/** Art. 26 duties the deployer answers itself: the columns stay empty. */
export const DEPLOYER_DUTY_COLUMNS = [
  "High-risk use under Annex III? (yes/no)",
  "Art. 26(1) used per the provider's instructions",
  "Art. 26(2) human oversight assigned to",
  "Art. 26(4) input data relevant and representative",
  "Art. 26(5) monitoring and incident reporting in place",
  "Art. 26(6) logs kept at least six months",
  "Art. 26(7) workers' representatives informed",
  "Art. 26(9) data protection impact assessment done",
  "Provider documentation received (yes/no)",
] as const;

export const AI_ACT_HEADERS = [
  "AI system",
  "Intended purpose (inventory on export day)",
  "Owner",
  "Business criticality",
  "Tolerated downtime (hours)",
  "Offices served",
  "Users served (inventory on export day)",
  "Teams",
  "Models",
  "Providers (HQ country)",
  "Access paths",
  "General-purpose AI model",
  "Weights and licence",
  "Systemic risk (≥ 10^25 FLOP)",
  "Provider documentation (Art. 53)",
  "Data categories sent",
  "Processing countries",
  "Sovereignty score",
  "Rating",
  ...DEPLOYER_DUTY_COLUMNS,
] as const;

export interface AiActInventory {
  headers: string[];
  rows: (string | number)[][];
}

const join = (xs: readonly string[]) => [...new Set(xs)].filter(Boolean).join("; ");

/** What the frozen document lacks about a system, read from today's inventory by system name. */
export type CurrentSystemFacts = ReadonlyMap<string, { description: string; usersServed: number }>;

export function buildAiActInventory(source: ExportSource, current: CurrentSystemFacts = new Map()): AiActInventory {
  const doc = source.inputs;
  const offices = new Map((doc.offices ?? []).map((o) => [o.key, o]));
  const vendors = new Map((doc.vendors ?? []).map((v) => [v.key, v]));
  const models = new Map((doc.models ?? []).map((m) => [m.key, m]));
  const results = new Map(source.results.systems.map((s) => [s.key, s]));
  const depResults = new Map(source.results.dependencies.map((d) => [d.key, d]));
  const group = <T, K>(xs: readonly T[], key: (x: T) => K) => {
    const m = new Map<K, T[]>();
    for (const x of xs) {
      const list = m.get(key(x));
      if (list) list.push(x);
      else m.set(key(x), [x]);
    }
    return m;
  };
  const depsBySystem = group(doc.dependencies ?? [], (d) => d.system);
  const flowsByDependency = group(doc.dataFlows ?? [], (f) => f.dependency);
  const rows = (doc.aiSystems ?? []).map((system) => {
    const deps = depsBySystem.get(system.key) ?? [];
    const used = deps.map((d) => models.get(d.model)).filter((m) => m !== undefined);
    const flows = deps.flatMap((d) => flowsByDependency.get(d.key) ?? []);
    const perModel = (fn: (m: (typeof used)[number]) => string) => used.map((m) => (used.length > 1 ? `${m.name}: ${fn(m)}` : fn(m)));
    const result = results.get(system.key);
    const today = current.get(system.name);
    return [
      system.name,
      today?.description ?? "",
      system.owner ?? "",
      system.criticality,
      system.toleratedDowntimeHours,
      join(system.offices.map((k) => (offices.get(k) ? `${offices.get(k)!.name} (${offices.get(k)!.country})` : k))),
      today?.usersServed ?? "",
      join(system.teams ?? []),
      join(used.map((m) => m.name)),
      join(used.map((m) => vendors.get(m.vendor)).map((v) => (v ? `${v.name} (${v.hqCountry})` : ""))),
      join(deps.map((d) => d.accessPath)),
      // Sovra's models are foundation models called by AI systems: general-purpose by design,
      // but the qualification (Art. 3(63)) is the provider's to state.
      used.length > 0 ? "presumed: foundation model (confirm with the provider)" : "",
      join(perModel((m) => `${m.weights}${m.licence ? `, ${m.licence}` : ""}`)),
      join(perModel((m) => systemicRiskOf(m.trainingCompute))),
      join(perModel((m) => providerDocumentationDuty(m.weights, systemicRiskOf(m.trainingCompute)))),
      join([...flows.flatMap((f) => f.categories), ...(system.dataSensitivity ? [system.dataSensitivity] : [])]),
      join(deps.map((d) => depResults.get(d.key)?.hostingCountry ?? "")),
      result?.score ?? "",
      result?.rating ?? "",
      ...DEPLOYER_DUTY_COLUMNS.map(() => ""),
    ];
  });
  return { headers: [...AI_ACT_HEADERS], rows };
}
