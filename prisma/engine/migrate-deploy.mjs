// In-process equivalent of `prisma migrate deploy` (same WASM engine, same _prisma_migrations).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createWasmSchemaEngine } from './wasm-engine.mjs';

export function loadMigrations(dir = 'prisma/migrations') {
  const baseDir = path.resolve(dir);
  const lock = path.join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir) ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  return {
    baseDir, shadowDbInitScript: '',
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null },
    migrationDirectories: dirs.map((d) => {
      const f = path.join(baseDir, d, 'migration.sql');
      return { path: d, migrationFile: { path: 'migration.sql', content: existsSync(f) ? { tag: 'ok', value: readFileSync(f, 'utf8') } : { tag: 'error', value: 'missing' } } };
    }),
  };
}

export async function migrateDeploy(url, dir) {
  const engine = await createWasmSchemaEngine({ url });
  try {
    return await engine.applyMigrations({ migrationsList: loadMigrations(dir), filters: { externalTables: [], externalEnums: [] } });
  } finally { await engine.close(); }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  const r = await migrateDeploy(process.env.DATABASE_URL);
  console.log('applied', r.appliedMigrationNames, 'in', Date.now() - t0, 'ms');
  process.exit(0);
}
