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
const TABLES_KEY = "factorTables";

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
 * The results as they are stored: plain JSON (the engine's lazy getters are evaluated here, once),
 * with the factor lists of dependencies and systems packed into tables.
 */
export function packResults(results: FrozenResults): Plain {
  const sources = new Interner<unknown[]>();
  const factors = new Interner<Plain>();
  const lists = new Interner<number[]>();
  const packList = (list: readonly unknown[]): number => {
    const positions = list.map((factor) => {
      const text = JSON.stringify(factor);
      return factors.at(text, () => {
        const plain = JSON.parse(text) as Plain;
        if (Array.isArray(plain.sources)) {
          const list = plain.sources;
          plain.sources = sources.at(JSON.stringify(list), () => list);
        }
        return plain;
      });
    });
    return lists.at(positions.join(","), () => positions);
  };
  // Key by key (the getters of an AI system are enumerable own properties), the factors packed in place.
  const packEntities = (entities: readonly object[]) =>
    entities.map((entity) => {
      const out: Plain = {};
      for (const [key, value] of Object.entries(entity)) out[key] = key === "factors" && Array.isArray(value) ? packList(value) : value;
      return JSON.parse(JSON.stringify(out)) as Plain;
    });
  const { dependencies, systems, ...rest } = results;
  const out = JSON.parse(JSON.stringify(rest)) as Plain;
  out.dependencies = packEntities(dependencies);
  out.systems = packEntities(systems);
  const tables: FactorTables = { format: PACKED_FACTORS_FORMAT, sources: sources.values, factors: factors.values, lists: lists.values };
  out[TABLES_KEY] = tables;
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
