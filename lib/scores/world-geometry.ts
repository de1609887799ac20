import "server-only";
// The world map's geometry: Natural Earth 1:110m countries (world-atlas, no tiles, no network)
// in the Equal Earth projection, fitted once per process to a fixed viewBox. The base map
// (every country's outline, the same for every organisation) is served as one cacheable SVG file
// (app/world-map.svg/route.ts): pages draw it with <image> and highlight a country with
// <use href="/world-map.svg?v=…#DE">, so a page's HTML and RSC payload carry only what is
// specific to the organisation, never an outline (docs/decisions/026).
import { createHash } from "node:crypto";
import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import isoCountries from "i18n-iso-countries";
import world110 from "world-atlas/countries-110m.json";
import { countryCentre } from "./geo-centre";
import { SMALL_COUNTRY_CENTRES } from "./small-countries";

/** viewBox width; the height follows from the projection's fit. */
export const MAP_WIDTH = 960;
/** Antarctica (ISO numeric 010) holds no offices and would take a sixth of the height. */
const ANTARCTICA = "010";

type Countries = GeometryCollection<{ name: string }>;
type WorldTopology = Topology<{ countries: Countries }>;

/** A point of the projected map, in viewBox units. */
export type MapPoint = readonly [x: number, y: number];

export interface WorldGeometry {
  width: number;
  height: number;
  /** The base map as a standalone SVG document: one `<path id="DE">` per country, styled by its group. */
  baseSvg: string;
  /** Short content hash of `baseSvg`, for an immutable cache URL. */
  baseVersion: string;
  /** The base map's address, versioned by content; append `#DE` for a country's outline. */
  baseUrl: string;
  /** True when the base map has an outline for the country (1:110m leaves out 75 small ones, Singapore among them). */
  hasOutline(alpha2: string): boolean;
  /** The country's outline as an SVG path (1 decimal), as in the base map; undefined without one. */
  countryPath(alpha2: string): string | undefined;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function build() {
  const topology = world110 as unknown as WorldTopology;
  const geometries = topology.objects.countries.geometries.filter((g) => g.id !== ANTARCTICA);
  const shown: Countries = { type: "GeometryCollection", geometries };
  const features = feature(topology, shown).features;
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, { type: "FeatureCollection", features });
  // d3-geo's own rounding: 1 decimal of a 960-unit viewBox is 0.02 mm on an A4 page.
  const path = geoPath(projection).digits(1);
  const [, [, maxY]] = path.bounds({ type: "FeatureCollection", features });
  const height = Math.ceil(maxY);

  const byNumeric = new Map<string, Feature<Polygon | MultiPolygon>>();
  for (const f of features) if (f.id !== undefined) byNumeric.set(String(f.id), f as Feature<Polygon | MultiPolygon>);

  // Styles sit on the group, not the paths: a page's <use> of a path then takes the page's own
  // fill and stroke (a presentation attribute on the path would win over them).
  const paths = new Map<string, string>();
  let body = "";
  for (const f of features) {
    const d = path(f);
    if (!d) continue;
    const alpha2 = f.id === undefined ? undefined : isoCountries.numericToAlpha2(String(f.id));
    if (alpha2) paths.set(alpha2, d);
    body += alpha2 ? `<path id="${alpha2}" d="${d}"/>` : `<path d="${d}"/>`; // Kosovo, N. Cyprus, Somaliland have no ISO code
  }
  const baseSvg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${MAP_WIDTH}" height="${height}">` +
    `<g fill="#e2e8f0" stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">${body}</g></svg>`;
  const baseVersion = createHash("sha256").update(baseSvg).digest("hex").slice(0, 12);

  const points = new Map<string, MapPoint | undefined>();
  return { projection, byNumeric, height, baseSvg, baseVersion, paths, points };
}

let memo: ReturnType<typeof build> | undefined;
/** Built on first use and kept for the life of the process: every request reuses the same strings. */
const geometry = () => (memo ??= build());

const numericOf = (alpha2: string) => isoCountries.alpha2ToNumeric(alpha2);

/** The world map's geometry, computed once per process. */
export function worldGeometry(): WorldGeometry {
  const g = geometry();
  return {
    width: MAP_WIDTH,
    height: g.height,
    baseSvg: g.baseSvg,
    baseVersion: g.baseVersion,
    baseUrl: `/world-map.svg?v=${g.baseVersion}`,
    hasOutline: (alpha2) => g.paths.has(alpha2),
    countryPath: (alpha2) => g.paths.get(alpha2),
  };
}

/**
 * Where each country's marker goes, in viewBox units: the centre of its largest polygon in
 * 1:110m, else from the table derived from 1:50m (Singapore, Malta, Hong Kong, ... : 75 of the
 * 249 codes); absent for Antarctica (not drawn) and codes with no known place. Pulled 6 units
 * inside the edges, so a Pacific island near the antimeridian keeps its whole marker.
 */
export function countryPoints(alpha2s: Iterable<string>): Map<string, MapPoint> {
  const g = geometry();
  const out = new Map<string, MapPoint>();
  for (const code of alpha2s) {
    if (!g.points.has(code)) g.points.set(code, locate(g, code));
    const p = g.points.get(code);
    if (p) out.set(code, p);
  }
  return out;
}

const EDGE = 6;
function locate(g: ReturnType<typeof geometry>, code: string): MapPoint | undefined {
  const numeric = numericOf(code);
  const f = numeric === undefined ? undefined : g.byNumeric.get(numeric);
  const lonLat = f ? countryCentre(f) : SMALL_COUNTRY_CENTRES[code];
  const p = lonLat ? g.projection([lonLat[0], lonLat[1]]) : null;
  if (!p) return undefined;
  const clamp = (v: number, max: number) => round1(Math.min(max - EDGE, Math.max(EDGE, v)));
  return [clamp(p[0], MAP_WIDTH), clamp(p[1], g.height)];
}
