// Where a country's marker goes: the centre of its largest polygon. Shared by the map's runtime
// geometry and the generator of the small-country table (pure, no data imports).
import { geoArea, geoCentroid } from "d3-geo";
import type { Feature, MultiPolygon, Polygon } from "geojson";

/**
 * The spherical centre of a country's largest polygon, so France's marker sits on the mainland
 * rather than in the Atlantic between it and French Guiana, and the United States' not in Canada.
 *
 * @example
 * countryCentre(franceFeature) //=> [2.4, 46.6] (roughly)
 */
export function countryCentre(f: Feature<Polygon | MultiPolygon>): [longitude: number, latitude: number] {
  if (f.geometry.type === "Polygon") return geoCentroid(f.geometry);
  let best: Polygon | undefined;
  let bestArea = -1;
  for (const coordinates of f.geometry.coordinates) {
    const p: Polygon = { type: "Polygon", coordinates };
    const area = geoArea(p);
    if (area > bestArea) {
      best = p;
      bestArea = area;
    }
  }
  return best ? geoCentroid(best) : geoCentroid(f);
}
