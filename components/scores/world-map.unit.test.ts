import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { smallDoc, vendor } from "@/scoring/testing/fixtures";
import { loadExample } from "@/scoring/testing/examples";
import { scoreInventory } from "@/scoring/score-inventory";
import { buildWorldMap } from "@/lib/scores/world-map";
import { countryPoints, worldGeometry } from "@/lib/scores/world-geometry";
import { MAX_DRAWN_ROUTES, MAX_TABLE_ROUTES, officeRadius, routePath, routeWidth, WorldMap } from "./world-map";

const render = (data: ReturnType<typeof buildWorldMap>, id?: string) => renderToStaticMarkup(WorldMap({ data, ...(id ? { id } : {}) }));
const attr = (html: string, selector: RegExp) => [...html.matchAll(selector)].map((m) => m[1]);

describe("WorldMap", () => {
  const doc = loadExample("frankfurt-manufacturer");
  const data = buildWorldMap(doc, scoreInventory(doc, { asOf: "2026-11-01" }));
  const html = render(data);

  it("hatches each office country and puts one circle on it", () => {
    const officeCountries = data.countries.filter((c) => c.offices > 0).map((c) => c.country);
    expect(attr(html, /<circle [^>]*data-office="([A-Z]{2})"/g).sort()).toEqual([...officeCountries].sort());
    // Singapore has no outline at 1:110m: its circle stands alone; every other office country is hatched.
    expect(attr(html, /<use [^>]*data-country="([A-Z]{2})"/g).sort()).toEqual(officeCountries.filter((c) => worldGeometry().countryPath(c)).sort());
    expect(html).toContain('fill="url(#world-map-hatch)"');
  });

  it("draws one curved, arrowed line per cross-border route, styled by the most sensitive data on it", () => {
    const crossBorder = data.routes.filter((r) => r.from !== r.to);
    expect(crossBorder.length).toBeGreaterThan(0);
    const drawn = attr(html, /data-route="([A-Z]{2}-[A-Z]{2})"/g);
    expect(drawn.sort()).toEqual(crossBorder.map((r) => `${r.from}-${r.to}`).sort());
    for (const r of crossBorder) {
      const tag = html.match(new RegExp(`<path [^>]*data-route="${r.from}-${r.to}"[^>]*>`))![0];
      expect(tag).toMatch(/ d="M[\d.-]+,[\d.-]+Q/);
      expect(tag).toContain(`marker-end="url(#world-map-arrow-${r.sensitivity})"`);
      expect(tag).toContain(`stroke-width="${routeWidth(r.flows)}"`);
      if (r.sensitivity === "other") expect(tag).not.toContain("stroke-dasharray");
      else expect(tag).toContain("stroke-dasharray");
    }
  });

  it("marks countries that only process data with a square", () => {
    const processingOnly = data.countries.filter((c) => c.offices === 0).map((c) => c.country);
    expect(attr(html, /data-processing="([A-Z]{2})"/g).sort()).toEqual([...processingOnly].sort());
  });

  it("names itself for screen readers and lists every country and route in tables", () => {
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="World map of offices and data flows/);
    expect(html).toContain(`<figure aria-labelledby="world-map-caption">`);
    expect(html).toContain(`<p id="world-map-caption" class="mt-3 text-xs text-slate-600">${data.totals.offices} offices`);
    for (const c of data.countries) expect(html).toContain(`<th scope="row">${c.name} (${c.country})</th>`);
    const routeRows = html.split('data-testid="world-map-routes"')[1]!.match(/<tr>/g)!.length - 1; // minus the header row
    expect(routeRows).toBe(data.routes.length);
  });

  it("draws the base map as a cached image addressed by its content hash", () => {
    expect(html).toContain(`<image href="/world-map.svg?v=${worldGeometry().baseVersion}"`);
  });

  it("keeps the inline SVG small: the organisation's overlay only, not the world's outlines", () => {
    const svg = html.match(/<svg [^>]*data-testid="world-map-svg"[\s\S]*?<\/svg>/)![0];
    expect(Buffer.byteLength(svg)).toBeLessThan(12 * 1024);
    expect(svg).not.toMatch(/<path d="M[^"]{400,}/); // no country outline inline
  });

  it("prefixes its ids, so two maps on one page (dashboard and report preview) do not share patterns", () => {
    const second = render(data, "report-map");
    expect(second).toContain('id="report-map-hatch"');
    expect(second).not.toContain(' id="world-map-');
  });

  it("draws at most the busiest routes and says how many it left to the table", () => {
    const codes = ["FR", "IT", "ES", "PL", "SE", "NO", "FI", "DK", "NL", "BE", "AT", "CH", "PT", "IE", "GR", "CZ"];
    const many = smallDoc({
      offices: codes.map((c) => ({ key: c.toLowerCase(), name: c, country: c, headcount: 10 })),
      vendors: codes.map((c) => vendor(`v-${c.toLowerCase()}`, c === "FR" ? "DE" : c)),
      models: codes.map((c) => ({ key: `m-${c.toLowerCase()}`, name: c, vendor: `v-${c.toLowerCase()}`, weights: "closed" as const })),
      aiSystems: [{ key: "s", name: "S", criticality: "low", toleratedDowntimeHours: 1, offices: codes.map((c) => c.toLowerCase()) }],
      dependencies: codes.map((c) => ({ key: `d-${c.toLowerCase()}`, system: "s", model: `m-${c.toLowerCase()}`, accessPath: "direct-api" as const })),
      dataFlows: codes.flatMap((from) => codes.map((to) => ({ key: `${from}-${to}`, fromOffice: from.toLowerCase(), dependency: `d-${to.toLowerCase()}`, categories: ["internal" as const] }))),
    });
    const map = buildWorldMap(many);
    const out = render(map);
    const crossBorder = map.routes.filter((r) => r.from !== r.to).length;
    expect(crossBorder).toBeGreaterThan(MAX_DRAWN_ROUTES);
    expect(attr(out, /data-route="([A-Z]{2}-[A-Z]{2})"/g).length).toBeLessThanOrEqual(MAX_DRAWN_ROUTES);
    expect(out).toContain(`${crossBorder - MAX_DRAWN_ROUTES} smaller routes not drawn`);
    // The routes table keeps the busiest rows and sums the rest in one, so the page stays small.
    const rows = out.split('data-testid="world-map-routes"')[1]!.match(/<tr>/g)!.length - 1;
    expect(rows).toBe(MAX_TABLE_ROUTES + 1);
    const rest = map.routes.slice(MAX_TABLE_ROUTES);
    expect(out).toContain(`<th scope="row" colSpan="2">${rest.length} other routes</th><td>${rest.reduce((s, r) => s + r.flows, 0)}</td>`);
  });
});

describe("officeRadius and routeWidth", () => {
  it("sizes circles by the square root of headcount, so area follows people, with a floor for unknown headcount", () => {
    expect(officeRadius(0, 1000)).toBe(3);
    expect(officeRadius(1000, 1000)).toBe(12);
    expect(officeRadius(250, 1000)).toBe(7.5);
    expect(officeRadius(0, 0)).toBe(4);
  });

  it("widens lines with the logarithm of the flow count, up to 6", () => {
    expect([1, 2, 4, 16, 1000].map(routeWidth)).toEqual([1.5, 2.5, 3.5, 5.5, 6]);
  });
});

describe("routePath", () => {
  const de = countryPoints(["DE"]).get("DE")!;
  const us = countryPoints(["US"]).get("US")!;

  it("bows A -> B and B -> A to opposite sides, so both directions stay visible", () => {
    const control = (d: string) => d.match(/Q([\d.-]+),([\d.-]+)/)!.slice(1).map(Number);
    const there = control(routePath(de, us, 0, 0)!);
    const back = control(routePath(us, de, 0, 0)!);
    expect(there[1]).not.toBeCloseTo(back[1]!, 0);
  });

  it("starts and ends outside the markers, and draws nothing between points closer than the markers", () => {
    const d = routePath(de, us, 10, 12)!;
    const [sx, sy] = d.match(/^M([\d.-]+),([\d.-]+)/)!.slice(1).map(Number);
    expect(Math.hypot(sx! - de[0], sy! - de[1])).toBeCloseTo(10, 0);
    const [ex, ey] = d.match(/ ([\d.-]+),([\d.-]+)$/)!.slice(1).map(Number);
    expect(Math.hypot(ex! - us[0], ey! - us[1])).toBeCloseTo(12, 0);
    expect(routePath([100, 100], [105, 100], 3, 3)).toBeUndefined();
  });
});
