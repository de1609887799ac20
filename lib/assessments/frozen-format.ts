// How an assessment's results are stored (decision 053, "Freezing at scale"). The engine gives
// every dependency and every AI system its own list of 16 factors, each with its label, sentence
// and sources; an AI system's list is its weakest dependency's, and most factors repeat word for
// word across dependencies (the same vendor, the same law, the same sources). Written out in
// full, those lists were almost all of a large tenant's results (84 of 90 MB at 10,000
// dependencies), enough to push one row past what a transaction could write in time.
//
// So the stored results keep each distinct factor, each distinct list of sources and each
// distinct list of factors once, in tables beside the results, and the dependencies and systems
// point into them by position. Nothing is lost or rounded: expanding gives back exactly the JSON
// that was frozen. Only `dependencies` and `systems` are packed; everything that SQL or other
// readers reach into directly (the note, the organisation, the vendors, the findings, the
// landscape) stays as it was. Results frozen before this format have no tables and are read as
// they are. Pure: no database, no server-only (the demo seed freezes with it too).
import type { FrozenResults } from "@/lib/assessments/queries";

/** The marker of this storage format, kept in the stored results. */
export const PACKED_FACTORS_FORMAT = "packed-factors-1";

interface FactorTables {
  format: typeof PACKED_FACTORS_FORMAT;
  /** Distinct lists of sources. */
  sources: unknown[][];
  /** Distinct factors, each with `sources` replaced by its position in `sources`. */
  factors: Record<string, unknown>[];
  /** Distinct lists of factors, as positions in `factors`. */
  lists: number[][];
}

/** The key under which the tables are stored in the results. */
export const TABLES_KEY = "factorTables";

type Plain = Record<string, unknown>;

/** Keeps each distinct value once, in first-seen order, and answers its position. */
class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  at(key: string, make: () => T): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(make());
      this.index.set(key, i);
    }
    return i;
  }
}

/**
 * Packs the factor lists of results one entity at a time, collecting the tables as it goes (so a
 * large result can be written out entity by entity, lib/assessments/frozen-storage.ts). The
 * engine hands an AI system its weakest dependency's very list, and one array of sources to many
 * factors: those are recognised by identity before anything is serialised, which was most of
 * the packing's time at 100,000 dependencies.
 */
export class FactorPacker {
  private readonly sources = new Interner<unknown[]>();
  private readonly factors = new Interner<Plain>();
  private readonly lists = new Interner<number[]>();
  private readonly sourcesSeen = new Map<unknown, number>();
  private readonly listsSeen = new Map<unknown, number>();

  private packSources(list: unknown[]): number {
    let at = this.sourcesSeen.get(list);
    if (at === undefined) {
      const text = JSON.stringify(list);
      at = this.sources.at(text, () => JSON.parse(text) as unknown[]);
      this.sourcesSeen.set(list, at);
    }
    return at;
  }

  private packList(list: readonly unknown[]): number {
    let at = this.listsSeen.get(list);
    if (at === undefined) {
      const positions = list.map((factor) => {
        // The factor's own keys in their order, its sources as a position in the sources table.
        const f = factor as Plain;
        const text = JSON.stringify(Array.isArray(f.sources) ? { ...f, sources: this.packSources(f.sources) } : f);
        return this.factors.at(text, () => JSON.parse(text) as Plain);
      });
      at = this.lists.at(positions.join(","), () => positions);
      this.listsSeen.set(list, at);
    }
    return at;
  }

  /** One dependency or AI system as stored: its keys in order (getters evaluated), its factors a position in the tables. */
  entity(entity: object): Plain {
    const out: Plain = {};
    for (const [key, value] of Object.entries(entity)) out[key] = key === "factors" && Array.isArray(value) ? this.packList(value) : value;
    return out;
  }

  /** The tables the packed entities point into, stored under `factorTables` beside them. */
  tables(): FactorTables {
    return { format: PACKED_FACTORS_FORMAT, sources: this.sources.values, factors: this.factors.values, lists: this.lists.values };
  }
}

/**
 * The results as they are stored: plain JSON (the engine's lazy getters are evaluated here, once),
 * with the factor lists of dependencies and systems packed into tables.
 */
export function packResults(results: FrozenResults): Plain {
  const packer = new FactorPacker();
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as Plain;
  const { dependencies, systems, ...rest } = results;
  const out = plain(rest);
  out.dependencies = dependencies.map((d) => plain(packer.entity(d)));
  out.systems = systems.map((s) => plain(packer.entity(s)));
  out[TABLES_KEY] = packer.tables();
  return out;
}

/**
 * The results as frozen, from what the Assessment row stores: packed results expanded (entities
 * with equal factors share the same objects; treat them as read-only), older ones as they are.
 */
export function unpackResults(stored: unknown): FrozenResults {
  const raw = stored as Plain;
  const tables = raw?.[TABLES_KEY] as FactorTables | undefined;
  if (!tables) return stored as FrozenResults;
  if (tables.format !== PACKED_FACTORS_FORMAT) throw new Error(`Unknown format of frozen results: ${String(tables.format)}`);
  const factors = tables.factors.map((f) => (typeof f.sources === "number" ? { ...f, sources: tables.sources[f.sources] } : f));
  const lists = tables.lists.map((positions) => positions.map((i) => factors[i]!));
  const unpack = (entities: unknown) => (entities as Plain[]).map((e) => (typeof e.factors === "number" ? { ...e, factors: lists[e.factors] } : e));
  const out: Plain = { ...raw, dependencies: unpack(raw.dependencies), systems: unpack(raw.systems) };
  delete out[TABLES_KEY];
  return out as unknown as FrozenResults;
}
