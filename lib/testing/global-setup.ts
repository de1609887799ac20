// Integration tests run against a real PostgreSQL: a fresh database per run, migrated with the
// same code as `npm start`, dropped afterwards (KEEP_TEST_DB=1 keeps it for debugging).
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations, assertDatabaseReachable } from "../runtime/database";

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(prefix = "sovra_test"): Promise<{ name: string; url: string }> {
  return createNamedDatabase(`${prefix}_${Date.now().toString(36)}_${process.pid}_${Math.floor(Math.random() * 1e6)}`);
}

/** Creates the database `name` (the caller's to check: it is quoted, not escaped). */
export async function createNamedDatabase(name: string): Promise<{ name: string; url: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrlFor(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  await assertDatabaseReachable(ADMIN_URL).catch((e: Error) => {
    throw new Error(`${e.message} Integration tests need a PostgreSQL server: set TEST_DATABASE_ADMIN_URL.`);
  });
  const { name, url } = await createDatabase();
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(name);
    else console.log(`kept test database ${name}`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
