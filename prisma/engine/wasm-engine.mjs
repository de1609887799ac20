// Loads Prisma's WASM schema engine (@prisma/schema-engine-wasm) and binds it to a
// PostgreSQL connection through @prisma/adapter-pg, the same way Prisma 6's CLI did for
// `engine: "js"`. Used by schema-engine-shim.mjs (the stock CLI) and by lib/runtime/migrate.ts.
// See docs/decisions/002-prisma-without-native-engine.md.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { parse as parsePgUrl } from 'pg-connection-string';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { compatPool } from './pg-compat.mjs';

const require = createRequire(import.meta.url);

globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: '',
  get() { return this.message; },
  set_message(m) { this.message = `RuntimeError: ${m}`; },
};

let SchemaEngineClass;
async function loadClass() {
  if (SchemaEngineClass) return SchemaEngineClass;
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
  const module = new WebAssembly.Module(await readFile(wasmPath));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  SchemaEngineClass = glue.SchemaEngine;
  return SchemaEngineClass;
}

/** pg config from a URL, as discrete fields so that `database` can be overridden
 *  (PrismaPg.connectToShadowDb spreads config and sets `database`; with a
 *  `connectionString` the URL would win and the "shadow" DB would be the main DB). */
export function pgConfigFromUrl(url) {
  const c = parsePgUrl(url);
  const { options, schema, ...rest } = c;
  return { ...rest, port: c.port ? Number(c.port) : undefined };
}

/** adapter-pg 7.10 runs a script by splitting it on every ";", which breaks dollar-quoted
 *  function bodies and string literals. The native engine sends a migration script whole;
 *  so do we (the simple query protocol runs it as one implicit transaction). */
async function connectWholeScript(factory) {
  const adapter = await factory.connect();
  adapter.executeScript = async (script) => {
    try { await adapter.client.query(script); } catch (error) { adapter.onError(error); }
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => asCharColumns(await queryRaw(query));
  return adapter;
}

/** ColumnTypeEnum.Character of @prisma/driver-adapter-utils. */
const CHARACTER = 6;
/** Columns of type "char" that the engine's schema describer reads as one character
 *  (`get_expect_char`): pg_constraint.contype in its CHECK and EXCLUDE constraints query. */
const CHAR_COLUMNS = new Set(['constraint_type']);

/** adapter-pg has no scalar mapping to Character, and pg-compat hands "char" over as text; the
 *  describer then panics ("Getting constraint_type from ResultRow") on any database with a CHECK
 *  constraint, and the process dies, sometimes before and sometimes after it answered: a drift
 *  check that failed at random. Such columns are typed as the engine expects. */
function asCharColumns(result) {
  result.columnNames?.forEach((name, i) => {
    if (CHAR_COLUMNS.has(name) && result.columnTypes[i] === 7) result.columnTypes[i] = CHARACTER;
  });
  return result;
}

/** Adapter factory: main DB from `url`; shadow DB = `shadowDatabaseUrl` or a throw-away DB.
 *  (adapter-pg 7.10's own connectToShadowDb drops the temp DB before closing its pool, which
 *  Postgres refuses: "database ... is being accessed by other users"; so we do it ourselves.) */
export function makeAdapterFactory({ url, shadowDatabaseUrl }) {
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const cfg = pgConfigFromUrl(url);
  // One connection: the engine takes Prisma's session-level advisory lock and releases it with
  // a later query, which on a larger pool could run on another connection and leave the lock
  // held (the next migrate then waits 10 s for it).
  const pool = compatPool({ ...cfg, max: 1 });
  const factory = new PrismaPg(pool, { disposeExternalPool: true, ...(schema ? { schema } : {}) });
  const connect = factory.connect.bind(factory);
  factory.connect = () => connectWholeScript({ connect });
  factory.endPool = () => pool.end();
  factory.connectToShadowDb = async () => {
    if (shadowDatabaseUrl) {
      const sc = pgConfigFromUrl(shadowDatabaseUrl);
      if (sc.host === cfg.host && (sc.port ?? 5432) === (cfg.port ?? 5432) && sc.database === cfg.database)
        throw new Error('shadowDatabaseUrl points at the main database');
      // Like the native engine: start from an empty shadow database.
      const pool = compatPool(sc);
      const { rows } = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`);
      for (const { nspname } of rows) await pool.query(`DROP SCHEMA "${nspname}" CASCADE`);
      await pool.query('CREATE SCHEMA IF NOT EXISTS public');
      return connectWholeScript(new PrismaPg(pool, { disposeExternalPool: true }));
    }
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    const admin = new pg.Client(cfg);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const pool = compatPool({ ...cfg, database });
    // Safety: servers that ignore the database name (PGlite over pglite-socket) would hand us
    // the MAIN database as "shadow", which the engine then wipes. Refuse.
    const { rows } = await pool.query('SELECT current_database() AS db');
    if (rows[0].db !== database) {
      await pool.end(); await admin.query(`DROP DATABASE IF EXISTS "${database}"`).catch(() => {}); await admin.end();
      throw new Error(`Server ignored the database name (got "${rows[0].db}"): cannot use a temporary shadow database here; set datasource.shadowDatabaseUrl`);
    }
    const adapter = await connectWholeScript(new PrismaPg(pool, { disposeExternalPool: true }));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  };
  return factory;
}

/**
 * @param {{ datamodels?: [string,string][], url: string, shadowDatabaseUrl?: string, log?: (s:string)=>void }} o
 */
export async function createWasmSchemaEngine({ datamodels, url, shadowDatabaseUrl, log }) {
  const Engine = await loadClass();
  const factory = makeAdapterFactory({ url, shadowDatabaseUrl });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await Engine.new({ datamodels }, log ?? (() => {}), adapter);
  engine.errorRegistry = adapter.errorRegistry; // JS errors surface as "External error id#N"
  /** Frees the WASM engine and closes its connection. */
  engine.close = async () => {
    engine.free();
    await factory.endPool().catch(() => {});
  };
  return engine;
}

export async function wasmEngineVersion() {
  const dir = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, '');
  return JSON.parse(await readFile(dir + 'package.json', 'utf8')).version;
}
