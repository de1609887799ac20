// The Prisma CLI's schema engine here is the WASM build behind prisma/engine/schema-engine-shim.mjs
// (docs/decisions/002). Describing a database with a CHECK constraint (Organisation has one since
// migration 20261206130100) made the engine panic on the "char" type of pg_constraint.contype, and
// the drift check passed or failed with the race between that panic and its answer. Each diff
// below must answer, the same way, every time.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/runtime/database";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";

const run = promisify(execFile);

async function diff(args: string[], databaseUrl: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run("npx", ["prisma", "migrate", "diff", ...args, "--to-schema", "prisma/schema.prisma", "--exit-code"], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 120_000 });
    return { code: 0, stderr };
  } catch (e) {
    const failed = e as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? "" };
  }
}

describe("the schema engine describes a database with a CHECK constraint", () => {
  let db: { name: string; url: string };
  beforeAll(async () => {
    db = await createDatabase("sovra_engine");
    await applyMigrations(db.url);
  }, 120_000);
  afterAll(() => dropDatabase(db.name));

  it("a migrated database matches schema.prisma, three times out of three", { timeout: 240_000 }, async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { code, stderr } = await diff(["--from-config-datasource"], db.url);
      expect({ attempt, code, engineError: stderr.includes("Error in Schema engine") }).toEqual({ attempt, code: 0, engineError: false });
    }
  });

  it("the migrations match schema.prisma through a shadow database (what CI's drift check runs)", { timeout: 120_000 }, async () => {
    expect(await diff(["--from-migrations", "prisma/migrations"], db.url)).toMatchObject({ code: 0 });
  });
});
