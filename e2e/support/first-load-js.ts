// First-load JavaScript per route of the production build (issue 18): the JavaScript a browser
// downloads to show a route the first time, gzipped, as Next's build output used to print it:
// the framework's root chunks plus every chunk the route's layouts, error and not-found
// boundaries and page need. Prints every route with its size, the largest first, and names those
// over the budget; with --enforce it exits 1 when there are any. CI runs it so right after the
// production build (.ci/test-all); docs/decisions/051 says what keeps routes within 170 kB.
//   npx next build && npm run bench:first-load [-- --budget-kb 170 --enforce]
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import vm from "node:vm";

const BUDGET_KB = Number(process.argv[process.argv.indexOf("--budget-kb") + 1] || 170) || 170;
const next = path.resolve(process.cwd(), ".next");

const gzipped = new Map<string, number>();
function sizeOf(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
}

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return manifests(full);
    return e.name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

const root: string[] = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")).rootMainFiles;
const rows: { route: string; bytes: number }[] = [];
for (const file of manifests(path.join(next, "server", "app"))) {
  const sandbox = { globalThis: {} as Record<string, unknown> };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const byRoute = (sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>;
  for (const [route, manifest] of Object.entries(byRoute)) {
    const files = new Set([...root, ...Object.values(manifest.entryJSFiles ?? {}).flat()].map((f) => f.replace(/^\/?_next\//, "")));
    rows.push({ route: route.replace(/\/page$/, "") || "/", bytes: [...files].reduce((sum, f) => sum + sizeOf(f), 0) });
  }
}
if (rows.length === 0) {
  console.error("No routes found: run `npx next build` first.");
  process.exit(1);
}
rows.sort((a, b) => b.bytes - a.bytes);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
for (const r of rows) console.log(`${kb(r.bytes).padStart(7)} kB  ${r.route}`);
const over = rows.filter((r) => r.bytes > BUDGET_KB * 1024);
console.log(`${rows.length} routes; the largest ${kb(rows[0]!.bytes)} kB (${rows[0]!.route}); budget ${BUDGET_KB} kB gzipped.`);
if (over.length > 0) {
  console.log(`${over.length} over the budget:`);
  for (const r of over) console.log(`  ${r.route} loads ${kb(r.bytes)} kB of JavaScript first (budget ${BUDGET_KB} kB).`);
  if (process.argv.includes("--enforce")) process.exit(1);
}
