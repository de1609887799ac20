// The world map's data: where the organisation's people are and where their data goes, per
// country, from the inventory document (and the engine's result, for each country's exposure).
// Pure: no database, no I/O (unit-tested in world-map.unit.test.ts). The component draws it
// (components/scores/world-map.tsx); the Scores dashboard and the board report both pass it in.
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { DATA_CATEGORIES, type DataCategory } from "@/scoring/schema/primitives";
import type { ScoringResult } from "@/scoring/results";
import type { Rating } from "@/scoring/ratings";
import { resolveRoute } from "@/scoring/engine/context";
import { countryName } from "@/lib/countries";

/** How sensitive the data on a route is, for its line style: special-category above personal above the rest. */
export type FlowSensitivity = "special-category" | "personal" | "other";

export interface WorldMapCountry {
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
  offices: number;
  /** Sum of the offices' headcounts; offices without one count as 0 (see `officesWithoutHeadcount`). */
  headcount: number;
  officesWithoutHeadcount: number;
  /** AI systems used by at least one office in this country. */
  systems: number;
  /** Data flows leaving offices in this country (to any processing country, this one included). */
  flowsOut: number;
  /** Data flows processed here: the carrying dependency's model runs in this country. */
  flowsIn: number;
  /** Data categories sent from offices here, in the schema's order. */
  categoriesOut: DataCategory[];
  /** Data categories processed here. */
  categoriesIn: DataCategory[];
  /** The least sovereign AI system used here (a country is as exposed as its weakest system); needs a score. */
  weakestSystem?: { key: string; name: string; score: number; rating: Rating };
}

/** Data flows from offices in one country to models running in another (or the same) country. */
export interface WorldMapRoute {
  from: string;
  to: string;
  flows: number;
  categories: DataCategory[];
  sensitivity: FlowSensitivity;
}

export interface WorldMapData {
  /** Countries with offices first (most people first), then processing-only countries (most flows first). */
  countries: WorldMapCountry[];
  /** Routes between countries, most flows first; `from === to` for data processed where it originates. */
  routes: WorldMapRoute[];
  totals: { offices: number; headcount: number; flows: number; crossBorderFlows: number; officeCountries: number; processingCountries: number };
}

const CATEGORY_ORDER = new Map(DATA_CATEGORIES.map((c, i) => [c, i]));
const sortCategories = (set: Set<DataCategory>) => [...set].sort((a, b) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!);

/**
 * The most sensitive class among a route's categories.
 *
 * @example
 * sensitivityOf(["internal", "personal"]) //=> "personal"
 */
export function sensitivityOf(categories: readonly DataCategory[]): FlowSensitivity {
  if (categories.includes("special-category")) return "special-category";
  return categories.includes("personal") ? "personal" : "other";
}

interface CountryAcc {
  offices: number;
  headcount: number;
  withoutHeadcount: number;
  systems: Set<string>;
  flowsOut: number;
  flowsIn: number;
  out: Set<DataCategory>;
  in: Set<DataCategory>;
}

/**
 * Per-country offices, people, AI systems and data flows, and the flows aggregated as
 * origin country -> processing country. The processing country is where the carrying
 * dependency's model runs: its hosting region's country, else the engine's documented default
 * (the vendor's HQ for a direct API, the cloud's HQ on a cloud, the organisation's HQ when
 * self-hosted). Flows with a dangling office or dependency are left out (a parsed document has none).
 * With a scoring result, each country also names its weakest AI system.
 */
export function buildWorldMap(document: InventoryDocument, result?: ScoringResult): WorldMapData {
  const accs = new Map<string, CountryAcc>();
  const acc = (country: string) => {
    let a = accs.get(country);
    if (!a) {
      a = { offices: 0, headcount: 0, withoutHeadcount: 0, systems: new Set(), flowsOut: 0, flowsIn: 0, out: new Set(), in: new Set() };
      accs.set(country, a);
    }
    return a;
  };

  const officeCountry = new Map<string, string>();
  for (const o of document.offices) {
    officeCountry.set(o.key, o.country);
    const a = acc(o.country);
    a.offices += 1;
    if (o.headcount === undefined) a.withoutHeadcount += 1;
    else a.headcount += o.headcount;
  }
  const systemCountries = new Map<string, Set<string>>();
  for (const s of document.aiSystems) {
    const countries = new Set<string>();
    for (const office of s.offices) {
      const c = officeCountry.get(office);
      if (c === undefined) continue;
      countries.add(c);
      acc(c).systems.add(s.key);
    }
    systemCountries.set(s.key, countries);
  }

  // The engine's own route resolution, so the map and the scores agree on where a model runs.
  const lookup = { vendors: new Map(document.vendors.map((v) => [v.key, v])), models: new Map(document.models.map((m) => [m.key, m])), doc: document };
  const processing = new Map<string, string | undefined>();
  for (const d of document.dependencies) processing.set(d.key, resolveRoute(lookup, d)?.hostingCountry);

  const routes = new Map<string, { from: string; to: string; flows: number; categories: Set<DataCategory> }>();
  let flows = 0;
  let crossBorder = 0;
  for (const f of document.dataFlows) {
    const from = officeCountry.get(f.fromOffice);
    const to = processing.get(f.dependency);
    if (from === undefined || to === undefined) continue;
    flows += 1;
    if (from !== to) crossBorder += 1;
    const origin = acc(from);
    origin.flowsOut += 1;
    const target = acc(to);
    target.flowsIn += 1;
    const id = `${from}>${to}`;
    let r = routes.get(id);
    if (!r) {
      r = { from, to, flows: 0, categories: new Set() };
      routes.set(id, r);
    }
    r.flows += 1;
    for (const c of f.categories) {
      origin.out.add(c);
      target.in.add(c);
      r.categories.add(c);
    }
  }

  // Weakest system per country: systems come scored; a country takes its lowest-scoring one.
  const weakest = new Map<string, WorldMapCountry["weakestSystem"]>();
  for (const s of result?.systems ?? []) {
    for (const c of systemCountries.get(s.key) ?? []) {
      const seen = weakest.get(c);
      if (!seen || s.score < seen.score || (s.score === seen.score && s.name < seen.name)) weakest.set(c, { key: s.key, name: s.name, score: s.score, rating: s.rating });
    }
  }

  const countries: WorldMapCountry[] = [...accs].map(([country, a]) => {
    const row: WorldMapCountry = {
      country,
      name: countryName(country),
      offices: a.offices,
      headcount: a.headcount,
      officesWithoutHeadcount: a.withoutHeadcount,
      systems: a.systems.size,
      flowsOut: a.flowsOut,
      flowsIn: a.flowsIn,
      categoriesOut: sortCategories(a.out),
      categoriesIn: sortCategories(a.in),
    };
    const w = weakest.get(country);
    if (w) row.weakestSystem = w;
    return row;
  });
  countries.sort(
    (a, b) =>
      Number(b.offices > 0) - Number(a.offices > 0) || b.headcount - a.headcount || b.offices - a.offices || b.flowsIn - a.flowsIn || a.name.localeCompare(b.name),
  );

  const routeList: WorldMapRoute[] = [...routes.values()]
    .map((r) => {
      const categories = sortCategories(r.categories);
      return { from: r.from, to: r.to, flows: r.flows, categories, sensitivity: sensitivityOf(categories) };
    })
    .sort((a, b) => b.flows - a.flows || (a.from + a.to < b.from + b.to ? -1 : 1));

  return {
    countries,
    routes: routeList,
    totals: {
      offices: document.offices.length,
      headcount: countries.reduce((s, c) => s + c.headcount, 0),
      flows,
      crossBorderFlows: crossBorder,
      officeCountries: countries.filter((c) => c.offices > 0).length,
      processingCountries: countries.filter((c) => c.flowsIn > 0).length,
    },
  };
}
