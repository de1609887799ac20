import { brotliDecompressSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asFrozenUnder202611 } from "@/lib/assessments/frozen-2026-11.testing";
import { inputsHashOf } from "@/lib/assessments/freeze-data";
import { packResults } from "@/lib/assessments/frozen-format";
import { COMPRESSED_FORMAT, FrozenTooLarge, readFrozen, storeInputs, storeResults } from "@/lib/assessments/frozen-storage";
import { canonicalJson } from "@/lib/assessments/input-diff";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { loadExample } from "@/scoring/testing/examples";

const AS_OF = "2026-11-01";
const EXAMPLES = ["frankfurt-manufacturer", "uk-bank", "us-startup"];
/** What the database gives back: plain JSON. */
const stored = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const inflated = (bytes: Uint8Array) => brotliDecompressSync(bytes).toString("utf8");

/** An example grown to thousands of data flows, so that arrays span batches and the text spans pieces. */
function grown(name: string, flows: number): InventoryDocumentInput {
  const doc = stored(loadExample(name)) as InventoryDocumentInput;
  const template = doc.dataFlows![0]!;
  doc.dataFlows = Array.from({ length: flows }, (_, i) => ({ ...template, key: `flow-${i}`, categories: i % 3 === 0 ? ["personal", "internal"] : ["public"] }));
  return doc;
}

/** A compressed row as getAssessment reads it. */
async function compressedRow(document: InventoryDocumentInput, results: Parameters<typeof storeResults>[0]) {
  const inputs = await storeInputs(document);
  const r = await storeResults(results);
  return { frozenFormat: COMPRESSED_FORMAT, inputs: null, inputsCompressed: inputs.compressed, results: stored(r.summary), resultsCompressed: r.compressed };
}

describe("compressed storage of a frozen assessment", () => {
  for (const name of EXAMPLES) {
    it(`stores the canonical JSON of the inventory, whose sha256 is the inputs hash (${name})`, async () => {
      const doc = loadExample(name);
      const inputs = await storeInputs(doc);
      expect(inflated(inputs.compressed)).toBe(canonicalJson(doc));
      expect(inputs.inputsHash).toBe(inputsHashOf(doc));
      expect(inputs.chars).toBe(canonicalJson(doc).length);
    });

    it(`reads back exactly what was frozen (${name})`, async () => {
      const doc = loadExample(name);
      const frozen = { ...scoreInventory(doc, { asOf: AS_OF }), skippedDataFlows: 3, note: "For the board" };
      const read = await readFrozen(await compressedRow(doc, frozen));
      expect(read.inputs).toEqual(stored(doc));
      expect(read.results).toEqual(stored(frozen));
    });
  }

  it("writes a large inventory in pieces that join into its canonical JSON", async () => {
    const doc = grown("frankfurt-manufacturer", 12_345);
    const inputs = await storeInputs(doc);
    expect(inputs.chars).toBeGreaterThan(1 << 20);
    expect(inflated(inputs.compressed)).toBe(canonicalJson(doc));
    expect(inputs.inputsHash).toBe(inputsHashOf(doc));
  });

  it("writes any JSON object as canonicalJson does, keys without JSON left out", async () => {
    const value = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.oneof(value, fc.array(value, { maxLength: 1200 }))), async (doc) => {
        const inputs = await storeInputs(doc as InventoryDocumentInput);
        expect(inflated(inputs.compressed)).toBe(canonicalJson(doc));
        expect(inputs.inputsHash).toBe(inputsHashOf(doc));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps in the results column what SQL and the workshop summary read, and compresses the rest", async () => {
    const doc = loadExample("frankfurt-manufacturer");
    const result = scoreInventory(doc, { asOf: AS_OF });
    const r = await storeResults({ ...result, skippedDataFlows: 0, note: "Why" });
    expect(Object.keys(r.summary)).not.toEqual(expect.arrayContaining(["dependencies"]));
    expect(r.summary).not.toHaveProperty("systems");
    expect(r.summary).not.toHaveProperty("factorTables");
    expect(r.summary.note).toBe("Why");
    expect(r.summary.organisation).toEqual(stored(result.organisation));
    expect(r.summary.vendors).toEqual(stored(result.vendors));
    expect(r.summary.findings).toEqual(stored(result.findings));
    expect(r.summary.landscape).toEqual(stored(result.landscape));
    // The compressed part is the packed entities and their tables, as packResults packs them.
    const packed = packResults({ ...result, skippedDataFlows: 0, note: "Why" });
    expect(JSON.parse(inflated(r.compressed))).toEqual(stored({ dependencies: packed.dependencies, systems: packed.systems, factorTables: packed.factorTables }));
    expect(r.chars).toBe(r.summaryChars + inflated(r.compressed).length);
    expect(r.summaryChars).toBe(JSON.stringify(r.summary).length);
    // Written piece by piece, the same text as at once.
    const { dependencies: _d, systems: _s, ...rest } = { ...result, skippedDataFlows: 0, note: "Why" };
    expect(JSON.stringify(r.summary)).toBe(JSON.stringify(rest));
  });

  it("reads assessments frozen before as they were stored: jsonb results packed, unpacked, or under methodology 2026.11-1", async () => {
    const doc = loadExample("uk-bank");
    const result = { ...scoreInventory(doc, { asOf: AS_OF }), skippedDataFlows: 0, note: null };
    const plain = { frozenFormat: null, inputs: stored(doc), inputsCompressed: null, resultsCompressed: null };
    expect(await readFrozen({ ...plain, results: stored(packResults(result)) })).toEqual({ inputs: stored(doc), results: stored(result) });
    expect(await readFrozen({ ...plain, results: stored(result) })).toEqual({ inputs: stored(doc), results: stored(result) });
    const old = stored(asFrozenUnder202611(result));
    expect((await readFrozen({ ...plain, results: old })).results).toEqual(old);
  });

  it("refuses a storage format it does not know, or a compressed row without its documents, rather than misreading it", async () => {
    const doc = loadExample("us-startup");
    const row = await compressedRow(doc, { ...scoreInventory(doc, { asOf: AS_OF }), skippedDataFlows: 0, note: null });
    await expect(readFrozen({ ...row, frozenFormat: "brotli-json-99" })).rejects.toThrow(/Unknown storage format of a frozen assessment: brotli-json-99/);
    await expect(readFrozen({ ...row, resultsCompressed: null })).rejects.toThrow(/lacks its compressed documents/);
  });

  it("stops as soon as a document is over its limit in characters or in compressed bytes", async () => {
    const doc = grown("uk-bank", 5_000);
    const chars = canonicalJson(doc).length;
    const overChars = await storeInputs(doc, { maxChars: chars - 1, maxBytes: Number.POSITIVE_INFINITY }).catch((e: unknown) => e);
    expect(overChars).toBeInstanceOf(FrozenTooLarge);
    expect(overChars).toMatchObject({ unit: "chars" });
    expect((overChars as FrozenTooLarge).size).toBeGreaterThan(chars - 1);
    await expect(storeInputs(doc, { maxChars: chars, maxBytes: Number.POSITIVE_INFINITY })).resolves.toMatchObject({ chars });

    const { compressed } = await storeInputs(doc);
    const overBytes = await storeInputs(doc, { maxChars: Number.POSITIVE_INFINITY, maxBytes: compressed.byteLength - 1 }).catch((e: unknown) => e);
    expect(overBytes).toMatchObject({ unit: "bytes" });
    expect((overBytes as FrozenTooLarge).size).toBeGreaterThan(compressed.byteLength - 1);

    const result = { ...scoreInventory(loadExample("uk-bank"), { asOf: AS_OF }), skippedDataFlows: 0, note: null };
    const full = await storeResults(result);
    const overResults = await storeResults(result, { maxChars: full.chars - 1, maxBytes: Number.POSITIVE_INFINITY }).catch((e: unknown) => e);
    expect(overResults).toMatchObject({ unit: "chars" });
    expect((overResults as FrozenTooLarge).size).toBeGreaterThan(full.chars - 1);
    await expect(storeResults(result, { maxChars: full.chars, maxBytes: Number.POSITIVE_INFINITY })).resolves.toMatchObject({ chars: full.chars });
  });
});
