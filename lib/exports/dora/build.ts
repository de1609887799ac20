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
  supplyChainOf,
  yesNo,
  type FallbackFacts,
} from "./mapping";
import { DORA_TEMPLATES, type DoraPackageTemplateId, type DoraTemplateId, type Template } from "./templates";

// Frozen assessment -> rows of B_02.01, B_02.02, B_05.01, B_05.02 and B_07.01 (and the entity's
// own B_01.01), in the templates' column order, and the list of gaps: mandatory values Sovra does
// not hold (LEIs, contract dates, costs, audit dates) and values it filled by a rule the risk
// officer should confirm. Pure.

/** The entity maintaining the register, for B_01.01 and the LEI columns of the report package. */
export interface DoraEntity {
  /** As recorded (normalised); "" when the organisation has none. */
  lei: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** An `eba_CT:` code of ENTITY_TYPES, when chosen. */
  entityType?: string | undefined;
  competentAuthority?: string | undefined;
  /** B_01.01 c0060, YYYY-MM-DD. */
  reportingDate: string;
}

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
  /** The route's supply chain (B_05.02), by vendor key; rank 1 is who the organisation contracts with. */
  const chainOf = (r: { model: string; accessPath: AccessPath; cloud?: string | undefined }) => supplyChainOf(r.accessPath, models.get(r.model)?.vendor ?? "", r.cloud);
  /** Who the organisation contracts with for a route: the cloud for hosted routes, else the model's vendor. */
  const providerOf = (r: { model: string; accessPath: AccessPath; cloud?: string | undefined }) => chainOf(r)[0]!.provider;
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
  return { vendors, models, systems, dependencies, results, systemIndex, chainOf, providerOf, fallbacksOf, factsOf, describe };
}

/** Builds a template's rows from cell records, so the column order comes from the template alone. */
function table(id: DoraPackageTemplateId, records: Record<string, string>[], gaps: ExportGap[]): DoraTable {
  const template = DORA_TEMPLATES[id];
  return { template, rows: records.map((r) => template.columns.map((c) => r[c.code] ?? "")), gaps };
}

function gapHelper(file: DoraPackageTemplateId, gaps: ExportGap[]) {
  const label = (column: string) => DORA_TEMPLATES[file].columns.find((c) => c.code === column)?.label ?? column;
  return (row: number, subject: string, column: string, kind: ExportGap["kind"], note: string) => gaps.push({ file, row, column, label: label(column), subject, kind, note });
}

const CONTRACT_NOTE = "Sovra keeps no contract register: replace Sovra's reference with your contractual arrangement's reference number (it links B_02.02, B_07.01 and your other templates).";
const PROVIDER_ID_NOTE = "Sovra does not hold the provider's LEI or EUID: enter it (B_05.01 c0010) and its type of code here.";

/**
 * B_05.01: one row per provider in a dependency's supply chain, by name: the providers the
 * organisation contracts with and those they sub-contract (B_05.02 refers to both).
 */
export function buildB0501(source: ExportSource): DoraTable {
  const f = facts(source);
  const chains = f.dependencies.map((d) => f.chainOf(d));
  const direct = new Set(chains.map((c) => c[0]!.provider));
  const keys = [...new Set(chains.flat().map((link) => link.provider))].filter((k) => f.vendors.has(k));
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
    // The ITS asks the annual expense of direct providers only, not of their sub-contractors.
    if (direct.has(v.key)) gap(row, subject, "c0100", "missing", "Sovra does not hold costs: enter the total annual expense, and its currency in c0090.");
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

/** B_02.01: one row per contractual arrangement, which Sovra takes to be one per dependency. */
export function buildB0201(source: ExportSource): DoraTable {
  const f = facts(source);
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_02.01", gaps);
  const records = f.dependencies.map((dep, i) => {
    const row = i + 1;
    const subject = `Dependency: ${f.describe(dep)}`;
    gap(row, subject, "c0010", "review", CONTRACT_NOTE);
    gap(row, subject, "c0020", "review", "Sovra takes each AI dependency to be a standalone arrangement: if it falls under an enterprise or cloud agreement, report it as subsequent or associated (eba_CO:x3) with that agreement's reference in c0030.");
    gap(row, subject, "c0050", "missing", `Sovra does not hold costs: enter the annual expense or estimated cost for the past year (provider: ${f.vendors.get(f.providerOf(dep))?.name ?? "unknown"}), and its currency in c0040.`);
    return { c0010: `SOVRA-${dep.key}`, c0020: "eba_CO:x1" };
  });
  return table("b_02.01", records, gaps);
}

/**
 * B_02.02: one row per dependency (an AI system's use of a model through one access path). With
 * the entity (the report package), c0020 carries its LEI; without (the CSV alone) it is a gap.
 */
export function buildB0202(source: ExportSource, entity?: Pick<DoraEntity, "lei">): DoraTable {
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
    if (!entity?.lei) gap(row, subject, "c0020", "missing", "Enter your entity's LEI (record it under Settings → Organisation and the report package fills it).");
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
      c0020: entity?.lei ?? "",
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

/**
 * B_05.02: the supply chain of each dependency's ICT service, one row per link (supplyChainOf):
 * through a cloud, the cloud at rank 1 and the model's lab at rank 2, sub-contracted by that cloud;
 * a direct API or self-hosted weights, the vendor alone at rank 1. Providers are identified by
 * code only, which Sovra does not hold: gaps.
 */
export function buildB0502(source: ExportSource): DoraTable {
  const f = facts(source);
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_05.02", gaps);
  const records: Record<string, string>[] = [];
  for (const dep of f.dependencies) {
    for (const link of f.chainOf(dep)) {
      const row = records.length + 1;
      const subject = `Dependency: ${f.describe(dep)}`;
      const name = (key: string) => f.vendors.get(key)?.name ?? "unknown";
      gap(row, subject, "c0010", "review", CONTRACT_NOTE);
      gap(row, subject, "c0030", "missing", `${PROVIDER_ID_NOTE} Provider: ${name(link.provider)} (rank ${link.rank}).`);
      gap(row, subject, "c0040", "missing", "The type of the provider's code (eba_qCO:qx2000 for an LEI).");
      if (link.recipient !== undefined) {
        gap(row, subject, "c0060", "missing", `Enter the code of ${name(link.recipient)}, which sub-contracts this service to ${name(link.provider)} (as in its own row at rank ${link.rank - 1}).`);
        gap(row, subject, "c0070", "missing", "The type of the recipient's code.");
      }
      records.push({ c0010: `SOVRA-${dep.key}`, c0020: SERVICE_TYPE_BY_ACCESS_PATH[dep.accessPath], c0050: String(link.rank) });
    }
  }
  return table("b_05.02", records, gaps);
}

/** B_01.01: the entity maintaining the register, one row; its type and competent authority when given, else gaps. */
export function buildB0101(entity: DoraEntity): DoraTable {
  const gaps: ExportGap[] = [];
  const gap = gapHelper("b_01.01", gaps);
  const subject = `Entity: ${entity.name}`;
  if (!entity.lei) gap(1, subject, "c0010", "missing", "Record the organisation's LEI under Settings → Organisation.");
  if (!entity.entityType) gap(1, subject, "c0040", "missing", "Choose the type of entity in the package's form (e.g. eba_CT:x12 for a credit institution).");
  if (!entity.competentAuthority) gap(1, subject, "c0050", "missing", "Enter your competent authority in the package's form.");
  const record = {
    c0010: entity.lei,
    c0020: entity.name,
    c0030: countryCode(entity.country),
    c0040: entity.entityType ?? "",
    c0050: entity.competentAuthority ?? "",
    c0060: entity.reportingDate,
  };
  return table("b_01.01", [record], gaps);
}

/** The builders of the templates made from the assessment alone (each also a CSV of its own), in the EBA's order. */
export const DORA_BUILDERS: Record<DoraTemplateId, (source: ExportSource) => DoraTable> = {
  "b_02.01": buildB0201,
  "b_02.02": (source) => buildB0202(source),
  "b_05.01": buildB0501,
  "b_05.02": buildB0502,
  "b_07.01": buildB0701,
};

/** Every gap of those templates, in template and row order. */
export const doraGaps = (source: ExportSource): ExportGap[] => Object.values(DORA_BUILDERS).flatMap((build) => build(source).gaps);
