import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine, which these machines (and air-gapped
// installs) cannot reach. prisma/engine/schema-engine-shim.mjs speaks the native engine's
// protocol and serves it with the WASM build of the same engine (docs/decisions/002).
// PRISMA_SCHEMA_ENGINE_BINARY=native switches back to the real engine where it can be had;
// any other value is taken as the path of an engine binary.
if (process.env.PRISMA_SCHEMA_ENGINE_BINARY === "native") delete process.env.PRISMA_SCHEMA_ENGINE_BINARY;
else process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma/engine/schema-engine-shim.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: {
    // Optional so that `prisma generate` works without a database; env() would throw.
    url: process.env.DATABASE_URL ?? "",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
