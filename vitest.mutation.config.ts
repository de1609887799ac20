import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Stryker's vitest runner runs every project of the config it is given; mutation testing uses
// only the `unit` project (Node, no database), so this config keeps that one and nothing else.
const unit = (base.test?.projects ?? []).find(
  (p) => typeof p === "object" && "test" in p && p.test?.name === "unit",
);
if (typeof unit !== "object" || !("test" in unit)) throw new Error("vitest.config.ts has no `unit` project");

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: [
      {
        ...unit,
        test: {
          ...unit.test,
          // Stryker switches mutants at run time, so test files can share one module cache: each
          // mutant then costs its tests' run time, not a fresh import of the scoring engine.
          isolate: false,
          // scoring/testing/mutation.ts: fewer property cases, no child-process smoke test.
          env: { ...unit.test?.env, SOVRA_MUTATION: "1" },
        },
      },
    ],
  },
});
