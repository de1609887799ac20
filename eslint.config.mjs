import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The scoring engine stays free of the app's frameworks (docs/ARCHITECTURE.md).
    // Tests and their helpers may read example files; the CLI and benchmark do I/O by design.
    files: ["scoring/**/*.ts"],
    ignores: ["scoring/cli/**", "scoring/bench/**", "scoring/testing/**", "scoring/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["next", "next/*", "react", "react-*", "@prisma/*", "*/generated/prisma/*", "node:*", "fs", "path", "@/*"] },
      ],
    },
  },
  {
    rules: {
      // `const { omitted: _omitted, ...rest } = x` drops a field on purpose.
      "@typescript-eslint/no-unused-vars": ["warn", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // docs/SECURITY.md (ASVS 1.3.2, 15.3.5): no dynamic code, strict comparisons (`== null` stays idiomatic).
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    // Tests mutate untyped JSON documents to produce invalid input.
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts", "prisma/engine/**", ".stryker-tmp/**", "reports/**"]),
]);
