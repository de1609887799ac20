import type { ResolvedOptions } from "../options";
import type { ImposeEvent, PolicyEvent } from "../schema/policy-event";
import type { AiSystem, DataFlow, Dependency, Fallback, InventoryDocument, Model, Office, Vendor } from "../schema/inventory";
import type { DataCategory, HostingRegion } from "../schema/primitives";
import { blocOf } from "./countries";
import { AXES, concentrationKeys, type Axis } from "./factors/concentration";
import { activePolicyEvents, landscapeEvents } from "./landscape";
import type { Route } from "./route";

/** A dependency with every reference followed and its weight computed. */
export interface PreparedDependency {
  dep: Dependency;
  system: AiSystem;
  route: Route;
  flows: readonly DataFlow[];
  fallbacks: readonly Fallback[];
  /** The fallbacks' routes, resolved once (aligned with `fallbacks`; absent for what-if copies). */
  fallbackRoutes?: readonly (Route | undefined)[];
  /** criticality weight x sensitivity weight */
  weight: number;
  sensitivity: DataCategory;
  concKeys: Record<Axis, string | undefined>;
}

/** The active landscape, split by how factors use it. */
export interface ActiveLandscape {
  restrictions: readonly ImposeEvent[];
  sanctions: readonly ImposeEvent[];
}

/** Everything scoring needs, indexed once (Maps, no nested scans). */
export interface Context {
  doc: InventoryDocument;
  opts: ResolvedOptions;
  asOf: string;
  homeBloc: string;
  vendors: Map<string, Vendor>;
  models: Map<string, Model>;
  offices: Map<string, Office>;
  systems: Map<string, AiSystem>;
  events: readonly PolicyEvent[];
  active: ActiveLandscape;
  /** Sorted by key. */
  prepared: PreparedDependency[];
  preparedByKey: Map<string, PreparedDependency>;
  /** Systems (sorted by key) with their prepared dependencies (sorted by key). */
  depsBySystem: Map<string, PreparedDependency[]>;
  axisWeight: Record<Axis, Map<string, number>>;
  axisIndex: Record<Axis, Map<string, PreparedDependency[]>>;
  totalWeight: number;
  notes: string[];
  /** Hypothetical models/vendors added by remediation what-ifs (not part of the document). */
  extraModels?: ReadonlyMap<string, Model>;
  extraVendors?: ReadonlyMap<string, Vendor>;
}

const NO_FLOWS: DataFlow[] = [];
const NO_FALLBACKS: Fallback[] = [];
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const SENSITIVITY_ORDER: readonly DataCategory[] = ["public", "internal", "personal", "trade-secret", "regulated", "special-category"];

/** The most sensitive category by weight (ties: the later one in the documented order). */
export function mostSensitive(categories: Iterable<DataCategory>, weights: Record<DataCategory, number>): DataCategory {
  let best: DataCategory = "public";
  for (const c of categories) {
    if (weights[c] > weights[best] || (weights[c] === weights[best] && SENSITIVITY_ORDER.indexOf(c) > SENSITIVITY_ORDER.indexOf(best))) best = c;
  }
  return best;
}

/**
 * Resolves a dependency or fallback row into a route, or undefined when a reference is missing.
 * Default hosting: direct API -> the vendor's HQ country; self-hosted -> the organisation's HQ.
 */
export function resolveRoute(
  ctx: Pick<Context, "vendors" | "models" | "doc">,
  row: { key: string; model: string; accessPath: Route["accessPath"]; cloud?: string | undefined; hostingRegion?: HostingRegion | undefined },
  userCountries: readonly string[],
  extraModels?: ReadonlyMap<string, Model>,
  extraVendors?: ReadonlyMap<string, Vendor>,
): Route | undefined {
  const model = extraModels?.get(row.model) ?? ctx.models.get(row.model);
  if (!model) return undefined;
  const vendor = extraVendors?.get(model.vendor) ?? ctx.vendors.get(model.vendor);
  if (!vendor) return undefined;
  const cloud = row.cloud === undefined ? undefined : (extraVendors?.get(row.cloud) ?? ctx.vendors.get(row.cloud));
  if (row.cloud !== undefined && !cloud) return undefined;
  const defaulted = row.hostingRegion === undefined;
  const hostingCountry =
    row.hostingRegion?.country ??
    (row.accessPath === "self-hosted" ? ctx.doc.organisation.hqCountry : row.accessPath === "direct-api" ? vendor.hqCountry : (cloud ?? vendor).hqCountry);
  return {
    key: row.key,
    model,
    vendor,
    accessPath: row.accessPath,
    cloud,
    hostingCountry,
    hostingRegion: row.hostingRegion?.region,
    hostingDefaulted: defaulted && row.accessPath !== "self-hosted",
    userCountries,
  };
}

/** Splits the active events into restrictions (everything but sanctions) and sanctions. */
export function splitLandscape(active: readonly ImposeEvent[]): ActiveLandscape {
  return { restrictions: active.filter((e) => e.type !== "sanction"), sanctions: active.filter((e) => e.type === "sanction") };
}

/** Weight of a dependency: criticality x most sensitive data category it carries. */
export function dependencyWeight(system: AiSystem, flows: readonly DataFlow[], opts: ResolvedOptions): { weight: number; sensitivity: DataCategory } {
  const w = opts.weights.sensitivity;
  let sensitivity: DataCategory = system.dataSensitivity ? mostSensitive([system.dataSensitivity], w) : "public";
  for (const f of flows) {
    for (const c of f.categories) {
      if (w[c] > w[sensitivity] || (w[c] === w[sensitivity] && SENSITIVITY_ORDER.indexOf(c) > SENSITIVITY_ORDER.indexOf(sensitivity))) sensitivity = c;
    }
  }
  return { weight: opts.weights.criticality[system.criticality] * opts.weights.sensitivity[sensitivity], sensitivity };
}

/**
 * Builds the indexes for one scoring run. Rows are sorted by key so the result does not
 * depend on the order of rows in the document. Rows with dangling references are skipped
 * and noted (validate with `parseInventoryDocument` first to reject them instead).
 */
export function buildContext(doc: InventoryDocument, opts: ResolvedOptions): Context {
  const notes: string[] = [];
  const vendors = new Map(doc.vendors.map((v) => [v.key, v]));
  const models = new Map(doc.models.map((m) => [m.key, m]));
  const offices = new Map(doc.offices.map((o) => [o.key, o]));
  const systems = new Map([...doc.aiSystems].sort(byKey).map((s) => [s.key, s]));
  const events = landscapeEvents(doc.policyEvents ?? [], opts.landscape);
  const active = splitLandscape(activePolicyEvents(events, opts.asOf));

  const flowsByDep = new Map<string, DataFlow[]>();
  for (const f of doc.dataFlows ?? []) {
    const list = flowsByDep.get(f.dependency);
    if (list) list.push(f);
    else flowsByDep.set(f.dependency, [f]);
  }
  const fallbacksByDep = new Map<string, Fallback[]>();
  for (const f of doc.fallbacks ?? []) {
    const list = fallbacksByDep.get(f.dependency);
    if (list) list.push(f);
    else fallbacksByDep.set(f.dependency, [f]);
  }
  const ctxLite = { vendors, models, doc };
  const officeCountries = new Map<string, string[]>();
  const systemCountries = (s: AiSystem) => {
    let c = officeCountries.get(s.key);
    if (!c) {
      const set = new Set<string>();
      for (const o of s.offices) {
        const off = offices.get(o);
        if (off) set.add(off.country);
      }
      c = [...set].sort();
      officeCountries.set(s.key, c);
    }
    return c;
  };

  const prepared: PreparedDependency[] = [];
  for (const dep of [...doc.dependencies].sort(byKey)) {
    const system = systems.get(dep.system);
    if (!system) {
      notes.push(`Dependency ${dep.key} skipped: unknown AI system "${dep.system}".`);
      continue;
    }
    const flows = flowsByDep.get(dep.key) ?? NO_FLOWS;
    let users = systemCountries(system);
    let extra: Set<string> | undefined;
    for (const f of flows) {
      const c = offices.get(f.fromOffice)?.country;
      if (c !== undefined && !users.includes(c)) (extra ??= new Set(users)).add(c);
    }
    if (extra) users = [...extra].sort();
    const route = resolveRoute(ctxLite, dep, users);
    if (!route) {
      notes.push(`Dependency ${dep.key} skipped: its model, vendor or cloud is not in the inventory.`);
      continue;
    }
    const { weight, sensitivity } = dependencyWeight(system, flows, opts);
    const listed = fallbacksByDep.get(dep.key);
    const fallbacks = listed === undefined ? NO_FALLBACKS : listed.length > 1 ? listed.slice().sort(byKey) : listed;
    prepared.push({
      dep,
      system,
      route,
      flows,
      fallbacks,
      fallbackRoutes: fallbacks.map((f) => resolveRoute(ctxLite, f, users)),
      weight,
      sensitivity,
      concKeys: concentrationKeys(route),
    });
  }

  const axisWeight = Object.fromEntries(AXES.map((a) => [a, new Map<string, number>()])) as Record<Axis, Map<string, number>>;
  const axisIndex = Object.fromEntries(AXES.map((a) => [a, new Map<string, PreparedDependency[]>()])) as Record<Axis, Map<string, PreparedDependency[]>>;
  let totalWeight = 0;
  const depsBySystem = new Map<string, PreparedDependency[]>();
  for (const s of systems.keys()) depsBySystem.set(s, []);
  for (const p of prepared) {
    totalWeight += p.weight;
    depsBySystem.get(p.system.key)!.push(p);
    for (const a of AXES) {
      const k = p.concKeys[a];
      if (k === undefined) continue;
      axisWeight[a].set(k, (axisWeight[a].get(k) ?? 0) + p.weight);
      const list = axisIndex[a].get(k);
      if (list) list.push(p);
      else axisIndex[a].set(k, [p]);
    }
  }
  for (const [s, list] of depsBySystem) {
    if (list.length === 0) {
      notes.push(`AI system ${s} has no dependencies recorded and is not scored.`);
      depsBySystem.delete(s);
    }
  }
  return {
    doc,
    opts,
    asOf: opts.asOf,
    homeBloc: blocOf(doc.organisation.hqCountry),
    vendors,
    models,
    offices,
    systems,
    events,
    active,
    prepared,
    preparedByKey: new Map(prepared.map((p) => [p.dep.key, p])),
    depsBySystem,
    axisWeight,
    axisIndex,
    totalWeight,
    notes,
  };
}
