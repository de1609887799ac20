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
  /**
   * The personal-data flows of `flows`, summarised once as [origin country, transfer mechanism]
   * pairs (origin undefined: unknown office). Valid only while `personalOf === flows`.
   */
  personal?: readonly (string | undefined)[];
  personalOf?: readonly DataFlow[];
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
const NO_ROUTES: (Route | undefined)[] = [];
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const SENSITIVITY_ORDER: readonly DataCategory[] = ["public", "internal", "personal", "trade-secret", "regulated", "special-category"];
const SENSITIVITY_RANK: Record<DataCategory, number> = Object.fromEntries(SENSITIVITY_ORDER.map((c, i) => [c, i])) as Record<DataCategory, number>;

/** True when `a` is more sensitive than `b`: a larger weight, or on equal weights the later one in the documented order. */
function moreSensitive(a: DataCategory, b: DataCategory, weights: Record<DataCategory, number>): boolean {
  return weights[a] > weights[b] || (weights[a] === weights[b] && SENSITIVITY_RANK[a] > SENSITIVITY_RANK[b]);
}

/** What a dependency needs from its data flows (see buildContext). */
interface FlowSummary {
  flows: DataFlow[];
  /** Distinct countries of the flows' offices. */
  countries: string[];
  sensitivity: DataCategory | undefined;
  personal: (string | undefined)[];
  fallbacks: Fallback[] | undefined;
}
const NO_COUNTRIES: string[] = [];
const NO_PERSONAL: (string | undefined)[] = [];

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
  const officeCountry = new Map<string, string>();
  for (const o of offices.values()) officeCountry.set(o.key, o.country);
  const systems = new Map([...doc.aiSystems].sort(byKey).map((s) => [s.key, s]));
  const events = landscapeEvents(doc.policyEvents ?? [], opts.landscape);
  const active = splitLandscape(activePolicyEvents(events, opts.asOf));

  // One pass over the data flows (in document order) collects what each dependency needs from
  // them: the flows, their office countries, the most sensitive category and the personal-data
  // flows. Every summary is independent of the order of flows.
  const w = opts.weights.sensitivity;
  const flowsByDep = new Map<string, FlowSummary>(); // and fallbacks
  for (const f of doc.dataFlows ?? []) {
    let acc = flowsByDep.get(f.dependency);
    if (!acc) flowsByDep.set(f.dependency, (acc = { flows: [f], countries: [], sensitivity: undefined, personal: NO_PERSONAL, fallbacks: undefined }));
    else if (acc.flows === NO_FLOWS) acc.flows = [f];
    else acc.flows.push(f);
    const c = officeCountry.get(f.fromOffice);
    if (c !== undefined && !acc.countries.includes(c)) {
      if (acc.countries === NO_COUNTRIES) acc.countries = [];
      acc.countries.push(c);
    }
    let personal = false;
    for (const cat of f.categories) {
      if (cat === "personal" || cat === "special-category") personal = true;
      if (acc.sensitivity === undefined || moreSensitive(cat, acc.sensitivity, w)) acc.sensitivity = cat;
    }
    if (personal) {
      if (acc.personal === NO_PERSONAL) acc.personal = [];
      acc.personal.push(c, f.transferMechanism);
    }
  }
  for (const f of doc.fallbacks ?? []) {
    const acc = flowsByDep.get(f.dependency);
    if (!acc) flowsByDep.set(f.dependency, { flows: NO_FLOWS, countries: NO_COUNTRIES, sensitivity: undefined, personal: NO_PERSONAL, fallbacks: [f] });
    else if (acc.fallbacks) acc.fallbacks.push(f);
    else acc.fallbacks = [f];
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

  const axisWeight = Object.fromEntries(AXES.map((a) => [a, new Map<string, number>()])) as Record<Axis, Map<string, number>>;
  const axisIndex = Object.fromEntries(AXES.map((a) => [a, new Map<string, PreparedDependency[]>()])) as Record<Axis, Map<string, PreparedDependency[]>>;
  let totalWeight = 0;
  // Each system with the list its prepared dependencies go to (one lookup per dependency).
  const slots = new Map<string, { system: AiSystem; deps: PreparedDependency[] }>();
  for (const [key, system] of systems) slots.set(key, { system, deps: [] });

  const prepared: PreparedDependency[] = [];
  for (const dep of [...doc.dependencies].sort(byKey)) {
    const slot = slots.get(dep.system);
    const system = slot?.system;
    if (!slot || !system) {
      notes.push(`Dependency ${dep.key} skipped: unknown AI system "${dep.system}".`);
      continue;
    }
    const summary = flowsByDep.get(dep.key);
    const flows = summary?.flows ?? NO_FLOWS;
    const systemUsers = systemCountries(system);
    let users = systemUsers;
    if (summary) {
      // summary.countries are distinct: copy the system's list only when a flow adds a country.
      for (const c of summary.countries) {
        if (systemUsers.includes(c)) continue;
        if (users === systemUsers) users = systemUsers.slice();
        users.push(c);
      }
      if (users !== systemUsers) users.sort();
    }
    const route = resolveRoute(ctxLite, dep, users);
    if (!route) {
      notes.push(`Dependency ${dep.key} skipped: its model, vendor or cloud is not in the inventory.`);
      continue;
    }
    let sensitivity: DataCategory = system.dataSensitivity !== undefined && moreSensitive(system.dataSensitivity, "public", w) ? system.dataSensitivity : "public";
    if (summary?.sensitivity !== undefined && moreSensitive(summary.sensitivity, sensitivity, w)) sensitivity = summary.sensitivity;
    const weight = opts.weights.criticality[system.criticality] * w[sensitivity];
    const listed = summary?.fallbacks;
    const fallbacks = listed === undefined ? NO_FALLBACKS : listed.length > 1 ? listed.slice().sort(byKey) : listed;
    const p: PreparedDependency = {
      dep,
      system,
      route,
      flows,
      fallbacks,
      fallbackRoutes: fallbacks.length === 0 ? NO_ROUTES : fallbacks.map((f) => resolveRoute(ctxLite, f, users)),
      weight,
      sensitivity,
      concKeys: concentrationKeys(route),
      personal: summary?.personal ?? NO_PERSONAL,
      personalOf: flows,
    };
    prepared.push(p);
    slot.deps.push(p);
    totalWeight += p.weight;
    for (const a of AXES) {
      const k = p.concKeys[a];
      if (k === undefined) continue;
      axisWeight[a].set(k, (axisWeight[a].get(k) ?? 0) + p.weight);
      const list = axisIndex[a].get(k);
      if (list) list.push(p);
      else axisIndex[a].set(k, [p]);
    }
  }
  const depsBySystem = new Map<string, PreparedDependency[]>();
  for (const [s, { deps }] of slots) {
    if (deps.length === 0) notes.push(`AI system ${s} has no dependencies recorded and is not scored.`);
    else depsBySystem.set(s, deps);
  }
  let preparedByKey: Map<string, PreparedDependency> | undefined;
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
    // Built on first use (scenarios, remediation): scoring itself does not need it.
    get preparedByKey() {
      return (preparedByKey ??= new Map(prepared.map((p) => [p.dep.key, p])));
    },
    depsBySystem,
    axisWeight,
    axisIndex,
    totalWeight,
    notes,
  };
}
