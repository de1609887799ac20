import { describe, expect, it } from "vitest";
import { asFrozenUnder202611 } from "@/lib/assessments/frozen-2026-11.testing";
import { PACKED_FACTORS_FORMAT, packResults, unpackResults } from "@/lib/assessments/frozen-format";
import { scoreInventory } from "@/scoring/score-inventory";
import { loadExample } from "@/scoring/testing/examples";

const AS_OF = "2026-11-01";
/** What the database gives back: plain JSON. */
const stored = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe("packed factor lists in frozen results", () => {
  for (const name of ["frankfurt-manufacturer", "uk-bank", "us-startup"]) {
    it(`gives back exactly what was frozen (${name})`, () => {
      const result = scoreInventory(loadExample(name), { asOf: AS_OF });
      const frozen = { ...result, skippedDataFlows: 2, note: "For the board" };
      const packed = stored(packResults(frozen));
      expect(unpackResults(packed)).toEqual(stored(frozen));
      // Every dependency and system points into the tables instead of carrying its factors.
      const raw = packed as { dependencies: { factors: unknown }[]; systems: { factors: unknown }[]; factorTables: { format: string } };
      expect(raw.factorTables.format).toBe(PACKED_FACTORS_FORMAT);
      expect(raw.dependencies.length).toBe(result.dependencies.length);
      expect(raw.dependencies.every((d) => typeof d.factors === "number")).toBe(true);
      expect(raw.systems.every((s) => typeof s.factors === "number")).toBe(true);
    });
  }

  it("keeps what SQL and the workshop summary read directly where it was", () => {
    const result = scoreInventory(loadExample("frankfurt-manufacturer"), { asOf: AS_OF });
    const packed = stored(packResults({ ...result, skippedDataFlows: 0, note: "Why" })) as Record<string, unknown>;
    expect(packed.note).toBe("Why");
    expect(packed.organisation).toEqual(stored(result.organisation));
    expect(packed.vendors).toEqual(stored(result.vendors));
    expect(packed.findings).toEqual(stored(result.findings));
    expect(packed.landscape).toEqual(stored(result.landscape));
  });

  it("is much smaller than the full lists when factors repeat", () => {
    const doc = loadExample("frankfurt-manufacturer");
    const result = scoreInventory(doc, { asOf: AS_OF });
    const full = JSON.stringify({ ...result, skippedDataFlows: 0, note: null }).length;
    const packed = JSON.stringify(packResults({ ...result, skippedDataFlows: 0, note: null })).length;
    // A system's factors are its weakest dependency's, and sources repeat: at least a third goes.
    expect(packed).toBeLessThan(full * (2 / 3));
  });

  it("reads results frozen before packing (including under methodology 2026.11-1) as they are", () => {
    const result = scoreInventory(loadExample("uk-bank"), { asOf: AS_OF });
    const unpacked = stored({ ...result, skippedDataFlows: 0, note: null });
    expect(unpackResults(unpacked)).toBe(unpacked);
    const old = stored({ ...asFrozenUnder202611(result), skippedDataFlows: 0, note: null });
    expect(unpackResults(old)).toEqual(old);
  });

  it("refuses a packing format it does not know rather than misreading it", () => {
    const result = scoreInventory(loadExample("us-startup"), { asOf: AS_OF });
    const packed = stored(packResults({ ...result, skippedDataFlows: 0, note: null })) as { factorTables: { format: string } };
    packed.factorTables.format = "packed-factors-99";
    expect(() => unpackResults(packed)).toThrow(/Unknown format of frozen results/);
  });
});
