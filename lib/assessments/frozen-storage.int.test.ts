// Compressed storage of frozen assessments (decision 053, "Freezing at 1.0 (compressed storage)"):
// what the readers see is what they saw when the documents were jsonb, rows frozen before still
// read, and an inventory too large is refused, by its rows before it is even loaded.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { frozenLandscape, frozenResults } from "@/lib/assessments/freeze-data";
import { packResults } from "@/lib/assessments/frozen-format";
import { COMPRESSED_FORMAT, FREEZE_HEAP_PER_ROW, MINIMUM_ROW_CHARS, minimumInputsChars } from "@/lib/assessments/frozen-storage";
import { canonicalJson } from "@/lib/assessments/input-diff";
import { FREEZE_LIMITS, freezeAssessment } from "@/lib/assessments/mutations";
import { compareAssessments, getAssessment, listAssessmentNotes } from "@/lib/assessments/queries";
import type { OrgContext } from "@/lib/auth/org-context";
import { exportAiActCsv, exportDoraCsv } from "@/lib/exports/queries";
import { applyInventoryImport } from "@/lib/inventory/import";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { getBoardReport } from "@/lib/reports/queries";
import { db, twoOrganisations } from "@/lib/testing/db";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8")) as InventoryDocumentInput;
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as never;

async function imported(ctx: OrgContext, name: string) {
  const result = await applyInventoryImport(ctx, example(name));
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues)}`);
}

/**
 * The same assessment as the freeze before compressed storage wrote it: the document and the
 * packed results as jsonb (the code of decision 053's "Freezing at scale", with the same engine).
 */
async function storedAsBefore(ctx: OrgContext, frozenId: string) {
  const row = await db().assessment.findFirstOrThrow({ where: { id: frozenId, organisationId: ctx.organisationId } });
  const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
  const parsed = parseInventoryDocument(document);
  if (!parsed.ok) throw new Error("does not parse");
  const asOf = row.asOf.toISOString().slice(0, 10);
  const result = scoreInventory(parsed.value, { asOf });
  const note = (row.results as { note: string | null }).note;
  return db().assessment.create({
    data: {
      organisationId: ctx.organisationId,
      asOf: row.asOf,
      methodologyVersion: row.methodologyVersion,
      inputsHash: row.inputsHash,
      inputs: plain(document),
      landscape: frozenLandscape(result),
      results: plain(packResults(frozenResults(result, { skippedDataFlows, note }))),
      score: row.score,
      rating: row.rating,
      createdById: ctx.userId,
      createdAt: new Date(row.createdAt.getTime() - 60_000),
    },
    select: { id: true },
  });
}

describe("compressed storage of frozen assessments", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  for (const name of ["frankfurt-manufacturer", "uk-bank", "us-startup"]) {
    it(`reads back what the jsonb storage before it read, for every reader (${name})`, async () => {
      const owner = w.ctx(w.a, "owner");
      await imported(owner, name);
      const frozen = await freezeAssessment(owner, { note: `Example ${name}` });
      const before = await storedAsBefore(owner, frozen.id);
      const [now, then] = [(await getAssessment(owner, frozen.id))!, (await getAssessment(owner, before.id))!];
      // The documents every page, export, report, comparison and re-score reads.
      expect(now.inputs).toEqual(then.inputs);
      expect(now.results).toEqual(then.results);
      expect(now.landscape).toEqual(then.landscape);
      expect(now.results.dependencies.length).toBeGreaterThan(0);
      expect(now.results.dependencies.every((d) => d.factors.length === 16)).toBe(true);
      // Compared with each other: nothing changed, not even the inputs.
      const comparison = await compareAssessments(owner, before.id, frozen.id);
      expect(comparison.inputs).toEqual([]);
      expect(comparison.organisation.delta).toBe(0);
      expect([...comparison.vendors, ...comparison.systems].every((x) => x.status === "unchanged")).toBe(true);
      // The exports built from either are the same files.
      for (const file of ["b_05.01", "b_07.01", "gaps"] as const) {
        const [a, b] = [await exportDoraCsv(owner, file, frozen.id), await exportDoraCsv(owner, file, before.id)];
        expect(Buffer.from(a.body).toString("utf8")).toBe(Buffer.from(b.body).toString("utf8"));
      }
      const [ai, aiBefore] = [await exportAiActCsv(owner, frozen.id), await exportAiActCsv(owner, before.id)];
      expect(Buffer.from(ai.body).toString("utf8")).toBe(Buffer.from(aiBefore.body).toString("utf8"));
      // The board report is built from it (and compares it with the one before).
      const report = await getBoardReport(owner, frozen.id, new Date("2026-12-11T12:00:00Z"));
      expect(report).not.toBeNull();
    });
  }

  it("keeps in jsonb what SQL reads, and beside the compressed document its number of AI systems", async () => {
    const owner = w.ctx(w.a, "owner");
    await imported(owner, "uk-bank");
    const frozen = await freezeAssessment(owner, { note: "For the board" });
    const [row] = await db().$queryRaw<{ frozenFormat: string; inputs: unknown; note: string; dimensions: unknown; findings: number; aiSystemCount: number; inputsBytes: number; resultsBytes: number }[]>`
      SELECT "frozenFormat", "inputs", "results"->>'note' AS "note", "results"->'organisation'->'dimensions' AS "dimensions",
        jsonb_array_length("results"->'findings')::int AS "findings", "aiSystemCount", octet_length("inputsCompressed")::int AS "inputsBytes", octet_length("resultsCompressed")::int AS "resultsBytes"
      FROM "Assessment" WHERE "id" = ${frozen.id}::uuid AND "organisationId" = ${w.a.organisation.id}::uuid`;
    const { document } = await loadInventoryDocument(owner);
    expect(row).toMatchObject({ frozenFormat: COMPRESSED_FORMAT, inputs: null, note: "For the board", dimensions: expect.any(Object), aiSystemCount: document.aiSystems!.length });
    expect(row!.findings).toBeGreaterThan(0);
    // Compressed well below the text: the inventory's JSON and the packed results.
    expect(row!.inputsBytes).toBeLessThan(canonicalJson(document).length / 3);
    expect(row!.resultsBytes).toBeGreaterThan(0);
    expect(await listAssessmentNotes(owner)).toEqual(new Map([[frozen.id, "For the board"]]));
  });

  it("reads assessments frozen before compressed storage, packed or not, unchanged", async () => {
    const owner = w.ctx(w.a, "owner");
    await imported(owner, "us-startup");
    const { document, skippedDataFlows } = await loadInventoryDocument(owner);
    const parsed = parseInventoryDocument(document);
    if (!parsed.ok) throw new Error("does not parse");
    const result = frozenResults(scoreInventory(parsed.value, { asOf: "2026-11-01" }), { skippedDataFlows, note: "Old" });
    const base = { organisationId: w.a.organisation.id, asOf: new Date("2026-11-01"), methodologyVersion: result.methodologyVersion, inputsHash: "x", inputs: plain(document), landscape: frozenLandscape(result), score: result.organisation.score, rating: result.organisation.rating };
    for (const results of [packResults(result), result]) {
      const row = await db().assessment.create({ data: { ...base, results: plain(results) }, select: { id: true } });
      const read = (await getAssessment(owner, row.id))!;
      expect(read.inputs).toEqual(plain(document));
      expect(read.results).toEqual(plain(result));
    }
  });

  it("refuses, by its rows and before loading it, an inventory sure to be over the limit or to need more memory than there is, and writes nothing", async () => {
    const owner = w.ctx(w.a, "owner");
    await imported(owner, "frankfurt-manufacturer");
    const where = { organisationId: w.a.organisation.id };
    const [aiSystems, dependencies, dataFlows] = await Promise.all([db().aiSystem.count({ where }), db().dependency.count({ where }), db().dataFlow.count({ where })]);
    const bound = minimumInputsChars({ aiSystems, dependencies, dataFlows });
    // The bound is honest: the document as loaded is longer, row by row.
    const { document } = await loadInventoryDocument(owner);
    expect(document.dataFlows!.length).toBe(dataFlows);
    for (const [section, minimum] of Object.entries(MINIMUM_ROW_CHARS)) {
      for (const row of document[section as keyof typeof MINIMUM_ROW_CHARS]!) expect(canonicalJson(row).length + 1).toBeGreaterThanOrEqual(minimum);
    }
    expect(canonicalJson(document).length).toBeGreaterThan(bound);
    // An inventory the engine cannot read is refused as too large, not as unscoreable: the rows
    // were counted, never loaded.
    // (A marketplace dependency without its cloud, written past the forms.)
    const [system, model] = await Promise.all([db().aiSystem.findFirstOrThrow({ where }), db().model.findFirstOrThrow({ where })]);
    await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: system.id, modelId: model.id, accessPath: "cloud_marketplace" } });
    const saved = { ...FREEZE_LIMITS };
    FREEZE_LIMITS.maxFrozenChars = bound;
    let error: unknown;
    try {
      error = await freezeAssessment(owner, { note: "Too big" }).catch((e: unknown) => e);
    } finally {
      Object.assign(FREEZE_LIMITS, saved);
    }
    const atLeast = minimumInputsChars({ aiSystems, dependencies: dependencies + 1, dataFlows });
    expect(error).toMatchObject({ code: "INVALID_INPUT", status: 422, details: { tooLarge: { dependencies: dependencies + 1, dataFlows, characters: atLeast, limit: bound } } });
    expect((error as Error).message).toMatch(new RegExp(`^This inventory is too large to freeze as an assessment yet: its ${dependencies + 1} dependencies and ${dataFlows} data flows make a record of at least \\d+ KB, and an assessment can hold at most \\d+ KB\\. Nothing was saved\\.`));
    // Rows more than the heap can load: refused before loading too, saying so.
    const rows = (await Promise.all([db().office.count({ where }), db().vendor.count({ where }), db().model.count({ where }), db().aiSystem.count({ where }), db().aiSystemOffice.count({ where }), db().dependency.count({ where }), db().fallback.count({ where }), db().policyEvent.count({ where }), db().dataFlow.count({ where })])).reduce((a, b) => a + b);
    FREEZE_LIMITS.heapBytes = rows * FREEZE_HEAP_PER_ROW - 1;
    try {
      error = await freezeAssessment(owner, { note: "Too big" }).catch((e: unknown) => e);
    } finally {
      Object.assign(FREEZE_LIMITS, saved);
    }
    expect(error).toMatchObject({ code: "INVALID_INPUT", status: 422, details: { tooLarge: { dependencies: dependencies + 1, dataFlows, memory: rows * FREEZE_HEAP_PER_ROW, limit: rows * FREEZE_HEAP_PER_ROW - 1 } } });
    expect((error as Error).message).toMatch(/ need more than \d+(\.\d)? (KB|MB) of memory to freeze, and this server has \d+(\.\d)? (KB|MB)\. Nothing was saved\./);
    expect(await db().assessment.count({ where })).toBe(0);
    expect(await db().auditEvent.count({ where: { ...where, entityType: "assessment" } })).toBe(0);
    // Within the limits, the same inventory is loaded and refused for what it is.
    await expect(freezeAssessment(owner)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { issues: expect.any(Array) } });
  });
});
