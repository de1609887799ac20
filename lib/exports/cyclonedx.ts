import type { InventoryRowIds } from "@/lib/inventory/document-rows";
import type { ScoringResult } from "@/scoring/results";
import type { AiSystem, InventoryDocument, Model, Vendor } from "@/scoring/schema/inventory";
import { DATA_CATEGORIES, type AccessPath, type DataCategory, type HostingRegion } from "@/scoring/schema/primitives";
import { systemicRiskOf } from "./ai-act";

// The inventory as a CycloneDX ML-BOM (decision 044): models as machine-learning-model
// components, each dependency's access path as a service, the AI systems as applications that
// depend on those services, data flows as data components and as the services' data, and
// Sovra's sovereignty facts as `sovra:` properties. Pure: inputs in, BOM object out, so the
// mapping can be unit-tested, validated against the official schemas and benchmarked.

export const CYCLONEDX_SPEC_VERSIONS = ["1.6", "1.7"] as const;
export type CycloneDxSpecVersion = (typeof CYCLONEDX_SPEC_VERSIONS)[number];
export const CYCLONEDX_MEDIA_TYPE = "application/vnd.cyclonedx+json";

export interface CycloneDxInput {
  specVersion: CycloneDxSpecVersion;
  /** A fresh UUID per export: the spec asks every BOM for its own serial number, even with the same content. */
  serialNumber: string;
  /** When the BOM was made (ISO 8601). */
  timestamp: string;
  /** The tool that made it (Sovra and its package version). */
  tool: { name: string; version: string };
  organisationId: string;
  /** The inventory as the engine read it, and the engine's result on it. */
  document: InventoryDocument;
  result: ScoringResult;
  /** Row ids by document key: bom-refs derive from them, so a renamed row keeps its bom-ref. A row without one falls back to its key. */
  rowIds?: Partial<InventoryRowIds>;
  /** What the document does not carry, by document key. */
  dataFlowNames?: Readonly<Record<string, string>>;
  systemDescriptions?: Readonly<Record<string, string>>;
  /** Data flows the engine could not place (no origin office or dependency): not in the BOM, counted in its metadata. */
  skippedDataFlows?: number;
}

export interface CdxProperty {
  name: string;
  value: string;
}
export interface CdxOrganizationalEntity {
  name: string;
  address?: { country: string };
}
export interface CdxComponent {
  type: "application" | "machine-learning-model" | "data";
  "bom-ref": string;
  name: string;
  description?: string;
  supplier?: CdxOrganizationalEntity;
  manufacturer?: CdxOrganizationalEntity;
  group?: string;
  version?: string;
  licenses?: ({ license: { id: string } } | { license: { name: string } })[];
  externalReferences?: { type: "documentation"; url: string }[];
  modelCard?: {
    considerations?: { useCases?: string[] };
    properties?: CdxProperty[];
  };
  data?: { type: "dataset"; name: string; classification: string; sensitiveData?: string[] }[];
  properties?: CdxProperty[];
}
export interface CdxService {
  "bom-ref": string;
  name: string;
  description?: string;
  provider?: CdxOrganizationalEntity;
  "x-trust-boundary": boolean;
  data?: { flow: "inbound"; classification: string; name?: string }[];
  properties?: CdxProperty[];
}
export interface CycloneDxBom {
  bomFormat: "CycloneDX";
  specVersion: CycloneDxSpecVersion;
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    lifecycles: { phase: "operations" }[];
    tools: { components: { type: "application"; name: string; version: string }[] };
    component: CdxComponent;
    properties: CdxProperty[];
  };
  components: CdxComponent[];
  services: CdxService[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** Every property name this export writes: one namespace, documented in decision 044. */
export const SOVRA_PROPERTIES = {
  hqCountry: "sovra:hq-country",
  sector: "sovra:sector",
  regime: "sovra:regime",
  score: "sovra:score",
  rating: "sovra:rating",
  methodologyVersion: "sovra:methodology-version",
  scoredAsOf: "sovra:scored-as-of",
  restriction: "sovra:restriction",
  skippedDataFlows: "sovra:skipped-data-flows",
  vendor: "sovra:vendor",
  vendorType: "sovra:vendor:type",
  vendorHqCountry: "sovra:vendor:hq-country",
  vendorUltimateParent: "sovra:vendor:ultimate-parent",
  vendorUltimateParentCountry: "sovra:vendor:ultimate-parent-country",
  vendorDpfCertified: "sovra:vendor:dpf-certified",
  modelFamily: "sovra:model:family",
  weights: "sovra:model:weights",
  trainingCompute: "sovra:model:training-compute",
  systemicRisk: "sovra:model:systemic-risk",
  source: "sovra:source",
  sourceAsOf: "sovra:source-as-of",
  owner: "sovra:owner",
  criticality: "sovra:criticality",
  toleratedDowntimeHours: "sovra:tolerated-downtime-hours",
  office: "sovra:office",
  team: "sovra:team",
  dataSensitivity: "sovra:data-sensitivity",
  weakestDependency: "sovra:weakest-dependency",
  role: "sovra:role",
  system: "sovra:system",
  accessPath: "sovra:access-path",
  cloud: "sovra:cloud",
  cloudHqCountry: "sovra:cloud:hq-country",
  cloudUltimateParentCountry: "sovra:cloud:ultimate-parent-country",
  hostingCountry: "sovra:hosting-country",
  hostingRegion: "sovra:hosting-region",
  switchedOffShare: "sovra:switched-off:share",
  switchedOffRecovery: "sovra:switched-off:recovery",
  fallback: "sovra:fallback",
  fallbackBest: "sovra:fallback:best",
  fallbackLastDrill: "sovra:fallback:last-drill",
  fallbackFor: "sovra:fallback-for",
  lastDrill: "sovra:last-drill",
  switchTimeHours: "sovra:switch-time-hours",
  qualityParityMeasured: "sovra:quality-parity-measured",
  exitPlan: "sovra:exit-plan",
  exitPlanUrl: "sovra:exit-plan-url",
  exitPlanDocumented: "sovra:exit-plan:documented",
  exitPlanLastReviewed: "sovra:exit-plan:last-reviewed",
  notRecorded: "sovra:not-recorded",
  dataCategory: "sovra:data-category",
  dependency: "sovra:dependency",
  originOffice: "sovra:origin-office",
  originCountry: "sovra:origin-country",
  processingCountry: "sovra:processing-country",
  volume: "sovra:volume",
  transferMechanism: "sovra:transfer-mechanism",
  encrypted: "sovra:encrypted",
  // What the import (decision 047) needs to rebuild the inventory exactly and nobody else reads:
  // the rows that are not components (offices, vendors, policy events) as the inventory
  // document's rows in JSON, and the few facts of the others that the properties above leave out.
  inventoryOffice: "sovra:inventory:office",
  inventoryVendor: "sovra:inventory:vendor",
  inventoryPolicyEvent: "sovra:inventory:policy-event",
  catalogueKey: "sovra:catalogue-key",
  licence: "sovra:model:licence",
  hostingAssumed: "sovra:hosting-country:assumed",
  contractDataResidency: "sovra:contract:data-residency",
  contractExitTerms: "sovra:contract:exit-terms",
  dataSent: "sovra:data-sent",
  notes: "sovra:notes",
} as const;
const P = SOVRA_PROPERTIES;

/**
 * SPDX licence ids a model licence is written as when it is exactly one of them (case aside);
 * any other licence text goes out as a named licence. A unit test checks each against the SPDX
 * list the CycloneDX schemas bundle.
 */
export const SPDX_LICENCE_IDS = [
  "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0", "GPL-2.0-only", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-3.0-only", "AGPL-3.0-only",
  "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "CC-BY-ND-4.0", "Unlicense",
] as const;
const SPDX_BY_LOWER = new Map<string, string>(SPDX_LICENCE_IDS.map((id) => [id.toLowerCase(), id]));

/** A licence as CycloneDX writes it: an SPDX id when the text is one, else a named licence. */
export function licenceOf(licence: string): { license: { id: string } } | { license: { name: string } } {
  const id = SPDX_BY_LOWER.get(licence.trim().toLowerCase());
  return id ? { license: { id } } : { license: { name: licence } };
}

/** The bom-refs: kind and Sovra row id (the document key when the row has none), so re-exports diff. */
export const bomRef = {
  organisation: (id: string) => `organisation/${id}`,
  model: (id: string) => `model/${id}`,
  system: (id: string) => `ai-system/${id}`,
  dependency: (id: string) => `dependency/${id}`,
  fallback: (id: string) => `fallback/${id}`,
  dataFlow: (id: string) => `data-flow/${id}`,
};

const ACCESS_PATH_WORDS: Record<AccessPath, string> = {
  "direct-api": "direct API",
  "cloud-marketplace": "cloud marketplace",
  "third-party-hosted": "third-party hosted",
  "self-hosted": "self-hosted",
};

const rank = (c: DataCategory) => DATA_CATEGORIES.indexOf(c);
/** The most sensitive of some data categories (DATA_CATEGORIES runs from least to most). */
const mostSensitive = (cs: readonly DataCategory[]) => cs.reduce((a, b) => (rank(b) > rank(a) ? b : a));
const NOT_SENSITIVE: ReadonlySet<DataCategory> = new Set(["public", "internal"]);

type PropertyValue = string | number | boolean | undefined | null;

/** Collects properties, leaving out values nobody recorded (no empty or "undefined" values). */
class Properties {
  readonly list: CdxProperty[] = [];
  add(name: string, value: PropertyValue): this {
    if (value !== undefined && value !== null && value !== "") this.list.push({ name, value: typeof value === "string" ? value : String(value) });
    return this;
  }
  addEach(name: string, values: readonly string[] | undefined): this {
    for (const v of values ?? []) this.add(name, v);
    return this;
  }
}
const properties = () => new Properties();

/** A document row as a property value: compact JSON without its key (the BOM refers to these rows by name). */
const rowJson = ({ key: _key, ...row }: { key: string }) => JSON.stringify(row);
/** The licence text when the `licenses` entry does not hold it exactly (an SPDX id written in another case or with spaces). */
const licenceTextIfChanged = (licence: string | undefined) => {
  if (!licence) return undefined;
  const written = licenceOf(licence).license;
  return "id" in written && written.id !== licence ? licence : undefined;
};

const entity = (name: string, country: string | undefined): CdxOrganizationalEntity => (country ? { name, address: { country } } : { name });

interface Route {
  model: string;
  accessPath: AccessPath;
  cloud?: string | undefined;
  hostingRegion?: HostingRegion | undefined;
}

/** A map from each row's key to a value computed once (bom-refs, names), so 50,000 data flows share strings. */
function byKey<T extends { key: string }, V>(rows: readonly T[], value: (row: T) => V): Map<string, V> {
  const out = new Map<string, V>();
  for (const row of rows) out.set(row.key, value(row));
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * The BOM of an organisation's inventory and its live score.
 * @example buildCycloneDxBom({ specVersion: "1.6", serialNumber: randomUUID(), timestamp: new Date().toISOString(), tool: { name: "Sovra", version: "0.1.0" }, organisationId, document, result })
 */
export function buildCycloneDxBom(input: CycloneDxInput): CycloneDxBom {
  const { document: doc, result } = input;
  const ids = input.rowIds ?? {};
  const idOf = (list: keyof InventoryRowIds, key: string) => ids[list]?.[key] ?? key;
  const modelRefs = byKey(doc.models, (m) => bomRef.model(idOf("models", m.key)));
  const systemRefs = byKey(doc.aiSystems, (s) => bomRef.system(idOf("aiSystems", s.key)));
  const dependencyRefs = byKey(doc.dependencies, (d) => bomRef.dependency(idOf("dependencies", d.key)));
  const fallbackRefs = byKey(doc.fallbacks, (f) => bomRef.fallback(idOf("fallbacks", f.key)));
  const ref = {
    model: (key: string) => modelRefs.get(key) ?? bomRef.model(key),
    system: (key: string) => systemRefs.get(key) ?? bomRef.system(key),
    dependency: (key: string) => dependencyRefs.get(key) ?? bomRef.dependency(key),
    fallback: (key: string) => fallbackRefs.get(key) ?? bomRef.fallback(key),
    dataFlow: (key: string) => bomRef.dataFlow(idOf("dataFlows", key)),
  };
  const org = doc.organisation;
  const orgRef = bomRef.organisation(input.organisationId);
  const vendors = new Map(doc.vendors.map((v) => [v.key, v]));
  const models = new Map(doc.models.map((m) => [m.key, m]));
  const offices = new Map(doc.offices.map((o) => [o.key, o]));
  const systems = new Map(doc.aiSystems.map((s) => [s.key, s]));
  const dependencies = new Map(doc.dependencies.map((d) => [d.key, d]));
  const depResults = new Map(result.dependencies.map((d) => [d.key, d]));
  const systemResults = new Map(result.systems.map((s) => [s.key, s]));
  const active = new Map(result.landscape.active.map((e) => [e.key, e]));
  const methodology = result.methodologyVersion;
  const depsBySystem = groupBy(doc.dependencies, (d) => d.system);
  const fallbacksByDependency = groupBy(doc.fallbacks, (f) => f.dependency);
  const flowsByDependency = groupBy(doc.dataFlows, (f) => f.dependency);
  const systemsByModel = groupBy(doc.dependencies, (d) => d.model);
  const flowName = (key: string) => input.dataFlowNames?.[key] ?? key;

  const restrictionTexts = new Map<string, string>();
  const restrictionText = (key: string) => {
    let text = restrictionTexts.get(key);
    if (text === undefined) {
      const e = active.get(key);
      text = e ? `${key}: ${e.title}, in force since ${e.effectiveDate}${e.dateEstimated ? " (date estimated)" : ""}` : key;
      restrictionTexts.set(key, text);
    }
    return text;
  };
  const vendorName = (key: string | undefined) => (key ? (vendors.get(key)?.name ?? key) : undefined);
  /** Where a route runs when no region is recorded: the vendor's HQ for its API, the organisation's for self-hosting (as the engine reads it). */
  const hostingCountryOf = (r: Route) => r.hostingRegion?.country ?? (r.accessPath === "self-hosted" ? org.hqCountry : vendors.get(models.get(r.model)?.vendor ?? "")?.hqCountry);
  const orgEntity = entity(org.name, org.hqCountry);
  const vendorEntities = byKey(doc.vendors, (v) => entity(v.name, v.hqCountry));
  /** Who runs the endpoint: the organisation for self-hosting, the cloud for a marketplace or a host, else the model's vendor. */
  const providerOf = (r: Route): CdxOrganizationalEntity | undefined => {
    if (r.accessPath === "self-hosted") return orgEntity;
    return vendorEntities.get(r.cloud ?? models.get(r.model)?.vendor ?? "");
  };
  const routeName = (r: Route) => {
    const model = models.get(r.model)?.name ?? r.model;
    const region = r.hostingRegion ? ` (${[r.hostingRegion.region, r.hostingRegion.country].filter(Boolean).join(", ")})` : "";
    switch (r.accessPath) {
      case "direct-api":
        return `${model} via ${vendorName(models.get(r.model)?.vendor) ?? "its vendor"}'s API${region}`;
      case "cloud-marketplace":
        return `${model} via ${vendorName(r.cloud)} marketplace${region}`;
      case "third-party-hosted":
        return `${model} hosted by ${vendorName(r.cloud)}${region}`;
      case "self-hosted":
        return `${model} self-hosted${region}`;
    }
  };
  const addRoute = (p: Properties, r: Route) => {
    const cloud = r.cloud ? vendors.get(r.cloud) : undefined;
    return p
      .add(P.accessPath, r.accessPath)
      .add(P.cloud, cloud?.name ?? r.cloud)
      .add(P.cloudHqCountry, cloud?.hqCountry)
      .add(P.cloudUltimateParentCountry, cloud?.ultimateParent?.country)
      .add(P.hostingCountry, hostingCountryOf(r))
      .add(P.hostingAssumed, r.hostingRegion ? undefined : true)
      .add(P.hostingRegion, r.hostingRegion?.region);
  };

  // Models, in the document's order.
  const modelComponents: CdxComponent[] = doc.models.map((m: Model) => {
    const v: Vendor | undefined = vendors.get(m.vendor);
    // A reseller or an unclassified vendor supplies the model but need not have made it.
    const madeByVendor = v && v.type !== "reseller" && v.type !== "other";
    const usedBy = [...new Set((systemsByModel.get(m.key) ?? []).map((d) => d.system))].map((k) => systems.get(k)).filter((s): s is AiSystem => s !== undefined);
    const compute = m.trainingCompute && m.trainingCompute !== "unknown" ? m.trainingCompute : undefined;
    // A model card only with what Sovra knows: how this organisation uses the model, and its
    // training compute with the EU AI Act's systemic-risk presumption (Art. 51(2)) read from it.
    const modelCard: CdxComponent["modelCard"] = {
      ...(usedBy.length > 0 ? { considerations: { useCases: usedBy.map((s) => `${s.name} (${s.criticality} criticality)`) } } : {}),
      ...(compute ? { properties: properties().add(P.trainingCompute, compute).add(P.systemicRisk, systemicRiskOf(compute)).list } : {}),
    };
    return {
      type: "machine-learning-model",
      "bom-ref": ref.model(m.key),
      name: m.name,
      ...(v ? { supplier: vendorEntities.get(v.key)! } : {}),
      ...(madeByVendor ? { manufacturer: vendorEntities.get(v.key)! } : {}),
      ...(m.licence ? { licenses: [licenceOf(m.licence)] } : {}),
      ...(m.source && /^https?:\/\/\S+$/.test(m.source) ? { externalReferences: [{ type: "documentation" as const, url: m.source }] } : {}),
      ...(Object.keys(modelCard).length > 0 ? { modelCard } : {}),
      properties: properties()
        .add(P.vendor, v?.name ?? m.vendor)
        .add(P.vendorType, v?.type)
        .add(P.vendorHqCountry, v?.hqCountry)
        .add(P.vendorUltimateParent, v?.ultimateParent?.name)
        .add(P.vendorUltimateParentCountry, v?.ultimateParent?.country ?? v?.hqCountry)
        .add(P.vendorDpfCertified, v?.dpfCertified)
        .add(P.modelFamily, m.family)
        .add(P.weights, m.weights)
        .add(P.source, m.source)
        .add(P.sourceAsOf, m.asOf)
        .add(P.catalogueKey, m.catalogueKey)
        .add(P.licence, licenceTextIfChanged(m.licence)).list,
    };
  });

  const systemComponents: CdxComponent[] = doc.aiSystems.map((s) => {
    const r = systemResults.get(s.key);
    const description = input.systemDescriptions?.[s.key];
    const p = properties().add(P.role, "ai-system").add(P.owner, s.owner).add(P.criticality, s.criticality).add(P.toleratedDowntimeHours, s.toleratedDowntimeHours);
    for (const k of s.offices) {
      const o = offices.get(k);
      p.add(P.office, o ? `${o.name} (${o.country})` : k);
    }
    p.addEach(P.team, s.teams)
      .add(P.dataSensitivity, s.dataSensitivity)
      .add(P.score, r?.score)
      .add(P.rating, r?.rating)
      .add(P.methodologyVersion, r ? methodology : undefined)
      .add(P.weakestDependency, r?.weakestDependency ? ref.dependency(r.weakestDependency) : undefined);
    return { type: "application", "bom-ref": ref.system(s.key), name: s.name, ...(description ? { description } : {}), properties: p.list };
  });

  const processingCountries = byKey(doc.dependencies, (d) => depResults.get(d.key)?.hostingCountry ?? hostingCountryOf(d));
  const dataComponents: CdxComponent[] = doc.dataFlows.map((f) => {
    const office = offices.get(f.fromOffice);
    const sensitive = f.categories.filter((c) => !NOT_SENSITIVE.has(c));
    const name = flowName(f.key);
    return {
      type: "data",
      "bom-ref": ref.dataFlow(f.key),
      name,
      data: [{ type: "dataset", name, classification: mostSensitive(f.categories), ...(sensitive.length > 0 ? { sensitiveData: sensitive } : {}) }],
      properties: properties()
        .addEach(P.dataCategory, f.categories)
        .add(P.dependency, ref.dependency(f.dependency))
        .add(P.originOffice, office?.name ?? f.fromOffice)
        .add(P.originCountry, office?.country)
        .add(P.processingCountry, processingCountries.get(f.dependency))
        .add(P.volume, f.volume)
        .add(P.transferMechanism, f.transferMechanism)
        .add(P.encrypted, f.encrypted).list,
    };
  });

  const dependencyServices: CdxService[] = doc.dependencies.map((d) => {
    const r = depResults.get(d.key);
    const fallbacks = fallbacksByDependency.get(d.key) ?? [];
    const best = r?.bestFallback ? fallbacks.find((f) => f.key === r.bestFallback) : undefined;
    // The drill that counts: the engine's best fallback's, else the most recent of any.
    const drilled = best ?? [...fallbacks].sort((a, b) => (b.lastTested ?? "").localeCompare(a.lastTested ?? ""))[0];
    const data: NonNullable<CdxService["data"]> = [];
    const named = new Set<DataCategory>();
    for (const f of flowsByDependency.get(d.key) ?? []) {
      const name = flowName(f.key);
      for (const c of f.categories) {
        data.push({ flow: "inbound", classification: c, name });
        named.add(c);
      }
    }
    // Categories recorded on the dependency that no data flow carries: still sent, without a name.
    for (const c of d.dataSent ?? []) if (!named.has(c)) data.push({ flow: "inbound", classification: c });
    const provider = providerOf(d);
    const p = properties().add(P.role, "dependency").add(P.system, ref.system(d.system));
    addRoute(p, d);
    for (const k of r?.restrictedBy ?? []) p.add(P.restriction, restrictionText(k));
    p.add(P.switchedOffShare, r?.switchedOff?.share).add(P.switchedOffRecovery, r?.switchedOff?.recovery);
    for (const f of fallbacks) p.add(P.fallback, ref.fallback(f.key));
    p.add(P.fallbackBest, best ? ref.fallback(best.key) : undefined)
      .add(P.fallbackLastDrill, drilled ? (drilled.lastTested ?? "never") : undefined)
      .add(P.exitPlanDocumented, d.exitPlan?.documented)
      .add(P.exitPlanLastReviewed, d.exitPlan?.lastReviewed)
      .add(P.contractDataResidency, d.contract?.dataResidency)
      .add(P.contractExitTerms, d.contract?.exitTerms)
      .addEach(P.dataSent, d.dataSent)
      .add(P.notes, d.notes)
      .add(P.dataSensitivity, r?.sensitivity)
      .add(P.score, r?.score)
      .add(P.rating, r?.rating)
      .add(P.methodologyVersion, r ? methodology : undefined)
      .addEach(P.notRecorded, r?.notRecorded);
    return {
      "bom-ref": ref.dependency(d.key),
      name: routeName(d),
      description: `How ${systems.get(d.system)?.name ?? d.system} reaches ${models.get(d.model)?.name ?? d.model}: ${ACCESS_PATH_WORDS[d.accessPath]}.`,
      ...(provider ? { provider } : {}),
      // Data leaves the organisation's control unless it runs the model itself.
      "x-trust-boundary": d.accessPath !== "self-hosted",
      ...(data.length > 0 ? { data } : {}),
      properties: p.list,
    };
  });

  const fallbackServices: CdxService[] = doc.fallbacks.map((f) => {
    const dependency = dependencies.get(f.dependency);
    const provider = providerOf(f);
    const p = properties().add(P.role, "fallback").add(P.fallbackFor, ref.dependency(f.dependency));
    addRoute(p, f)
      .add(P.lastDrill, f.lastTested ?? "never")
      .add(P.switchTimeHours, f.switchTimeHours)
      .add(P.qualityParityMeasured, f.qualityParityMeasured)
      .add(P.exitPlan, f.exitPlan)
      .add(P.exitPlanUrl, f.exitPlanUrl);
    return {
      "bom-ref": ref.fallback(f.key),
      name: `Fallback: ${routeName(f)}`,
      description: `Fallback for ${dependency ? routeName(dependency) : f.dependency}.`,
      ...(provider ? { provider } : {}),
      "x-trust-boundary": f.accessPath !== "self-hosted",
      properties: p.list,
    };
  });

  const graph = [
    { ref: orgRef, dependsOn: doc.aiSystems.map((s) => ref.system(s.key)) },
    ...doc.aiSystems.map((s) => ({ ref: ref.system(s.key), dependsOn: [...new Set((depsBySystem.get(s.key) ?? []).map((d) => ref.dependency(d.key)))] })),
    ...doc.dependencies.map((d) => ({ ref: ref.dependency(d.key), dependsOn: [ref.model(d.model)] })),
    ...doc.fallbacks.map((f) => ({ ref: ref.fallback(f.key), dependsOn: [ref.model(f.model)] })),
    // The spec asks for components without dependencies as empty entries, so "none" is not read as "unknown".
    ...doc.models.map((m) => ({ ref: ref.model(m.key), dependsOn: [] })),
    ...dataComponents.map((c) => ({ ref: c["bom-ref"], dependsOn: [] })),
  ];

  const o = result.organisation;
  const orgProperties = properties().add(P.role, "organisation").add(P.hqCountry, org.hqCountry).add(P.sector, org.sector).addEach(P.regime, org.regimes);
  orgProperties.add(P.score, o.score).add(P.rating, o.rating).add(P.methodologyVersion, methodology).add(P.scoredAsOf, result.asOf);
  for (const r of o.activeRestrictions) orgProperties.add(P.restriction, restrictionText(r.key));
  for (const office of doc.offices) orgProperties.add(P.inventoryOffice, rowJson(office));
  for (const vendor of doc.vendors) orgProperties.add(P.inventoryVendor, rowJson(vendor));
  // A policy event's key is its name: it stays.
  for (const event of doc.policyEvents) orgProperties.add(P.inventoryPolicyEvent, JSON.stringify(event));
  return {
    bomFormat: "CycloneDX",
    specVersion: input.specVersion,
    serialNumber: `urn:uuid:${input.serialNumber}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      lifecycles: [{ phase: "operations" }],
      tools: { components: [{ type: "application", name: input.tool.name, version: input.tool.version }] },
      component: {
        type: "application",
        "bom-ref": orgRef,
        name: org.name,
        description: `The AI systems of ${org.name} and the models and endpoints they depend on, as inventoried in Sovra.`,
        supplier: orgEntity,
        properties: orgProperties.list,
      },
      properties: properties().add(P.methodologyVersion, methodology).add(P.scoredAsOf, result.asOf).add(P.skippedDataFlows, input.skippedDataFlows || undefined).list,
    },
    components: [...modelComponents, ...systemComponents, ...dataComponents],
    services: [...dependencyServices, ...fallbackServices],
    dependencies: graph,
  };
}

/**
 * The BOM as UTF-8 JSON with one line per component, service and dependency entry: compact, yet
 * a re-export diffs line by line (the order and the bom-refs are stable), and a 10,000-dependency
 * BOM is encoded in batches rather than as one pretty-printed string (issue 16's memory budget).
 */
export function serializeCycloneDxBom(bom: CycloneDxBom): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let batch = "";
  const write = (text: string) => {
    batch += text;
    if (batch.length >= 1 << 20) {
      chunks.push(encoder.encode(batch));
      batch = "";
    }
  };
  const entries = Object.entries(bom);
  entries.forEach(([key, value], i) => {
    write(i === 0 ? "{" : ",\n");
    write(`${JSON.stringify(key)}:`);
    if (Array.isArray(value) && value.length > 0) {
      write("[\n");
      value.forEach((item: unknown, j) => write(`${j === 0 ? "" : ",\n"}${JSON.stringify(item)}`));
      write("\n]");
    } else write(JSON.stringify(value));
  });
  write("}\n");
  chunks.push(encoder.encode(batch));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
