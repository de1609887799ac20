// What `npm start` says about the production build it makes on a first start. `next build` prints
// its version, its experiments, a progress line per step and a table of every route (about 90
// lines here): useful to a developer, noise in a first start's output. A build that succeeds is
// said in one line; one that fails shows everything Next printed (docs/decisions/033).

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The output without colour codes (Next colours it when FORCE_COLOR is set, even into a pipe). */
export const stripAnsi = (text: string) => text.replace(ANSI, "");

/**
 * The routes in `next build`'s table: its rows (`┌ ○ /`, `├ ƒ /[org]`, `└ ƒ /setup`, `─ ○ /` for
 * one), not the generated paths listed under a route (`│ ├ /a`, `  └ [+3 more paths]`).
 *
 * @example countBuiltRoutes("Route (app)\n┌ ○ /\n├ ƒ /[org]\n└ ○ /_not-found") //=> 3
 */
export function countBuiltRoutes(output: string): number {
  return stripAnsi(output)
    .split(/\r?\n/)
    .filter((line) => /^[┌├└─] .*\//.test(line)).length;
}

/** Next's warnings (`⚠ …`), which stay visible after a build that succeeded. */
export function buildWarnings(output: string): string[] {
  return stripAnsi(output)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith("⚠"));
}

/** The warnings Turbopack reports with their code excerpts ("Turbopack build encountered 1 warning:"): counted, not shown. */
export function countBundlerWarnings(output: string): number {
  return [...stripAnsi(output).matchAll(/^Turbopack build encountered (\d+) warnings?/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The one line for a build that succeeded, e.g. `built in 74 s (88 routes)`; a table that could
 * not be read leaves the count out rather than saying "0 routes". Turbopack's warnings (a page of
 * code excerpts each, for developers) are counted, with where to read them.
 *
 * @example buildSummary(74_200, "┌ ○ /\n└ ƒ /[org]") //=> "built in 74 s (2 routes)"
 */
export function buildSummary(elapsedMs: number, output: string): string {
  const routes = countBuiltRoutes(output);
  const warnings = countBundlerWarnings(output);
  const details = [routes > 0 ? plural(routes, "route") : "", warnings > 0 ? `${plural(warnings, "bundler warning")}: \`npx next build\` shows ${warnings === 1 ? "it" : "them"}` : ""].filter(Boolean);
  return `built in ${Math.round(elapsedMs / 1000)} s${details.length ? ` (${details.join("; ")})` : ""}`;
}
