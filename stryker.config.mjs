// Mutation testing (docs/decisions/035-mutation-testing.md): `npm run test:mutation` runs this
// config (scoring/) and then stryker.lib.config.mjs (the critical lib/ modules). Not part of CI.
// @ts-check

/** What both runs share: vitest's `unit` project, one test process (the machine has 2 cores). */
export const shared = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  concurrency: 1,
  incremental: true,
  ignorePatterns: [".data", ".next", "e2e", "test-results", "playwright-report", "coverage"],
  timeoutMS: 10_000,
  cleanTempDir: "always",
  // A static mutant (a module-level constant) can only be tested by reloading every test file and
  // running all of them: minutes each on 2 cores. They are reported as ignored, not scored.
  ignoreStatic: true,
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const scoring = {
  ...shared,
  mutate: [
    "scoring/**/*.ts",
    "!scoring/**/*.test.ts",
    // Tools, not the engine: the benchmark, the CLI's process entry point, test fixtures.
    "!scoring/bench/**",
    "!scoring/cli/main.ts",
    "!scoring/testing/**",
  ],
  incrementalFile: "reports/mutation/scoring-incremental.json",
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/scoring.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: 85 },
};

export default scoring;
