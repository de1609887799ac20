import { COUNTRY_CODES } from "@/lib/countries";
import { describe, expect, it } from "vitest";
import { countryPoints, MAP_WIDTH, worldGeometry } from "./world-geometry";
import { SMALL_COUNTRY_CENTRES } from "./small-countries";
import { smallCountryCentres } from "./small-countries-source";

/** Bounding box of an SVG path made of absolute M/L/Z commands (what d3-geo writes). */
function bbox(d: string) {
  const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}
const inside = (p: readonly [number, number], b: ReturnType<typeof bbox>) => p[0] >= b.x0 && p[0] <= b.x1 && p[1] >= b.y0 && p[1] <= b.y1;

describe("worldGeometry", () => {
  it("fits the world (without Antarctica) to the viewBox width, wider than tall", () => {
    const g = worldGeometry();
    expect(g.width).toBe(MAP_WIDTH);
    expect(g.height).toBeGreaterThan(380);
    expect(g.height).toBeLessThan(480);
    expect(g.baseSvg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${g.height}"`));
  });

  it("computes the base map once per process: the same string object on every call", () => {
    expect(worldGeometry().baseSvg).toBe(worldGeometry().baseSvg);
    expect(worldGeometry().countryPath("FR")).toBe(worldGeometry().countryPath("FR"));
    expect(worldGeometry().baseVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it("rounds coordinates to one decimal", () => {
    const decimals = (worldGeometry().countryPath("DE")!.match(/\.\d+/g) ?? []).map((m) => m.length - 1);
    expect(Math.max(...decimals)).toBe(1);
    expect(worldGeometry().baseSvg.match(/\.\d{2,}/)).toBeNull();
  });

  it("keeps the base map under 128 KiB (it is fetched once and cached, but every first visit pays for it)", () => {
    expect(Buffer.byteLength(worldGeometry().baseSvg)).toBeLessThan(128 * 1024);
  });

  it("gives each country's outline in the base map its ISO code as id and no style of its own, so a page's <use> can restyle it", () => {
    const g = worldGeometry();
    expect(g.baseSvg).toContain(`<path id="FR" d="${g.countryPath("FR")}"/>`);
    expect(g.baseSvg).toMatch(/<g fill="#e2e8f0" stroke="#ffffff"/);
    expect(g.baseSvg.match(/<path [^>]*fill=/)).toBeNull();
    expect(g.hasOutline("FR")).toBe(true);
    expect(g.hasOutline("SG")).toBe(false);
    expect(g.baseUrl).toBe(`/world-map.svg?v=${g.baseVersion}`);
  });

  it("has no outline for codes Natural Earth 1:110m leaves out (Singapore) or that do not exist", () => {
    expect(worldGeometry().countryPath("SG")).toBeUndefined();
    expect(worldGeometry().countryPath("ZZ")).toBeUndefined();
  });
});

describe("countryPoints", () => {
  it("puts France's marker inside France's outline's box, on the mainland rather than between it and French Guiana", () => {
    const fr = (countryPoints(["FR"])).get("FR")!;
    const box = bbox(worldGeometry().countryPath("FR")!);
    expect(inside(fr, box)).toBe(true);
    // Metropolitan France is in the northern half of the map and east of the Atlantic.
    const de = (countryPoints(["DE"])).get("DE")!;
    expect(Math.abs(fr[1] - de[1])).toBeLessThan(20);
    expect(Math.abs(fr[0] - de[0])).toBeLessThan(30);
  });

  it.each(["DE", "US", "JP", "IN", "BR", "GB", "NO"])("places %s inside its own outline's box", (code) => {
    const p = (countryPoints([code])).get(code)!;
    expect(inside(p, bbox(worldGeometry().countryPath(code)!))).toBe(true);
  });

  it("keeps the small-country table in step with world-atlas's 1:50m data (else run small-countries.generate.ts)", () => {
    expect(SMALL_COUNTRY_CENTRES).toEqual(smallCountryCentres());
  });

  it("places countries too small for 1:110m from the 1:50m data (Singapore south of Malaysia's box top, east of India)", () => {
    const points = countryPoints(["SG", "MY", "IN", "MT", "HK"]);
    const sg = points.get("SG")!;
    const my = bbox(worldGeometry().countryPath("MY")!);
    expect(sg[0]).toBeGreaterThan(my.x0);
    expect(sg[0]).toBeLessThan(my.x1);
    expect(sg[0]).toBeGreaterThan(points.get("IN")![0]);
    expect(points.get("MT")).toBeDefined();
    expect(points.get("HK")).toBeDefined();
  });

  it("places the listed small territories (Réunion) and skips codes with no known place", () => {
    const points = countryPoints(["RE", "ZZ"]);
    expect(points.get("RE")![1]).toBeGreaterThan(worldGeometry().height / 2); // southern hemisphere
    expect(points.has("ZZ")).toBe(false);
  });

  it("places every assigned country code but Antarctica (not drawn) inside the viewBox, a Pacific island's marker included", () => {
    const points = countryPoints(COUNTRY_CODES);
    expect(COUNTRY_CODES.filter((c) => !points.has(c))).toEqual(["AQ"]);
    const { height } = worldGeometry();
    for (const [, [x, y]] of points) {
      expect(x).toBeGreaterThanOrEqual(6);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH - 6);
      expect(y).toBeGreaterThanOrEqual(6);
      expect(y).toBeLessThanOrEqual(height - 6);
    }
  });
});

describe("GET /world-map.svg", () => {
  it("serves the base map as an immutable SVG, uncompressed (Next would drop a Content-Encoding header)", async () => {
    const { GET } = await import("@/app/world-map.svg/route");
    const response = GET();
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.text()).toBe(worldGeometry().baseSvg);
  });
});
