import { brotliDecompressSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { COMPRESSED_FORMAT } from "@/lib/assessments/frozen-storage";
import { canonicalJson } from "@/lib/assessments/input-diff";
import { FREEZE_LIMITS, freezeAssessment, inputsHashOf } from "@/lib/assessments/mutations";
import { assessmentChanges, changeDigest, compareAssessments, getAssessment, listAssessmentNotes, listAssessments } from "@/lib/assessments/queries";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { today } from "@/lib/scores/queries";
import { ROLES } from "@/lib/auth/permissions";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import { METHODOLOGY_VERSION } from "@/scoring/version";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** A small inventory: a US frontier API behind a critical support chat, with an untested self-hosted open-weight fallback. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const frontier = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const publisher = await db().vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const closed = await db().model.create({ data: { organisationId, vendorId: frontier.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db().model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({
    data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 },
  });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: closed.id, accessPath: "direct_api" } });
  const fallback = await db().fallback.create({
    data: { organisationId, dependencyId: dependency.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60 },
  });
  return { office, frontier, publisher, closed, open, system, dependency, fallback };
}

describe("assessments", () => {
  let w: World;
  let rows: Awaited<ReturnType<typeof inventory>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    rows = await inventory(w.a.organisation.id);
  });

  it("freezes the canonical inputs, their hash, the landscape, the methodology and the results, with an audit event", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const frozen = await freezeAssessment(analyst, { note: "Board, December" });
    const row = await db().assessment.findFirstOrThrow({ where: { id: frozen.id, organisationId: w.a.organisation.id } });
    const { document } = await loadInventoryDocument(analyst);
    // Stored compressed: the very text the hash is of (lib/assessments/frozen-storage.ts).
    expect(row).toMatchObject({ frozenFormat: COMPRESSED_FORMAT, inputs: null, aiSystemCount: 1 });
    expect(brotliDecompressSync(row.inputsCompressed!).toString("utf8")).toBe(canonicalJson(document));
    expect(row.inputsHash).toBe(inputsHashOf(document));
    expect(row.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.methodologyVersion).toBe(METHODOLOGY_VERSION);
    expect(row.asOf.toISOString().slice(0, 10)).toBe(today());
    expect(row.createdById).toBe(w.a.users.analyst.id);

    const live = scoreInventory((parseInventoryDocument(document) as { ok: true; value: never }).value, { asOf: today() });
    expect(row.score).toBe(live.organisation.score);
    expect(row.rating).toBe(live.organisation.rating);
    const assessment = (await getAssessment(analyst, frozen.id))!;
    expect(assessment.results.organisation.score).toBe(live.organisation.score);
    expect(assessment.results.vendors.map((v) => v.name)).toEqual(["Frontier Labs"]); // vendors the organisation depends on; fallbacks do not count
    expect(assessment.results.findings.length).toBeGreaterThan(0);
    expect(assessment.results.note).toBe("Board, December");
    // The list shows it, for this organisation only.
    expect(await listAssessmentNotes(analyst)).toEqual(new Map([[frozen.id, "Board, December"]]));
    expect(await listAssessmentNotes(w.ctx(w.b, "analyst"))).toEqual(new Map());
    expect(assessment.landscape.catalogueEvents).toHaveLength(DEFAULT_POLICY_EVENTS.length);
    expect(assessment.createdBy?.email).toBe(w.a.users.analyst.email);
    expect(assessment.inputs).toEqual(JSON.parse(JSON.stringify(document)));

    // The frozen inputs and landscape reproduce the frozen score without today's catalogue.
    const reparsed = parseInventoryDocument(assessment.inputs);
    if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.issues));
    expect(scoreInventory(reparsed.value, { asOf: assessment.asOf, landscape: assessment.landscape.catalogueEvents }).organisation.score).toBe(row.score);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityType: "assessment", entityId: frozen.id } });
    expect(audit).toMatchObject({ action: "create", actorId: w.a.users.analyst.id, after: expect.objectContaining({ score: row.score, inputsHash: row.inputsHash, note: "Board, December" }) });
  });

  it("is immutable: the database refuses an UPDATE", async () => {
    const frozen = await freezeAssessment(w.ctx(w.a, "owner"));
    await expect(db().assessment.update({ where: { id: frozen.id }, data: { score: 100 } })).rejects.toThrow(/immutable/);
    await expect(db().$executeRaw`UPDATE "Assessment" SET "rating" = 'Very High' WHERE "id" = ${frozen.id}::uuid`).rejects.toThrow(/immutable/);
    expect((await db().assessment.findUniqueOrThrow({ where: { id: frozen.id } })).score).toBe(frozen.score);
  });

  it("refuses a second freeze of an unchanged inventory on the same day, naming the assessment that holds it", async () => {
    const owner = w.ctx(w.a, "owner");
    const first = await freezeAssessment(owner);
    await expect(freezeAssessment(owner)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Nothing has changed since the assessment of/), details: { assessmentId: first.id } });
    // Against another day's landscape it is a different assessment.
    const earlier = await freezeAssessment(owner, { asOf: "2025-03-01" });
    expect(earlier.asOf).toBe("2025-03-01");
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(2);
  });

  it("refuses, with the problems, an inventory the engine cannot score, and stores nothing", async () => {
    const owner = w.ctx(w.a, "owner");
    await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: rows.system.id, modelId: rows.open.id, accessPath: "cloud_marketplace" } });
    const error = await freezeAssessment(owner).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/cannot be scored yet/) });
    expect((error as { details: { issues: unknown[] } }).details.issues.length).toBeGreaterThan(0);
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("stores the factor lists packed and reads the results back exactly as the engine gave them", async () => {
    const owner = w.ctx(w.a, "owner");
    const second = await db().aiSystem.create({ data: { organisationId: w.a.organisation.id, name: "Code assistant", owner: "Dev", criticality: "low", toleratedDowntimeMinutes: 2880 } });
    await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: second.id, modelId: rows.closed.id, accessPath: "direct_api" } });
    const frozen = await freezeAssessment(owner, { note: "Packed" });
    const row = await db().assessment.findFirstOrThrow({ where: { id: frozen.id, organisationId: w.a.organisation.id }, select: { results: true, resultsCompressed: true } });
    // Packed and compressed; the jsonb column keeps the rest of the results.
    const stored = JSON.parse(brotliDecompressSync(row.resultsCompressed!).toString("utf8")) as { dependencies: { factors: unknown }[]; factorTables?: unknown };
    expect(stored.factorTables).toBeDefined();
    expect(stored.dependencies.map((d) => typeof d.factors)).toEqual(["number", "number"]);
    expect(Object.keys(row.results as object)).not.toEqual(expect.arrayContaining(["dependencies"]));
    expect(row.results).toMatchObject({ note: "Packed", organisation: { systemCount: 2 } });

    const { document } = await loadInventoryDocument(owner);
    const live = scoreInventory((parseInventoryDocument(document) as { ok: true; value: never }).value, { asOf: today() });
    const assessment = (await getAssessment(owner, frozen.id))!;
    expect(assessment.results).toEqual(JSON.parse(JSON.stringify({ ...live, skippedDataFlows: 0, note: "Packed" })));
    expect(assessment.results.dependencies.every((d) => d.factors.length === 16)).toBe(true);
  });

  it("refuses, before writing anything, an inventory too large to freeze, saying how large it is and what to do", async () => {
    const owner = w.ctx(w.a, "owner");
    await db().dataFlow.create({
      data: { organisationId: w.a.organisation.id, name: "Tickets", originOfficeId: rows.office.id, dependencyId: rows.dependency.id, vendorId: rows.frontier.id, processingCountry: "US", dataCategories: ["personal"], volume: "medium", transferMechanism: "adequacy", encryption: "in_transit" },
    });
    // Two points of refusal: the inventory document alone over the limit (before scoring), and
    // the whole record over it (the document fits, its results do not). The record is measured as
    // it is written, and writing stops at the limit: the size given is always a lower bound.
    const { document } = await loadInventoryDocument(owner);
    const documentChars = JSON.stringify(document).length;
    const saved = { ...FREEZE_LIMITS };
    for (const lowered of [documentChars - 1, documentChars + 1]) {
      FREEZE_LIMITS.maxFrozenChars = lowered;
      let error: unknown;
      try {
        error = await freezeAssessment(owner, { note: "Too big" }).catch((e: unknown) => e);
      } finally {
        Object.assign(FREEZE_LIMITS, saved);
      }
      expect(error).toMatchObject({ name: "AppError", code: "INVALID_INPUT", status: 422, details: { tooLarge: { dependencies: 1, dataFlows: 1, limit: lowered } } });
      const message = (error as Error).message;
      expect(message).toMatch(/^This inventory is too large to freeze as an assessment yet: its 1 dependency and 1 data flow make a record of at least \d+ KB, and an assessment can hold at most \d+ KB\. Nothing was saved\./);
      expect(message).toMatch(/record data flows more coarsely/);
      expect((error as { details: { tooLarge: { characters: number } } }).details.tooLarge.characters).toBeGreaterThan(lowered);
    }
    // Compressed, the record is a few KB: over a lower limit of compressed bytes, refused too.
    FREEZE_LIMITS.maxCompressedBytes = 100;
    let error: unknown;
    try {
      error = await freezeAssessment(owner, { note: "Too big" }).catch((e: unknown) => e);
    } finally {
      Object.assign(FREEZE_LIMITS, saved);
    }
    expect(error).toMatchObject({ code: "INVALID_INPUT", status: 422, details: { tooLarge: { dependencies: 1, dataFlows: 1, bytes: expect.any(Number), limit: 100 } } });
    expect((error as Error).message).toMatch(/make a record of at least \d+ KB even compressed, and an assessment can store at most 1 KB compressed\. Nothing was saved\./);
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { organisationId: w.a.organisation.id, entityType: "assessment" } })).toBe(0);
    // Under the real limits the same inventory freezes.
    await expect(freezeAssessment(owner, { note: "Fits" })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("reports a write that ran out of time as an error, never as an assessment that is not there", async () => {
    const owner = w.ctx(w.a, "owner");
    FREEZE_LIMITS.transactionTimeoutMs = 1; // the transaction expires under its first statements
    let error: unknown;
    try {
      error = await freezeAssessment(owner).catch((e: unknown) => e);
    } finally {
      delete FREEZE_LIMITS.transactionTimeoutMs;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^freezeAssessment: the (transaction for a record of [\d.]+ KB did not complete within 0\.001 s|assessment was not written)/);
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    await expect(freezeAssessment(owner)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("compares two assessments: a fallback tested moves the score, and the reason is the changed input", async () => {
    const owner = w.ctx(w.a, "owner");
    const before = await freezeAssessment(owner);
    await db().fallback.update({ where: { id: rows.fallback.id }, data: { lastTestedAt: new Date(`${today()}T00:00:00Z`), qualityParityChecked: true } });
    const after = await freezeAssessment(owner);

    const c = await compareAssessments(w.ctx(w.a, "viewer"), before.id, after.id);
    expect(c.before.id).toBe(before.id);
    expect(c.after.id).toBe(after.id);
    expect(c.organisation.before).toBe(before.score);
    expect(c.organisation.after).toBe(after.score);
    expect(c.organisation.delta).toBeGreaterThan(0);
    expect(c.organisation.delta).toBeCloseTo(after.score - before.score, 2);
    expect(c.organisation.factors.length).toBeGreaterThan(0);
    expect(c.dimensions.find((d) => d.dimension === "fallback")!.delta).toBeGreaterThan(0);
    expect(c.dimensions.find((d) => d.dimension === "access")!.delta).toBe(0);

    const system = c.systems.find((s) => s.name === "Support chat")!;
    expect(system).toMatchObject({ status: "changed", before: expect.any(Number), after: expect.any(Number) });
    expect(system.delta).toBeGreaterThan(0);

    expect(c.inputs).toEqual([
      {
        section: "fallbacks",
        key: expect.any(String),
        label: "Fallback of Support chat → Big Model: Open Model (self-hosted)",
        change: "changed",
        fields: [
          { field: "lastTested", label: "Last tested", before: undefined, after: today(), beforeText: "—", afterText: expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/) },
          { field: "qualityParityMeasured", label: "Quality parity measured", before: false, after: true, beforeText: "no", afterText: "yes" },
        ],
      },
    ]);
    expect(c.methodology).toEqual({ before: METHODOLOGY_VERSION, after: METHODOLOGY_VERSION, changed: false });
    expect(c.landscape).toEqual({ imposed: [], lifted: [], partlyLifted: [] });
  });

  it("keeps the overview's digest of a comparison: the comparison's own figures, computed once per pair, with the summaries given", async () => {
    const owner = w.ctx(w.a, "owner");
    const viewer = w.ctx(w.a, "viewer");
    await freezeAssessment(owner);
    await db().fallback.update({ where: { id: rows.fallback.id }, data: { lastTestedAt: new Date(`${today()}T00:00:00Z`), qualityParityChecked: true } });
    await freezeAssessment(owner);
    const [latest, previous] = await listAssessments(viewer);

    const counter = createQueryCounter();
    try {
      const first = await counter.count(() => assessmentChanges(viewer, previous!, latest!));
      expect(first.result).toEqual(changeDigest(await compareAssessments(viewer, previous!.id, latest!.id)));
      expect(first.result.inputChanges).toBe(1);
      expect(first.result.organisation.delta).toBeGreaterThan(0);
      expect(first.statements.length).toBeGreaterThan(0); // it loaded both assessments
      // Again: nothing is read, and the summaries shown are the ones given (here, a renamed freezer).
      const renamed = { ...latest!, createdBy: { name: "Renamed", email: latest!.createdBy!.email } };
      const again = await counter.count(() => assessmentChanges(viewer, previous!, renamed));
      expect(again.statements).toEqual([]);
      expect(again.result).toEqual({ ...first.result, after: renamed });
      // The pair in the other order is another comparison.
      const reversed = await assessmentChanges(viewer, latest!, previous!);
      expect(reversed.organisation.delta).toBe(-first.result.organisation.delta);
    } finally {
      await counter.close();
    }
    // Another organisation is refused even once the pair is kept, and the role is checked before the cache.
    await expect(assessmentChanges(w.ctx(w.b, "owner"), previous!, latest!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assessmentChanges({ ...viewer, role: "nobody" as never }, previous!, latest!)).rejects.toThrow();
  });

  it("compares across the policy landscape: a restriction coming into force, then partly lifted, each with its estimated date", async () => {
    const owner = w.ctx(w.a, "owner");
    const anthropic = await db().vendor.create({ data: { organisationId: w.a.organisation.id, name: "Anthropic", vendorType: "frontier_lab", hqCountry: "US" } });
    const claude = await db().model.create({ data: { organisationId: w.a.organisation.id, vendorId: anthropic.id, name: "Claude Sonnet", family: "claude", weights: "closed", licence: "proprietary" } });
    await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: rows.system.id, modelId: claude.id, accessPath: "direct_api" } });
    const before = await freezeAssessment(owner, { asOf: "2026-01-15" });
    const during = await freezeAssessment(owner, { asOf: "2026-05-04" });
    const after = await freezeAssessment(owner, { asOf: "2026-09-01" });
    const restriction = { key: "us-anthropic-model-export-restriction", title: "US export restriction on Anthropic's advanced models", effectiveDate: "2026-03-02", dateEstimated: true };

    const imposed = await compareAssessments(owner, before.id, during.id);
    expect(imposed.landscape).toEqual({ imposed: [restriction], lifted: [], partlyLifted: [] });
    expect(imposed.organisation.delta).toBeLessThan(0); // Berlin is cut off from Claude

    const eased = await compareAssessments(owner, during.id, after.id);
    expect(eased.landscape).toEqual({
      imposed: [],
      lifted: [],
      partlyLifted: [{ ...restriction, lifts: [{ key: "us-anthropic-model-export-restriction-eased-allies", title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true }] }],
    });
    expect(eased.organisation.delta).toBeGreaterThan(0); // Germany is one of the allies
  });

  it("compares a deleted dependency as a removed input and a removed vendor", async () => {
    const owner = w.ctx(w.a, "owner");
    const second = await db().aiSystem.create({ data: { organisationId: w.a.organisation.id, name: "Code assistant", owner: "Dev", criticality: "low", toleratedDowntimeMinutes: 2880 } });
    const dep = await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: second.id, modelId: rows.open.id, accessPath: "self_hosted", hostingCountry: "DE" } });
    const before = await freezeAssessment(owner);
    await db().dependency.delete({ where: { id: dep.id } });
    const after = await freezeAssessment(owner);
    const c = await compareAssessments(owner, before.id, after.id);
    expect(c.inputs).toContainEqual(expect.objectContaining({ section: "dependencies", change: "removed", label: "Code assistant → Open Model (self-hosted)" }));
    expect(c.systems.find((s) => s.name === "Code assistant")).toMatchObject({ status: "removed", after: null, delta: null });
    expect(c.organisation.delta).not.toBe(0);
  });

  it("lists newest first with who froze it; another organisation's ids are hidden", async () => {
    const first = await freezeAssessment(w.ctx(w.a, "analyst"));
    await db().fallback.update({ where: { id: rows.fallback.id }, data: { switchTimeMinutes: 30 } });
    const second = await freezeAssessment(w.ctx(w.a, "owner"));
    const list = await listAssessments(w.ctx(w.a, "viewer"));
    expect(list.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(list[1]).toMatchObject({ asOf: today(), methodologyVersion: METHODOLOGY_VERSION, createdBy: { email: w.a.users.analyst.email } });

    const asB = w.ctx(w.b, "owner");
    expect(await listAssessments(asB)).toEqual([]);
    expect(await getAssessment(asB, first.id)).toBeNull();
    expect(await getAssessment(asB, "not-a-uuid")).toBeNull();
    await expect(compareAssessments(asB, first.id, second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await freezeAssessment(asB);
    await expect(compareAssessments(asB, own.id, second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets owners and analysts freeze, and refuses editors and viewers", async () => {
    for (const role of ROLES) {
      await db().fallback.update({ where: { id: rows.fallback.id }, data: { switchTimeMinutes: { increment: 1 } } });
      const attempt = freezeAssessment(w.ctx(w.a, role));
      if (role === "owner" || role === "analyst") await expect(attempt).resolves.toMatchObject({ id: expect.any(String) });
      else await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(2);
  });
});
