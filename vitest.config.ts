import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` needs nothing but Node; `integration` runs against a real PostgreSQL
// (a fresh database per run, created by lib/testing/global-setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves "server-only" to an empty module for server code; tests run as server code.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["scoring/**/*.test.ts", "lib/**/*.unit.test.ts", "components/**/*.unit.test.ts", "deploy/**/*.unit.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "prisma/**/*.int.test.ts"],
          environment: "node",
          // next-auth's ESM imports "next/server" without an extension, which Node's resolver refuses
          // and Next's bundler accepts: let Vite resolve it, so tests can run Auth.js's own signIn/signOut.
          server: { deps: { inline: ["next-auth"] } },
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/integration-setup.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
