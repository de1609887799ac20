// What the world map costs: building the geometry once per process, then per request the
// aggregation (buildWorldMap) and the server render, and the bytes it adds to a page.
// Prints figures; asserts nothing (the budgets live in e2e/support/bench-pages.ts).
//   npm run bench:world-map
import { gzipSync } from "node:zlib";
import { renderToStaticMarkup } from "react-dom/server";
import { generateInventory } from "@/scoring/bench/generate";
import { loadExample } from "@/scoring/testing/examples";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { buildWorldMap } from "./world-map";
import { worldGeometry } from "./world-geometry";
import { WorldMap } from "@/components/scores/world-map";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median of `runs` calls after 10 unmeasured ones (a web process serves warm). */
function time<T>(runs: number, fn: () => T): { ms: number; last: T } {
  const all: number[] = [];
  let last!: T;
  for (let i = 0; i < 10; i++) fn();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = fn();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), last };
}
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const t0 = performance.now();
const geo = worldGeometry();
console.log(`geometry, first call (once per process): ${(performance.now() - t0).toFixed(0)} ms`);
console.log(`base map /world-map.svg: ${kib(Buffer.byteLength(geo.baseSvg))}, gzipped ${kib(gzipSync(geo.baseSvg, { level: 9 }).length)} (once per browser, cached)`);

const cases: [string, InventoryDocument][] = [
  ["frankfurt-manufacturer example", loadExample("frankfurt-manufacturer")],
  ["issue 4 size (200 offices, 5,000 dependencies, 20,000 data flows)", generateInventory({ offices: 200, vendors: 250, models: 1000, systems: 1000, dependencies: 5000, dataFlows: 20_000 })],
];
for (const [name, doc] of cases) {
  const result = scoreInventory(doc, { asOf: "2026-11-01" });
  const data = time(50, () => buildWorldMap(doc, result));
  const html = time(50, () => renderToStaticMarkup(WorldMap({ data: data.last })));
  const svg = html.last.match(/<svg [^>]*data-testid="world-map-svg"[\s\S]*?<\/svg>/)![0];
  console.log(`\n${name}: ${data.last.countries.length} countries, ${data.last.routes.length} routes`);
  console.log(`  buildWorldMap: ${data.ms.toFixed(2)} ms (median of 50)`);
  console.log(`  render: ${html.ms.toFixed(2)} ms (median of 50)`);
  console.log(`  inline SVG ${kib(Buffer.byteLength(svg))}; whole section with tables ${kib(Buffer.byteLength(html.last))} (gzipped ${kib(gzipSync(html.last).length)})`);
  console.log("  (a server component's markup is sent twice: as HTML and again in the RSC payload)");
}
