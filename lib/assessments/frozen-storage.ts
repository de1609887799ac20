// How an assessment's frozen documents are stored since decision 053's "Freezing at 1.0
// (compressed storage)". The inventory document of a tenant of 500,000 data flows is 128 MB of
// JSON and its packed results 72 MB: past what one jsonb value should hold, and written through
// Prisma at ~7 MB/s. Both compress 20-40x (the rows repeat their keys, offices and models), so the
// Assessment row keeps them brotli-compressed in two bytea columns:
//
// - `inputsCompressed`: the canonical (key-sorted) JSON of the inventory document, the very text
//   whose sha256 is `inputsHash`, written in pieces while it is hashed;
// - `resultsCompressed`: the packed results' dependencies, systems and factor tables
//   (lib/assessments/frozen-format.ts), packed and written one entity at a time;
// - `results` (jsonb) keeps everything else of the results, which SQL and the workshop summary
//   read in place (the note, organisation, vendors, findings, landscape), and `inputs` is null.
//
// `frozenFormat` marks the row: null for assessments frozen before (plain jsonb, results packed
// or not), which are read as they always were. Pure: no database, no server-only (the demo seed
// freezes with it too).
import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { promisify } from "node:util";
import { brotliDecompress, constants as zlib, createBrotliCompress } from "node:zlib";
import { FactorPacker, TABLES_KEY, unpackResults } from "@/lib/assessments/frozen-format";
import { canonicalJson } from "@/lib/assessments/input-diff";
import type { FrozenResults } from "@/lib/assessments/queries";
import { ACCESS_PATHS, CRITICALITIES, DATA_CATEGORIES, TRANSFER_MECHANISMS } from "@/scoring/schema/primitives";
import { dataFlowSchema, type InventoryDocumentInput } from "@/scoring/schema/inventory";

/** The marker of this storage, in the row's `frozenFormat` column. */
export const COMPRESSED_FORMAT = "brotli-json-1";

/**
 * Brotli at quality 5: on the 1.0 tenant it compressed the 128 MB inventory 37x in 1.3 s and
 * inflated it in 0.7 s; gzip at level 1 took 0.4 s but left 2.5x the bytes and inflated no faster
 * (decision 053). Compression runs on libuv's thread pool, not the event loop.
 */
const BROTLI = {
  chunkSize: 1 << 20,
  params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT },
};

/** What the freeze may write; over either, the writer stops at once with {@link FrozenTooLarge}. */
export interface FrozenLimits {
  /** JSON characters of this document. */
  maxChars: number;
  /** Compressed bytes of this document. */
  maxBytes: number;
}

export const UNLIMITED: FrozenLimits = { maxChars: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };

/**
 * Bytes of heap per character of a frozen record's JSON that its heaviest use needs: the board
 * report comparing it with an assessment of the same size holds both, parsed, with the report
 * built from them (decision 053: two assessments of 201 MB each, the 1.0 tenant, were reported
 * within a 2 GB heap; one froze within 1.25 GB). The limit on a record is the heap divided by this.
 */
export const HEAP_PER_FROZEN_CHAR = 12;

/**
 * Bytes of heap a freeze needs at least per inventory row it loads (decision 053: the 1.0 tenant,
 * 685,000 rows, ran out of a 1 GB heap and froze within 1.25 GB). A bound from below, measured:
 * rows over the heap divided by this cannot be frozen by this process, whatever their text.
 */
export const FREEZE_HEAP_PER_ROW = 1_500;

const shortest = (values: readonly string[]) => values.reduce((a, b) => (b.length < a.length ? b : a));

/**
 * The fewest characters each row takes in the canonical inventory document as
 * loadInventoryDocument builds it (every field it always writes, with empty keys and names and
 * the shortest values), and the comma after it.
 */
export const MINIMUM_ROW_CHARS = {
  aiSystems: canonicalJson({ key: "", name: "", criticality: shortest(CRITICALITIES), toleratedDowntimeHours: 0, offices: [] }).length + 1,
  dependencies: canonicalJson({ key: "", system: "", model: "", accessPath: shortest(ACCESS_PATHS), exitPlan: { documented: true } }).length + 1,
  dataFlows:
    canonicalJson({
      key: "",
      fromOffice: "",
      dependency: "",
      categories: [shortest(DATA_CATEGORIES)],
      volume: shortest(dataFlowSchema.shape.volume.unwrap().options),
      transferMechanism: shortest(TRANSFER_MECHANISMS),
      encrypted: true,
    }).length + 1,
};

/**
 * The least characters of canonical JSON an inventory with these rows can make (the data flows
 * counted as loadInventoryDocument places them): a bound from below, so a count over the limit is
 * sure to be over it once loaded.
 */
export function minimumInputsChars(rows: { aiSystems: number; dependencies: number; dataFlows: number }): number {
  return rows.aiSystems * MINIMUM_ROW_CHARS.aiSystems + rows.dependencies * MINIMUM_ROW_CHARS.dependencies + rows.dataFlows * MINIMUM_ROW_CHARS.dataFlows;
}

/** A document over its limit: `size` is how far the writer got (characters of JSON, or compressed bytes) when it stopped. */
export class FrozenTooLarge extends Error {
  constructor(
    readonly unit: "chars" | "bytes",
    readonly size: number,
  ) {
    super(`frozen document over its limit (${size} ${unit} so far)`);
  }
}

/** How long the writer runs between turns of the event loop, so that other requests are served meanwhile. */
const SLICE_MS = 15;
/** Text handed to the compressor at a time. */
const PIECE_CHARS = 1 << 20;

/**
 * JSON text written piece by piece into a brotli stream: compression overlaps with building the
 * text (another core), no string of the whole document is ever made, and the writer gives the
 * event loop a turn every {@link SLICE_MS}.
 */
class CompressedJsonWriter {
  chars = 0;
  private bytes = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly out: Buffer[] = [];
  private readonly stream = createBrotliCompress(BROTLI);
  private failure: Error | null = null;
  private slice = performance.now();

  constructor(
    private readonly limits: FrozenLimits,
    private readonly hash?: Hash,
  ) {
    this.stream.on("data", (chunk: Buffer) => {
      this.bytes += chunk.length;
      if (this.bytes > this.limits.maxBytes) this.failure ??= new FrozenTooLarge("bytes", this.bytes);
      else this.out.push(chunk);
    });
    this.stream.on("error", (e: Error) => void (this.failure ??= e));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.chars += text.length;
    if (this.chars > this.limits.maxChars) throw new FrozenTooLarge("chars", this.chars);
    // Pieces are whole JSON tokens, so no character is split between two updates.
    this.hash?.update(text);
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= PIECE_CHARS) {
      this.stream.write(this.take());
      // Up to a few pieces wait for the compressor: the text goes on being built meanwhile.
      if (this.stream.writableLength > 4 * PIECE_CHARS) await once(this.stream, "drain");
    }
    if (performance.now() - this.slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.slice = performance.now();
    }
  }

  /** The compressed bytes, once the compressor has finished. */
  async end(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.failure) throw this.failure;
    this.stream.end(this.take());
    await finished(this.stream);
    if (this.failure) throw this.failure;
    return Buffer.concat(this.out, this.bytes);
  }

  /** Frees the compressor after a failure (harmless after end()). */
  close(): void {
    this.stream.destroy();
  }

  private take(): string {
    const piece = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    return piece;
  }
}

async function written(limits: FrozenLimits, hash: Hash | undefined, write: (w: CompressedJsonWriter) => Promise<void>) {
  const w = new CompressedJsonWriter(limits, hash);
  try {
    await write(w);
    const compressed = await w.end();
    return { compressed, chars: w.chars };
  } finally {
    w.close();
  }
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
/** Array elements serialised at a time: ~100 KB of data flows. */
const BATCH = 500;

/**
 * `canonicalJson(document)`, written in pieces: the top level's keys sorted as canonicalJson sorts
 * them, each array a batch of elements at a time (each batch through canonicalJson itself, so the
 * text is the same character for character, and so is its sha256).
 */
async function writeCanonical(document: object, w: CompressedJsonWriter): Promise<void> {
  let first = true;
  const key = (k: string) => {
    const text = `${first ? "{" : ","}${JSON.stringify(k)}:`;
    first = false;
    return text;
  };
  // In canonicalJson's order: sorted, then as an object enumerates them (integer-like keys first).
  for (const [k, value] of Object.entries(Object.fromEntries(Object.entries(document).sort(byKey)))) {
    if (Array.isArray(value)) {
      await w.write(`${key(k)}[`);
      for (let i = 0; i < value.length; i += BATCH) await w.write(`${i > 0 ? "," : ""}${canonicalJson(value.slice(i, i + BATCH)).slice(1, -1)}`);
      await w.write("]");
    } else {
      // As JSON.stringify does: a key whose value has no JSON (undefined, a function) is left out.
      const text = canonicalJson(value) as string | undefined;
      if (text !== undefined) await w.write(`${key(k)}${text}`);
    }
  }
  await w.write(first ? "{}" : "}");
}

export interface StoredInputs {
  compressed: Uint8Array<ArrayBuffer>;
  /** Characters of the canonical JSON. */
  chars: number;
  /** sha256 of the canonical JSON: the assessment's `inputsHash`. */
  inputsHash: string;
}

/** The inventory document as it is stored: its canonical JSON, compressed, with its length and sha256. */
export async function storeInputs(document: InventoryDocumentInput, limits: FrozenLimits = UNLIMITED): Promise<StoredInputs> {
  const hash = createHash("sha256");
  const { compressed, chars } = await written(limits, hash, (w) => writeCanonical(document, w));
  return { compressed, chars, inputsHash: hash.digest("hex") };
}

/** The results' parts that are compressed; everything else stays in the `results` jsonb column. */
const COMPRESSED_RESULTS = ["dependencies", "systems", TABLES_KEY] as const;

export interface StoredResults {
  /** The results without their dependencies and systems, as plain JSON: the `results` column. */
  summary: Record<string, unknown>;
  /** The packed dependencies, systems and factor tables, compressed. */
  compressed: Uint8Array<ArrayBuffer>;
  /** Characters of JSON of both. */
  chars: number;
  /** Characters of JSON of the summary alone. */
  summaryChars: number;
}

/**
 * The results as they are stored: the summary as plain JSON, and the dependencies and systems
 * packed (frozen-format.ts) and written one at a time, with the factor tables after them.
 */
export async function storeResults(results: FrozenResults, limits: FrozenLimits = UNLIMITED): Promise<StoredResults> {
  const { dependencies, systems, ...rest } = results;
  const summaryText = await summaryJson(rest);
  if (summaryText.length > limits.maxChars) throw new FrozenTooLarge("chars", summaryText.length);
  const packer = new FactorPacker();
  const entities = async (w: CompressedJsonWriter, list: readonly object[]) => {
    for (let i = 0; i < list.length; i++) await w.write(`${i > 0 ? "," : ""}${JSON.stringify(packer.entity(list[i]!))}`);
  };
  const { compressed, chars } = await written({ maxChars: limits.maxChars - summaryText.length, maxBytes: limits.maxBytes }, undefined, async (w) => {
    await w.write('{"dependencies":[');
    await entities(w, dependencies);
    await w.write('],"systems":[');
    await entities(w, systems);
    await w.write(`],${JSON.stringify(TABLES_KEY)}:${JSON.stringify(packer.tables())}}`);
  }).catch((e: unknown) => {
    // Over the limit: how far it got counts the summary too.
    throw e instanceof FrozenTooLarge && e.unit === "chars" ? new FrozenTooLarge("chars", e.size + summaryText.length) : e;
  });
  return { summary: JSON.parse(summaryText) as Record<string, unknown>, compressed, chars: chars + summaryText.length, summaryChars: summaryText.length };
}

/**
 * `JSON.stringify(summary)`, an element of each array at a time with turns of the event loop
 * between: the vendors' explanations are built as they are serialised (the engine's lazy getters),
 * 3 s for 150 vendors of 50,000 dependencies.
 */
async function summaryJson(summary: Record<string, unknown>): Promise<string> {
  const parts: string[] = [];
  let slice = performance.now();
  for (const [key, value] of Object.entries(summary)) {
    let text: string | undefined;
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (const item of value as unknown[]) {
        items.push((JSON.stringify(item) as string | undefined) ?? "null");
        if (performance.now() - slice > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
      }
      text = `[${items.join(",")}]`;
    } else text = JSON.stringify(value) as string | undefined;
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}

/** The frozen documents' columns of an Assessment row, as read. */
export interface StoredFrozenColumns {
  frozenFormat: string | null;
  inputs: unknown;
  results: unknown;
  inputsCompressed: Uint8Array | null;
  resultsCompressed: Uint8Array | null;
}

const inflate = promisify(brotliDecompress);

/**
 * The inventory document and the results as they were frozen, whichever way the row stores them:
 * compressed (inflated and unpacked) or, for assessments frozen before, plain jsonb (unpacked when
 * packed). A format this code does not know is an error, never a misreading.
 */
export async function readFrozen(row: StoredFrozenColumns): Promise<{ inputs: InventoryDocumentInput; results: FrozenResults }> {
  if (row.frozenFormat === null) return { inputs: row.inputs as InventoryDocumentInput, results: unpackResults(row.results) };
  if (row.frozenFormat !== COMPRESSED_FORMAT) throw new Error(`Unknown storage format of a frozen assessment: ${row.frozenFormat}`);
  if (!row.inputsCompressed || !row.resultsCompressed) throw new Error(`A frozen assessment stored as ${COMPRESSED_FORMAT} lacks its compressed documents`);
  // Both inflate on the thread pool at once; each is then parsed in a turn of the event loop of its
  // own (JSON.parse cannot be cut shorter: 1-2 s for the 128 MB inventory of 500,000 data flows).
  const [inputsText, resultsText] = await Promise.all([inflate(row.inputsCompressed, { chunkSize: BROTLI.chunkSize }), inflate(row.resultsCompressed, { chunkSize: BROTLI.chunkSize })]);
  const inputs = JSON.parse(inputsText.toString("utf8")) as InventoryDocumentInput;
  await new Promise((resolve) => setImmediate(resolve));
  const packed = JSON.parse(resultsText.toString("utf8")) as Record<string, unknown>;
  await new Promise((resolve) => setImmediate(resolve));
  for (const k of Object.keys(packed)) if (!(COMPRESSED_RESULTS as readonly string[]).includes(k)) throw new Error(`A frozen assessment's compressed results hold an unexpected part: ${k}`);
  return { inputs, results: unpackResults({ ...(row.results as Record<string, unknown>), ...packed }) };
}
