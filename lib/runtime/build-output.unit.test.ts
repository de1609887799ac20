import { describe, expect, it } from "vitest";
import { buildSummary, buildWarnings, countBuiltRoutes, stripAnsi } from "./build-output";

// The shape of `next build`'s output (Next 16: its version and experiments, a line per step, the
// route table from next/dist/build/utils.js, the legend), shortened to a few routes.
const BUILD_OUTPUT = `   \u001b[35m\u001b[1m▲ Next.js 16.4.5\u001b[22m\u001b[39m (Turbopack)
   - Experiments (use with caution):
     · proxyClientMaxBodySize: 27262976

   Creating an optimized production build ...
 ✓ Compiled successfully in 31.2s
   Skipping validation of types
   Collecting page data using 1 worker ...
 ✓ Generating static pages using 1 worker (12/12) in 1402.5ms
   Finalizing page optimization ...

\u001b[4mRoute (app)\u001b[24m
┌ ƒ /
├ ○ /_not-found
├ ƒ /[org]
├ ƒ /[org]/inventory/export/[format]
├ ● /docs/[slug]
│ ├ /docs/a
│ ├ /docs/b
│ └ [+3 more paths]
├ ƒ /api/health
└ ○ /sign-in


ƒ Proxy (Middleware)

○  (Static)   prerendered as static content
●  (SSG)      prerendered as static HTML (uses generateStaticParams)
ƒ  (Dynamic)  server-rendered on demand

`;

describe("npm start's line for the production build", () => {
  it("counts the routes of the table, not the paths generated under one", () => {
    expect(countBuiltRoutes(BUILD_OUTPUT)).toBe(7);
  });

  it("counts a table of one route", () => {
    expect(countBuiltRoutes("Route (app)\n─ ○ /\n")).toBe(1);
  });

  it("says the build in one line with the seconds and the routes", () => {
    expect(buildSummary(74_400, BUILD_OUTPUT)).toBe("built in 74 s (7 routes)");
    expect(buildSummary(1_000, "┌ ○ /\n")).toBe("built in 1 s (1 route)");
  });

  it("leaves the count out when the output has no table it can read", () => {
    expect(buildSummary(40_000, "✓ Compiled successfully")).toBe("built in 40 s");
  });

  it("counts Turbopack's warnings, whose code excerpts it leaves out, and says where to read them", () => {
    const warned = BUILD_OUTPUT.replace(
      " ✓ Generating static pages",
      "Turbopack build encountered 1 warning:\n./lib/runtime/chromium.ts:176:20\nWarning: Dynamic filesystem access causes tracing of the whole project\n  174 |   for (const candidate of candidates) {\n ✓ Generating static pages",
    );
    expect(buildSummary(33_000, warned)).toBe("built in 33 s (7 routes; 1 bundler warning: `npx next build` shows it)");
    expect(buildSummary(33_000, "Turbopack build encountered 2 warnings:\n")).toBe("built in 33 s (2 bundler warnings: `npx next build` shows them)");
  });

  it("keeps Next's warnings and drops its progress lines", () => {
    expect(buildWarnings(BUILD_OUTPUT)).toEqual([]);
    expect(buildWarnings(`${BUILD_OUTPUT} \u001b[33m⚠\u001b[39m Unsupported metadata themeColor in /\n`)).toEqual(["⚠ Unsupported metadata themeColor in /"]);
  });

  it("removes colour codes", () => {
    expect(stripAnsi("\u001b[4mRoute (app)\u001b[24m")).toBe("Route (app)");
  });
});
