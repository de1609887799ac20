// Mutation testing of the critical lib/ modules that vitest's `unit` project exercises: the
// sign-in guards, the export formula guard, the import's spelling and messages, text hygiene.
// Run by `npm run test:mutation` after stryker.config.mjs (scoring/). See decision 035.
// @ts-check
import { shared } from "./stryker.config.mjs";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const lib = {
  ...shared,
  mutate: [
    "lib/auth/password-policy.ts",
    "lib/auth/callback-url.ts",
    "lib/auth/client-address.ts",
    "lib/auth/session-token.ts",
    "lib/auth/permissions.ts",
    "lib/exports/csv.ts",
    "lib/inventory/spelling.ts",
    "lib/inventory/import-messages.ts",
    "lib/text.ts",
  ],
  incrementalFile: "reports/mutation/lib-incremental.json",
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/lib.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportScoreTable: true },
  thresholds: { high: 85, low: 75, break: 75 },
};

export default lib;
