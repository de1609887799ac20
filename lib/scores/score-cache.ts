// The per-process cache of live scores (lib/scores/queries.ts), apart from the database so that
// its rules can be read and tested on their own. Entries are valid for one inventory version:
// the counter the database bumps on every write to what a score reads (docs/decisions/052).
// Pure: no database, no I/O; the caller passes how to read versions and how to load.

/**
 * A least-recently-used map whose entries hold the inventory version they were computed at.
 * An entry is served only to a caller that read the same version; a caller that read another
 * version misses and loads again.
 */
export class VersionedLru<T> {
  readonly #entries = new Map<string, { version: bigint; value: T }>();
  readonly #loading = new Map<string, Promise<T>>();

  constructor(readonly capacity: number) {}

  get size() {
    return this.#entries.size;
  }

  /** The value stored under `key` at `version` (then most recently used), else undefined. */
  get(key: string, version: bigint): T | undefined {
    const hit = this.#entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // Most recently used last, so that the organisations people look at stay cached.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value;
  }

  /**
   * Stores `value` under `key` at `version`, unless a newer version is stored already: a slow
   * load that started before a write may finish after a faster load that started after it, and
   * must not push the newer entry out (versions only grow).
   */
  set(key: string, version: bigint, value: T): void {
    const current = this.#entries.get(key);
    if (current && current.version > version) return;
    this.#entries.delete(key);
    this.#entries.set(key, { version, value });
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /**
   * The value at `version`, loaded when missing. Callers that miss on the same key and version at
   * the same time share one load (the first page views after a large import would otherwise each
   * read the whole inventory). A failed load is not remembered.
   */
  async getOrLoad(key: string, version: bigint, load: () => Promise<T>): Promise<T> {
    const hit = this.get(key, version);
    if (hit !== undefined) return hit;
    const loadingKey = `${key}#${version}`;
    const pending = this.#loading.get(loadingKey);
    if (pending) return pending;
    const promise = load().then((value) => {
      this.set(key, version, value);
      return value;
    });
    this.#loading.set(loadingKey, promise);
    try {
      return await promise;
    } finally {
      this.#loading.delete(loadingKey);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * Values for several organisations through `cache`: the versions of all of them are read first, in
 * one call, and only those whose version differs from their entry's are loaded (one at a time, in
 * the order given; a portfolio's cold start should not open 200 inventory reads at once).
 *
 * The version is read BEFORE the inventory is loaded, and the value is stored under that version.
 * A write that commits between the two makes the load see data at least as new as the version
 * says, never older: the next caller reads the bumped version and loads again, so nothing stale is
 * served after the write committed. (Reading the version after loading would be wrong: data read
 * before a write would be stored under the version that write produced, and served for good.)
 */
export async function throughVersionCache<C extends { organisationId: string }, T>(
  cache: VersionedLru<T>,
  items: readonly C[],
  keyOf: (item: C) => string,
  readVersions: (items: readonly C[]) => Promise<ReadonlyMap<string, bigint>>,
  load: (item: C) => Promise<T>,
): Promise<T[]> {
  const versions = await readVersions(items);
  const out: T[] = [];
  for (const item of items) out.push(await cache.getOrLoad(keyOf(item), versions.get(item.organisationId) ?? 0n, () => load(item)));
  return out;
}
