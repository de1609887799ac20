import { DEFAULT_THRESHOLDS } from "@/scoring/options";
import type { AccessPath, Criticality, DataCategory } from "@/scoring/schema/primitives";
import type { ExportGap, ExportSource } from "../source";
import {
  alternativesIdentified,
  countryCode,
  IMPACT_BY_CRITICALITY,
  nonSubstitutabilityReasonOf,
  reintegrationOf,
  relianceOf,
  highestSensitiveness,
  SERVICE_TYPE_BY_ACCESS_PATH,
  substitutabilityOf,
  yesNo,
  type FallbackFacts,
} from "./mapping";
import { DORA_TEMPLATES, type DoraTemplateId, type Template } from "./templates";

// Frozen assessment -> rows of B_05.01, B_02.02 and B_07.01, in the templates' column order,
// and the list of gaps: mandatory values Sovra does not hold (LEIs, contract dates, audit dates)
// and values it filled by a rule the risk officer should confirm. Pure.

export interface DoraTable {
  template: Template;
  rows: string[][];
  gaps: ExportGap[];
}

type Row = { key: string; [k: string]: unknown };
const byKey = <T extends { key: string }>(xs: readonly T[] | undefined) => new Map((xs ?? []).map((x) => [x.key, x]));
const DAY_MS = 86_400_000;
const LATIN = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{S}]*$/u;

interface Dependency extends Row { system: string; model: string; accessPath: AccessPath; cloud?: string; exitPlan?: { documented: boolean }; dataSent?: DataCategory[] }
interface Fallback extends Row { dependency: string; model: string; accessPath: AccessPath; cloud?: string; lastTested?: string; switchTimeHours?: number; qualityParityMeasured?: boolean; exitPlan?: string; exitPlanUrl?: string }

function facts(source: ExportSource) {
  const doc = source.inputs;
  const vendors = byKey(doc.vendors);
  const models = byKey(doc.models);
  const systems = byKey(doc.aiSystems);
  const dependencies = (doc.dependencies ?? []) as unknown as Dependency[];
  const fallbacks = (doc.fallbacks ?? []) as unknown as Fallback[];
  const results = byKey(source.results.dependencies);
  const systemIndex = new Map((doc.aiSystems ?? []).map((s, i) => [s.key, i + 1]));
  /** Who the organisation contracts with for a route: the cloud for hosted routes, else the model's vendor. */
  const providerOf = (r: { model: string; accessPath: AccessPath; cloud?: string | undefined }) =>
    (r.accessPath === "cloud-marketplace" || r.accessPath === "third-party-hosted") && r.cloud ? r.cloud : (models.get(r.model)?.vendor ?? "");
  const asOf = Date.parse(source.asOf);
  const fallbacksByDependency = new Map<string, Fallback[]>();
  for (const f of fallbacks) {
    const list = fallbacksByDependency.get(f.dependency);
    if (list) list.push(f);
    else fallbacksByDependency.set(f.dependency, [f]);
  }
  const fallbacksOf = (dep: Dependency) => fallbacksByDependency.get(dep.key) ?? [];
  const factsOf = (dep: Dependency): FallbackFacts[] => {
    const tolerated = systems.get(dep.system)?.toleratedDowntimeHours;
    return fallbacksOf(dep).map((f) => ({
      testedRecently: f.lastTested !== undefined && asOf - Date.parse(f.lastTested) <= DEFAULT_THRESHOLDS.fallbackTestedStaleDays * DAY_MS,
      switchFits: f.switchTimeHours !== undefined && tolerated !== undefined && f.switchTimeHours <= tolerated,
      qualityParityMeasured: f.qualityParityMeasured === true,
      selfHosted: f.accessPath === "self-hosted",
    }));
  };
  const describe = (dep: Dependency) => `${systems.get(dep.system)?.name ?? dep.system} → ${models.get(dep.model)?.name ?? dep.model} (${dep.accessPath})`;
  return { vendors, models, systems, dependencies, results, systemIndex, providerOf, fallbacksOf, factsOf, describe };
}

/** Builds a template's rows from cell records, so the column order comes from the template alone. */
function table(id: DoraTemplateId, records: Record<string, string>[], gaps: ExportGap[]): DoraTable {
  const template = DORA_TEMPLATES[id];
  return { template, rows: records.map((r) => template.columns.map((c) => r[c.code] ?? "")), gaps };
}

function gapHelper(file: DoraTemplateId, gaps: ExportGap[]) {
  const label = (column: string) => DORA_TEMPLATES[file].columns.find((c) => c.code === column)?.label ?? column;
  return (row: number, subject: string, column: string, kind: ExportGap["kind"], note: string) => gaps.push({ file, row, column, label: label(column), subject, kind, note });
}

const CONTRACT_NOTE = "Sovra keeps no contract register: replace Sovra's reference with your contractual arrangement's reference number (it links B_02.02, B_07.01 and your other templates).";
const PROVIDER_ID_NOTE = "Sovra does not hold the provider's LEI or EUID: enter it (B_05.01 c0010) and its type of code here.";

/** B_05.01: one row per provider the organisation contracts with for a dependency, by name. */
export function buildB0501(source: ExportSource): DoraTable {
  const f = facts(source);
  const keys = [...new Set(f.dependencies.map((d) => f.providerOf(d)))].filter((k) => f.vendors.has(k));
  const providers = keys.map((k) => f.vendors.get(k)!).sort((a, b) => a.name.localeCompare(b.name));
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_05.01", gaps);
  const records = providers.map((v, i) => {
    const row = i + 1;
    const subject = `Provider: ${v.name}`;
    gap(row, subject, "c0010", "missing", "Sovra does not hold legal identifiers: enter the provider's LEI (preferred) or EUID.");
    gap(row, subject, "c0020", "missing", "The type of the code you enter in c0010: eba_qCO:qx2000 for an LEI, eba_qCO:qx2002 for an EUID.");
    gap(row, subject, "c0050", "review", "Sovra holds the trading name; check it is the legal name.");
    const latin = LATIN.test(v.name);
    if (!latin) gap(row, subject, "c0060", "missing", "The name is not in the Latin alphabet: enter its transliteration.");
    gap(row, subject, "c0100", "missing", "Sovra does not hold costs: enter the total annual expense, and its currency in c0090.");
    const parent = v.ultimateParent ? `${v.ultimateParent.name} (${v.ultimateParent.country})` : `${v.name} itself (no other parent recorded)`;
    gap(row, subject, "c0110", "missing", `Enter the LEI of the ultimate parent undertaking: per Sovra, ${parent}.`);
    gap(row, subject, "c0120", "missing", "The type of the code you enter in c0110.");
    return {
      c0050: v.name,
      c0060: latin ? v.name : "",
      // AI vendors and clouds are companies, never individuals acting in a business capacity.
      c0070: "eba_CT:x212",
      c0080: countryCode(v.hqCountry),
    };
  });
  return table("b_05.01", records, gaps);
}

/** B_02.02: one row per dependency (an AI system's use of a model through one access path). */
export function buildB0202(source: ExportSource): DoraTable {
  const f = facts(source);
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_02.02", gaps);
  const records = f.dependencies.map((dep, i) => {
    const row = i + 1;
    const subject = `Dependency: ${f.describe(dep)}`;
    const system = f.systems.get(dep.system);
    const criticality = (system?.criticality ?? "medium") as Criticality;
    const result = f.results.get(dep.key);
    const provider = f.vendors.get(f.providerOf(dep));
    gap(row, subject, "c0010", "review", CONTRACT_NOTE);
    gap(row, subject, "c0020", "missing", "Enter your entity's LEI.");
    gap(row, subject, "c0030", "missing", `${PROVIDER_ID_NOTE} Provider: ${provider?.name ?? "unknown"}.`);
    gap(row, subject, "c0040", "missing", "The type of the provider's code (eba_qCO:qx2000 for an LEI).");
    gap(row, subject, "c0050", "review", `Sovra numbers AI systems as functions (F${f.systemIndex.get(dep.system)} = ${system?.name ?? dep.system}): use your B_06.01 function identifier.`);
    gap(row, subject, "c0060", "review", "Derived from the access path (vendor API: SaaS; cloud AI platform: PaaS; self-hosted open weights: software licencing): confirm.");
    gap(row, subject, "c0070", "missing", "Sovra keeps no contract dates: enter the start date.");
    gap(row, subject, "c0080", "missing", "Enter the end date (9999-12-31 for an arrangement without an end date).");
    const cif = criticality === "high" || criticality === "critical";
    if (cif) {
      gap(row, subject, "c0100", "missing", "Enter the financial entity's notice period in days (the system is high or critical).");
      gap(row, subject, "c0110", "missing", "Enter the provider's notice period in days.");
      gap(row, subject, "c0120", "missing", "Enter the country of the governing law of the contract.");
    }
    gap(row, subject, "c0140", "missing", "Sovra records where data is processed, not whether the provider stores it: enter Yes or No (and the storage country in c0150 if Yes).");
    const hosting = result?.hostingCountry;
    return {
      c0010: `SOVRA-${dep.key}`,
      c0050: `F${f.systemIndex.get(dep.system) ?? 0}`,
      c0060: SERVICE_TYPE_BY_ACCESS_PATH[dep.accessPath],
      c0130: hosting ? countryCode(hosting) : "",
      c0160: hosting ? countryCode(hosting) : "",
      c0170: highestSensitiveness([...(result ? [result.sensitivity] : []), ...(dep.dataSent ?? [])]),
      c0180: relianceOf(criticality, f.fallbacksOf(dep).length > 0),
    };
  });
  return table("b_02.02", records, gaps);
}

/** B_07.01: one row per dependency: substitutability, exit plan, reintegration, alternatives. */
export function buildB0701(source: ExportSource): DoraTable {
  const f = facts(source);
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_07.01", gaps);
  const records = f.dependencies.map((dep, i) => {
    const row = i + 1;
    const subject = `Dependency: ${f.describe(dep)}`;
    const criticality = (f.systems.get(dep.system)?.criticality ?? "medium") as Criticality;
    const provider = f.providerOf(dep);
    const fallbacks = f.fallbacksOf(dep);
    const substitutability = substitutabilityOf(f.factsOf(dep), dep.accessPath);
    const alternatives = [...new Set(fallbacks.map((fb) => f.providerOf(fb)).filter((k) => k && k !== provider))].map((k) => f.vendors.get(k)?.name ?? k);
    const exitPlan = dep.exitPlan?.documented === true || fallbacks.some((fb) => (fb.exitPlan ?? "").trim() !== "" || fb.exitPlanUrl !== undefined);
    gap(row, subject, "c0010", "review", CONTRACT_NOTE);
    gap(row, subject, "c0020", "missing", `${PROVIDER_ID_NOTE} Provider: ${f.vendors.get(provider)?.name ?? "unknown"}.`);
    gap(row, subject, "c0030", "missing", "The type of the provider's code (eba_qCO:qx2000 for an LEI).");
    gap(row, subject, "c0050", "review", "From the fallbacks: none = not substitutable; untested = highly complex; tested but slow or without measured quality parity = medium; tested, in time and at parity = easily substitutable; self-hosted open weights at least medium.");
    gap(row, subject, "c0070", "missing", "Sovra does not record audits of providers: enter the date of the last audit.");
    return {
      c0010: `SOVRA-${dep.key}`,
      c0040: SERVICE_TYPE_BY_ACCESS_PATH[dep.accessPath],
      c0050: substitutability,
      c0060: nonSubstitutabilityReasonOf(substitutability),
      c0080: yesNo(exitPlan),
      c0090: reintegrationOf(dep.accessPath, f.factsOf(dep)),
      c0100: IMPACT_BY_CRITICALITY[criticality],
      c0110: alternativesIdentified(alternatives),
      c0120: alternatives.join("; "),
    };
  });
  return table("b_07.01", records, gaps);
}

export const DORA_BUILDERS: Record<DoraTemplateId, (source: ExportSource) => DoraTable> = { "b_05.01": buildB0501, "b_02.02": buildB0202, "b_07.01": buildB0701 };

/** Every gap of the three templates, in template and row order. */
export const doraGaps = (source: ExportSource): ExportGap[] => Object.values(DORA_BUILDERS).flatMap((build) => build(source).gaps);
