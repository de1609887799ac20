import { blocOf, EEA_BLOC, lawsInForce } from "./engine/countries";
import { controllingCountry, holdsOpenWeights, operatorOf, type Route } from "./engine/route";
import type { Vendor } from "./schema/inventory";

export const SEAL_LEVELS = ["SEAL-0", "SEAL-1", "SEAL-2", "SEAL-3", "SEAL-4"] as const;
export type SealLevel = (typeof SEAL_LEVELS)[number];
export type SealJudgement = SealLevel | "insufficient data";

/** The eight objectives of the European Commission's Cloud Sovereignty Framework (v1.2.1, Oct 2025). */
export const SOV_OBJECTIVES = [
  { id: "SOV-1", name: "Strategic sovereignty" },
  { id: "SOV-2", name: "Legal & jurisdictional sovereignty" },
  { id: "SOV-3", name: "Data & AI sovereignty" },
  { id: "SOV-4", name: "Operational sovereignty" },
  { id: "SOV-5", name: "Supply chain sovereignty" },
  { id: "SOV-6", name: "Technology sovereignty" },
  { id: "SOV-7", name: "Security & compliance sovereignty" },
  { id: "SOV-8", name: "Environmental sustainability" },
] as const;
export type SovObjectiveId = (typeof SOV_OBJECTIVES)[number]["id"];

export interface SealObjective {
  id: SovObjectiveId;
  name: string;
  level: SealJudgement;
  reason: string;
}

/** An indicative reading of the EU Cloud Sovereignty Framework for one vendor, from inventory data only. */
export interface SealAssessment {
  indicative: true;
  label: string;
  /** The lowest level over the objectives that could be judged (the framework uses minimum levels as gates). */
  overall: SealJudgement;
  objectives: SealObjective[];
}

const LABEL = "Indicative only: derived from inventory data, not a certified EU Cloud Sovereignty Framework assessment.";
const lvl = (n: number): SealLevel => SEAL_LEVELS[Math.max(0, Math.min(4, n))]!;
const isEea = (c: string) => blocOf(c) === EEA_BLOC;
const PERMISSIVE = /\b(apache-2\.0|mit)\b/i;

/**
 * Indicative SEAL level per objective for a vendor, from its HQ, ultimate parent and how the
 * organisation reaches it. Objectives the inventory cannot inform are "insufficient data".
 *
 * @example
 * assessSeal(mistralVendor, [selfHostedMistralRoute], "2026-11-01").objectives[0]
 * //=> { id: "SOV-1", level: "SEAL-3", reason: "Headquartered and ultimately controlled in the EU/EEA; ..." }
 */
export function assessSeal(vendor: Vendor, routes: readonly Route[], asOf: string): SealAssessment {
  const hq = vendor.hqCountry;
  const ctrl = controllingCountry(vendor);
  const objectives: SealObjective[] = [];
  const push = (id: SovObjectiveId, level: SealJudgement, reason: string) =>
    objectives.push({ id, name: SOV_OBJECTIVES.find((o) => o.id === id)!.name, level, reason });

  // SOV-1: ownership and control.
  if (isEea(hq) && isEea(ctrl)) push("SOV-1", "SEAL-3", "Headquartered and ultimately controlled in the EU/EEA; governance and financing are not assessed, so SEAL-4 cannot be shown.");
  else if (isEea(hq)) push("SOV-1", "SEAL-1", "Headquartered in the EU/EEA but ultimately controlled from outside it.");
  else push("SOV-1", "SEAL-0", "Headquartered outside the EU/EEA.");

  // SOV-2: exposure to non-EU law.
  const foreignLaws = [...new Set([hq, ctrl])].filter((c) => !isEea(c)).flatMap((c) => lawsInForce(c, asOf));
  const hostedInEea = routes.some((r) => isEea(r.hostingCountry));
  if (foreignLaws.length > 0) {
    push("SOV-2", hostedInEea ? "SEAL-1" : "SEAL-0", `Subject to ${foreignLaws.map((l) => l.name).join(", ")}${hostedInEea ? ", even where hosted in the EU/EEA" : ""}.`);
  } else if (isEea(ctrl)) push("SOV-2", "SEAL-3", "Only EU/EEA law governs the company; no recorded foreign access law reaches it.");
  else push("SOV-2", "SEAL-2", "Governed by a non-EU law with no recorded extraterritorial access law.");

  if (routes.length === 0) {
    for (const id of ["SOV-3", "SOV-4", "SOV-5", "SOV-6"] as const) push(id, "insufficient data", "No dependency in the inventory reaches this vendor.");
  } else {
    // SOV-3: data location and control.
    const allSelfOpenEea = routes.every((r) => holdsOpenWeights(r) && isEea(r.hostingCountry));
    const allEea = routes.every((r) => isEea(r.hostingCountry));
    if (allSelfOpenEea) push("SOV-3", "SEAL-4", "All use runs from open weights you host in the EU/EEA.");
    else if (allEea) push("SOV-3", isEea(ctrl) ? "SEAL-3" : "SEAL-2", `All use is hosted in the EU/EEA${isEea(ctrl) ? "" : ", by a provider controlled from outside it"}.`);
    else push("SOV-3", hostedInEea ? "SEAL-1" : "SEAL-0", "Some or all data is processed outside the EU/EEA.");

    // SOV-4: who operates it.
    const operators = routes.map(operatorOf);
    if (operators.every((o) => o === undefined)) push("SOV-4", "SEAL-4", "You operate every deployment yourself.");
    else if (operators.every((o) => o === undefined || isEea(controllingCountry(o)))) push("SOV-4", "SEAL-3", "Operated by you or by EU/EEA-controlled providers.");
    else push("SOV-4", hostedInEea ? "SEAL-1" : "SEAL-0", "Operated at least partly by a provider controlled from outside the EU/EEA.");

    // SOV-5: supply chain (hardware and firmware provenance are not in the inventory: capped at SEAL-2).
    const third = operators.filter((o): o is Vendor => o !== undefined);
    if (third.length === 0) push("SOV-5", "insufficient data", "Self-hosted only; hardware and firmware provenance are not recorded.");
    else if (third.every((o) => isEea(controllingCountry(o)))) push("SOV-5", "SEAL-2", "Operators are EU/EEA-controlled; hardware provenance is not recorded, so higher levels cannot be shown.");
    else push("SOV-5", hostedInEea ? "SEAL-1" : "SEAL-0", "The supply chain includes operators controlled from outside the EU/EEA.");

    // SOV-6: openness of the technology.
    const models = routes.map((r) => r.model);
    if (models.every((m) => m.weights === "open" && PERMISSIVE.test(m.licence ?? ""))) push("SOV-6", "SEAL-3", "Open weights under a permissive licence (Apache-2.0 or MIT).");
    else if (models.every((m) => m.weights === "open")) push("SOV-6", "SEAL-2", "Open weights, but the licence restricts use.");
    else push("SOV-6", routes.every((r) => r.accessPath === "direct-api") ? "SEAL-0" : "SEAL-1", "Proprietary model: portability depends on the vendor's API.");
  }
  push("SOV-7", "insufficient data", "Certifications, audits and security operations are not recorded in the inventory.");
  push("SOV-8", "insufficient data", "Energy and environmental data are not recorded in the inventory.");

  const judged = objectives.map((o) => o.level).filter((l): l is SealLevel => l !== "insufficient data");
  const overall: SealJudgement = judged.length === 0 ? "insufficient data" : lvl(Math.min(...judged.map((l) => SEAL_LEVELS.indexOf(l))));
  return { indicative: true, label: LABEL, overall, objectives };
}
