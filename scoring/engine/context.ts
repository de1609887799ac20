import type { ResolvedOptions } from "../options";
import type { PolicyEvent } from "../schema/policy-event";
import type { AiSystem, DataFlow, Dependency, Fallback, InventoryDocument, Model, Office, Vendor } from "../schema/inventory";
import type { DataCategory, HostingRegion } from "../schema/primitives";
import { blocOf } from "./countries";
import { AXES, concentrationKeys, type Axis } from "./factors/concentration";
import { activePolicyEvents, landscapeEvents, type ActiveEvent } from "./landscape";
import { NO_USERS, type Route, type Users } from "./route";

/** A dependency with every reference followed and its weight computed. */
export interface PreparedDependency {
  /** Position in `Context.prepared` (what-if copies keep the index of the row they replace). */
  index: number;
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
  restrictions: readonly ActiveEvent[];
  sanctions: readonly ActiveEvent[];
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
  users: Users | UsersSource = NO_USERS,
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
  const source: UsersSource = "users" in users ? users : { users, userCountries: users.countries };
  return new ResolvedRoute(row.key, model, vendor, row.accessPath, cloud, hostingCountry, row.hostingRegion?.region, defaulted && row.accessPath !== "self-hosted", source, ctx.doc.organisation.hqCountry);
}

/** Who relies on a route: the countries at once, their shares (which need headcounts) when first asked. */
export interface UsersSource {
  readonly userCountries: readonly string[];
  readonly users: Users;
}

/**
 * A resolved route. `users` is read through the source, so that a route's shares are computed
 * only when a restriction reaches one of its countries (most routes are never asked), and a
 * dependency's fallbacks share its users.
 */
class ResolvedRoute implements Route {
  chain?: string[];
  readonly userCountries: readonly string[];
  constructor(
    readonly key: string,
    readonly model: Model,
    readonly vendor: Vendor,
    readonly accessPath: Route["accessPath"],
    readonly cloud: Vendor | undefined,
    readonly hostingCountry: string,
    readonly hostingRegion: string | undefined,
    readonly hostingDefaulted: boolean,
    private readonly source: UsersSource,
    readonly licenseeCountry: string,
  ) {
    this.userCountries = source.userCountries;
  }
  get users(): Users {
    return this.source.users;
  }
}

/** A dependency's users: its system's offices and the offices its data flows come from, weighed on first use. */
class DependencyUsers implements UsersSource {
  #users: Users | undefined;
  constructor(
    readonly userCountries: readonly string[],
    private readonly own: readonly Office[],
    private readonly flows: readonly DataFlow[],
    private readonly offices: ReadonlyMap<string, Office>,
    private readonly ownUsers: () => Users,
  ) {}
  get users(): Users {
    if (this.#users === undefined) {
      let extra: Office[] | undefined;
      for (const f of this.flows) {
        const off = this.offices.get(f.fromOffice);
        if (off === undefined || this.own.includes(off) || extra?.includes(off)) continue;
        (extra ??= []).push(off);
      }
      this.#users = extra === undefined ? this.ownUsers() : usersOfOffices(this.own, extra);
    }
    return this.#users;
  }
}

/** Splits the active events into restrictions (everything but sanctions) and sanctions. */
export function splitLandscape(active: readonly ActiveEvent[]): ActiveLandscape {
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
 * Who relies on a set of offices: each country's share of their headcount, or of the offices
 * themselves when a headcount is missing (the offices without one are listed, to be verified).
 *
 * @example
 * usersOfOffices([{ key: "fra", name: "Frankfurt", country: "DE", headcount: 900 }, { key: "ny", name: "New York", country: "US", headcount: 100 }]).shares //=> [0.9, 0.1]
 */
export function usersOfOffices(list: readonly Office[], extra?: readonly Office[]): Users {
  const n = list.length + (extra?.length ?? 0);
  if (n === 0) return NO_USERS;
  const at = (i: number) => (i < list.length ? list[i]! : extra![i - list.length]!);
  let people = 0;
  let unrecorded: string[] | undefined;
  for (let i = 0; i < n; i++) {
    const o = at(i);
    if (o.headcount === undefined) (unrecorded ??= []).push(o.name);
    else people += o.headcount;
  }
  const byPeople = unrecorded === undefined && people > 0;
  // A handful of countries per system: sorted parallel arrays beat a Map here (this runs per dependency).
  const countries: string[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = at(i);
    const w = byPeople ? o.headcount! : 1;
    let k = 0;
    while (k < countries.length && countries[k]! < o.country) k++;
    if (countries[k] === o.country) weights[k]! += w;
    else {
      countries.splice(k, 0, o.country);
      weights.splice(k, 0, w);
    }
  }
  const total = byPeople ? people : n;
  for (let k = 0; k < weights.length; k++) weights[k] = weights[k]! / total;
  return { countries, shares: weights, basis: byPeople ? "people" : "offices", people: byPeople ? people : 0, unrecorded: unrecorded ?? NO_NAMES };
}

const NO_NAMES: string[] = [];

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

  // Dependencies in key order; `slot` numbers the distinct keys, so that flows and fallbacks can
  // be grouped in flat typed arrays instead of one growing summary object per dependency.
  const sortedDeps = [...doc.dependencies].sort(byKey);
  // Equal keys are adjacent once sorted: slotAt[j] is the slot of sortedDeps[j].
  const slotOf = new Map<string, number>();
  const slotAt = new Int32Array(sortedDeps.length);
  let slotCount = 0;
  for (let j = 0; j < sortedDeps.length; j++) {
    const key = sortedDeps[j]!.key;
    if (j === 0 || key !== sortedDeps[j - 1]!.key) slotOf.set(key, slotCount++);
    slotAt[j] = slotCount - 1;
  }

  // Data flows, read in document order: first the slot of each flow, the number of (personal)
  // flows per slot and the most sensitive category per slot, then exact-size lists (flows keep
  // document order within a dependency, as before). Every summary is independent of row order.
  const w = opts.weights.sensitivity;
  const docFlows = doc.dataFlows ?? [];
  const flowSlot = new Int32Array(docFlows.length);
  const flowCount = new Int32Array(slotCount);
  const personalCount = new Int32Array(slotCount);
  const sensitivityOf: (DataCategory | undefined)[] = new Array<DataCategory | undefined>(slotCount).fill(undefined);
  for (let i = 0; i < docFlows.length; i++) {
    const f = docFlows[i]!;
    const slot = slotOf.get(f.dependency);
    if (slot === undefined) {
      flowSlot[i] = -1;
      continue;
    }
    flowSlot[i] = slot;
    flowCount[slot]!++;
    let personal = false;
    let best = sensitivityOf[slot];
    for (const cat of f.categories) {
      if (cat === "personal" || cat === "special-category") personal = true;
      if (best === undefined || moreSensitive(cat, best, w)) best = cat;
    }
    sensitivityOf[slot] = best;
    if (personal) personalCount[slot]!++;
  }
  const flowsOf: DataFlow[][] = new Array<DataFlow[]>(slotCount);
  const personalOf: (string | undefined)[][] = new Array<(string | undefined)[]>(slotCount);
  const filled = new Int32Array(slotCount);
  const personalFilled = new Int32Array(slotCount);
  for (let i = 0; i < docFlows.length; i++) {
    const slot = flowSlot[i]!;
    if (slot < 0) continue;
    const f = docFlows[i]!;
    const at = filled[slot]!;
    if (at === 0) flowsOf[slot] = new Array<DataFlow>(flowCount[slot]!);
    flowsOf[slot]![at] = f;
    filled[slot] = at + 1;
    if (personalCount[slot] === 0 || !(f.categories.includes("personal") || f.categories.includes("special-category"))) continue;
    const pat = personalFilled[slot]!;
    if (pat === 0) personalOf[slot] = new Array<string | undefined>(2 * personalCount[slot]!);
    const pairs = personalOf[slot]!;
    pairs[pat] = officeCountry.get(f.fromOffice);
    pairs[pat + 1] = f.transferMechanism;
    personalFilled[slot] = pat + 2;
  }
  const fallbacksOf: Fallback[][] = new Array<Fallback[]>(slotCount);
  for (const f of doc.fallbacks ?? []) {
    const slot = slotOf.get(f.dependency);
    if (slot === undefined) continue;
    const list = fallbacksOf[slot];
    if (list) list.push(f);
    else fallbacksOf[slot] = [f];
  }

  const ctxLite = { vendors, models, doc };
  /** The users of a system's offices (distinct offices, weighted by headcount where every one is recorded). */
  const systemOffices = (s: AiSystem): Office[] => {
    const out: Office[] = [];
    for (const o of s.offices) {
      const off = offices.get(o);
      if (off && !out.includes(off)) out.push(off);
    }
    return out;
  };
  // Criticality-weighted totals per concentration key, accumulated in boxes (one lookup per
  // dependency and axis instead of a get and a set) and copied into `axisWeight` at the end.
  const axisBoxes = AXES.map(() => new Map<string, { w: number }>());
  let totalWeight = 0;
  // Each system with the list its prepared dependencies go to and its countries (computed on
  // first use): one lookup per dependency.
  const slots = new Map<string, { system: AiSystem; deps: PreparedDependency[]; offices: Office[] | undefined; countries: string[] | undefined; users: Users | undefined; ownUsers: (() => Users) | undefined }>();
  for (const [key, system] of systems) slots.set(key, { system, deps: [], offices: undefined, countries: undefined, users: undefined, ownUsers: undefined });

  const prepared: PreparedDependency[] = [];
  for (let j = 0; j < sortedDeps.length; j++) {
    const dep = sortedDeps[j]!;
    const slot = slots.get(dep.system);
    const system = slot?.system;
    if (!slot || !system) {
      notes.push(`Dependency ${dep.key} skipped: unknown AI system "${dep.system}".`);
      continue;
    }
    const k = slotAt[j]!;
    const flows = flowsOf[k] ?? NO_FLOWS;
    const own = (slot.offices ??= systemOffices(system));
    // The system's countries plus those of the offices the flows come from (distinct, sorted):
    // the system's list is copied only when a flow adds a country. Shares are weighed on first use.
    const systemUsers = (slot.countries ??= [...new Set(own.map((o) => o.country))].sort());
    let countries = systemUsers;
    for (let i = 0; i < flows.length; i++) {
      const c = officeCountry.get(flows[i]!.fromOffice);
      if (c === undefined || systemUsers.includes(c)) continue;
      if (countries === systemUsers) countries = systemUsers.slice();
      else if (countries.includes(c)) continue;
      countries.push(c);
    }
    if (countries !== systemUsers) countries.sort();
    const ownUsers = (slot.ownUsers ??= () => (slot.users ??= usersOfOffices(own)));
    const users = new DependencyUsers(countries, own, flows, offices, ownUsers);
    const route = resolveRoute(ctxLite, dep, users);
    if (!route) {
      notes.push(`Dependency ${dep.key} skipped: its model, vendor or cloud is not in the inventory.`);
      continue;
    }
    let sensitivity: DataCategory = system.dataSensitivity !== undefined && moreSensitive(system.dataSensitivity, "public", w) ? system.dataSensitivity : "public";
    const fromFlows = sensitivityOf[k];
    if (fromFlows !== undefined && moreSensitive(fromFlows, sensitivity, w)) sensitivity = fromFlows;
    const weight = opts.weights.criticality[system.criticality] * w[sensitivity];
    const listed = fallbacksOf[k];
    const fallbacks = listed === undefined ? NO_FALLBACKS : listed.length > 1 ? listed.slice().sort(byKey) : listed;
    const p: PreparedDependency = {
      index: prepared.length,
      dep,
      system,
      route,
      flows,
      fallbacks,
      fallbackRoutes: fallbacks.length === 0 ? NO_ROUTES : fallbacks.map((f) => resolveRoute(ctxLite, f, users)),
      weight,
      sensitivity,
      concKeys: concentrationKeys(route),
      personal: personalOf[k] ?? NO_PERSONAL,
      personalOf: flows,
    };
    prepared.push(p);
    slot.deps.push(p);
    totalWeight += p.weight;
    for (let a = 0; a < AXES.length; a++) {
      const key = p.concKeys[AXES[a]!];
      if (key === undefined) continue;
      const box = axisBoxes[a]!.get(key);
      if (box) box.w += p.weight;
      else axisBoxes[a]!.set(key, { w: p.weight });
    }
  }
  const axisWeight = Object.fromEntries(AXES.map((a, i) => [a, new Map([...axisBoxes[i]!].map(([key, box]) => [key, box.w]))])) as Record<Axis, Map<string, number>>;
  const depsBySystem = new Map<string, PreparedDependency[]>();
  for (const [s, { deps }] of slots) {
    if (deps.length === 0) notes.push(`AI system ${s} has no dependencies recorded and is not scored.`);
    else depsBySystem.set(s, deps);
  }
  let preparedByKey: Map<string, PreparedDependency> | undefined;
  let axisIndex: Record<Axis, Map<string, PreparedDependency[]>> | undefined;
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
    // Built on first use (remediation), in `prepared` order.
    get axisIndex() {
      if (!axisIndex) {
        axisIndex = Object.fromEntries(AXES.map((a) => [a, new Map<string, PreparedDependency[]>()])) as Record<Axis, Map<string, PreparedDependency[]>>;
        for (const p of prepared) {
          for (const a of AXES) {
            const key = p.concKeys[a];
            if (key === undefined) continue;
            const list = axisIndex[a].get(key);
            if (list) list.push(p);
            else axisIndex[a].set(key, [p]);
          }
        }
      }
      return axisIndex;
    },
    totalWeight,
    notes,
  };
}
