// The source of lib/scores/small-countries.ts (see small-countries.generate.ts): reads Natural
// Earth 1:110m and 1:50m from world-atlas. Never imported by the app, only by the generator and
// the test that keeps the table in step with the data.
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import isoCountries from "i18n-iso-countries";
import world110 from "world-atlas/countries-110m.json";
import world50 from "world-atlas/countries-50m.json";
import { COUNTRY_CODES } from "@/lib/countries";
import { countryCentre } from "./geo-centre";

// Too small even for 1:50m, or drawn there inside their parent (the French overseas departments):
// [longitude, latitude] of the main island, from the territories' own descriptions.
const TOO_SMALL_FOR_50M: Record<string, readonly [number, number]> = {
  BQ: [-68.27, 12.17],
  BV: [3.36, -54.42],
  CC: [96.84, -12.17],
  CX: [105.62, -10.49],
  GF: [-53.13, 3.93],
  GI: [-5.35, 36.14],
  GP: [-61.58, 16.25],
  MQ: [-61.02, 14.64],
  RE: [55.54, -21.12],
  SJ: [15.65, 78.22],
  TK: [-171.85, -9.2],
  TV: [179.2, -8.52],
  UM: [166.65, 19.28],
  YT: [45.17, -12.83],
};

type World = Topology<{ countries: GeometryCollection }>;
const ids = (t: World) => new Set(t.objects.countries.geometries.map((g) => String(g.id)));
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Centres of every assigned country code that 1:110m has no shape for, by alpha-2 code, sorted. */
export function smallCountryCentres(): Record<string, readonly [number, number]> {
  const t110 = world110 as unknown as World;
  const t50 = world50 as unknown as World;
  const in110 = ids(t110);
  const by50 = new Map(t50.objects.countries.geometries.filter((g) => g.id !== undefined).map((g) => [String(g.id), g]));
  const out: Record<string, readonly [number, number]> = {};
  for (const code of [...COUNTRY_CODES].sort()) {
    const numeric = isoCountries.alpha2ToNumeric(code);
    if (numeric !== undefined && in110.has(numeric)) continue;
    const g = numeric === undefined ? undefined : by50.get(numeric);
    if (g && g.type !== null) {
      const [lon, lat] = countryCentre(feature(t50, g) as Feature<Polygon | MultiPolygon>);
      out[code] = [round2(lon), round2(lat)];
    } else if (TOO_SMALL_FOR_50M[code]) out[code] = TOO_SMALL_FOR_50M[code];
  }
  return out;
}
