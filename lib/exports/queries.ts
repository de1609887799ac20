import "server-only";
import { randomUUID } from "node:crypto";
import packageJson from "@/package.json";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { getAssessment, listAssessments, type AssessmentSummary } from "@/lib/assessments/queries";
import { scoreOrganisation } from "@/lib/scores/queries";
import { buildAiActInventory, type CurrentSystemFacts } from "./ai-act";
import { writeAssessmentXlsx } from "./assessment-xlsx";
import { writeCsv, writeDoraCsv, writeGapsCsv } from "./csv";
import { DORA_BUILDERS, doraGaps } from "./dora/build";
import type { DoraTemplateId } from "./dora/templates";
import type { ExportGap, ExportSource } from "./source";
import { buildCycloneDxBom, CYCLONEDX_MEDIA_TYPE, serializeCycloneDxBom, type CycloneDxSpecVersion } from "./cyclonedx";

// Every export but the AI-BOM is built from one frozen assessment of the caller's organisation
// (decision 025): the one asked for, or the latest. Without any, the caller is told to freeze one
// first. The AI-BOM is the live inventory (decision 044).

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
}

export const NO_ASSESSMENT_MESSAGE =
  "There is no assessment to export yet: freeze one first (Scores → Assessments → Freeze assessment, or POST /api/v1/orgs/{org}/assessments). Every export is built from a frozen, dated assessment.";

/** The assessment `assessmentId` of the caller's organisation, or its latest; NOT_FOUND for an unknown id, CONFLICT when there is none. */
export async function getExportSource(ctx: OrgContext, assessmentId?: string): Promise<ExportSource> {
  assertCan(ctx, "reports:export");
  let id = assessmentId;
  if (id === undefined) {
    const latest = await db().assessment.findFirst({ where: { organisationId: ctx.organisationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    if (!latest) throw new AppError("CONFLICT", NO_ASSESSMENT_MESSAGE);
    id = latest.id;
  }
  const assessment = await getAssessment(ctx, id);
  if (!assessment) throw notFoundError("Assessment");
  return assessment;
}

/** Purpose and users served of the organisation's AI systems today, by name (the frozen document does not carry them). */
async function currentSystemFacts(ctx: OrgContext): Promise<CurrentSystemFacts> {
  const rows = await db().aiSystem.findMany({ where: { organisationId: ctx.organisationId }, select: { name: true, description: true, usersServed: true } });
  return new Map(rows.map((r) => [r.name, { description: r.description, usersServed: r.usersServed }]));
}

/**
 * Records who exported which file of which assessment: regulatory registers leave the building
 * through these files, and the risk officer's audit trail should show when and by whom.
 */
async function recorded(ctx: OrgContext, source: ExportSource, file: ExportFile): Promise<ExportFile> {
  await recordAudit(db(), ctx, { action: "export", entityType: "assessment", entityId: source.id, after: { file: file.fileName, bytes: file.body.byteLength } });
  return file;
}

const encoder = new TextEncoder();
const CSV = "text/csv; charset=utf-8";
const fileName = (ctx: OrgContext, source: ExportSource, what: string) => `sovra-${ctx.organisationSlug}-${source.asOf}-${what}`;

/** The full assessment as an XLSX workbook. */
export async function exportAssessmentXlsx(ctx: OrgContext, assessmentId?: string): Promise<ExportFile> {
  const source = await getExportSource(ctx, assessmentId);
  return recorded(ctx, source, { fileName: fileName(ctx, source, "assessment.xlsx"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: await writeAssessmentXlsx(source, await currentSystemFacts(ctx)) });
}

/** One DORA Register of Information template (B_05.01, B_02.02, B_07.01) as the EBA's CSV, or the list of its gaps. */
export async function exportDoraCsv(ctx: OrgContext, file: DoraTemplateId | "gaps", assessmentId?: string): Promise<ExportFile> {
  const source = await getExportSource(ctx, assessmentId);
  const text = file === "gaps" ? writeGapsCsv(doraGaps(source)) : writeDoraCsv(DORA_BUILDERS[file](source));
  return recorded(ctx, source, { fileName: fileName(ctx, source, file === "gaps" ? "dora-gaps.csv" : `${file}.csv`), contentType: CSV, body: encoder.encode(text) });
}

/** The EU AI Act deployer inventory as CSV. */
export async function exportAiActCsv(ctx: OrgContext, assessmentId?: string): Promise<ExportFile> {
  const source = await getExportSource(ctx, assessmentId);
  return recorded(ctx, source, { fileName: fileName(ctx, source, "ai-act-deployer-inventory.csv"), contentType: CSV, body: encoder.encode(writeCsv(buildAiActInventory(source, await currentSystemFacts(ctx)))) });
}

export interface ExportsOverview {
  assessments: AssessmentSummary[];
  /** Gaps of the latest assessment's DORA extract, per file and kind (null without an assessment). */
  latestGaps: { file: string; missing: number; review: number; columns: string[] }[] | null;
  /** AI systems in the latest assessment. */
  latestSystems: number | null;
}

/** What the Reports page's export panel shows: the assessments to choose from and the latest one's gaps. */
export async function getExportsOverview(ctx: OrgContext): Promise<ExportsOverview> {
  assertCan(ctx, "reports:export");
  const assessments = await listAssessments(ctx);
  if (assessments.length === 0) return { assessments, latestGaps: null, latestSystems: null };
  const latest = assessments[0]!;
  // A frozen assessment never changes, so neither do its gaps: the Reports page would otherwise
  // load the whole frozen document and build the DORA extract on every visit (~1 s at 10,000
  // dependencies). The key carries the organisation; the id came from its own list above.
  const key = `${ctx.organisationId}:${latest.id}`;
  let summary = gapSummaries.get(key);
  if (!summary) {
    const source = await getExportSource(ctx, latest.id);
    summary = { latestGaps: summariseGaps(doraGaps(source)), latestSystems: (source.inputs.aiSystems ?? []).length };
    if (gapSummaries.size >= GAP_SUMMARIES_MAX) gapSummaries.delete(gapSummaries.keys().next().value!);
    gapSummaries.set(key, summary);
  }
  return { assessments, ...summary };
}

const GAP_SUMMARIES_MAX = 200;
const gapSummaries = new Map<string, Pick<ExportsOverview, "latestGaps" | "latestSystems">>();

function summariseGaps(gaps: readonly ExportGap[]): NonNullable<ExportsOverview["latestGaps"]> {
  const files = [...new Set(gaps.map((g) => g.file))];
  return files.map((file) => {
    const own = gaps.filter((g) => g.file === file);
    return { file, missing: own.filter((g) => g.kind === "missing").length, review: own.filter((g) => g.kind === "review").length, columns: [...new Set(own.filter((g) => g.kind === "missing").map((g) => g.column))] };
  });
}

/**
 * The inventory as it stands today as a CycloneDX ML-BOM (decision 044). Unlike the registers it
 * is not built from a frozen assessment: security teams' BOM tools track what runs now, so it
 * carries today's score and the restrictions in force today, and its own timestamp and serial.
 * CONFLICT while the inventory cannot be scored (the Scores page lists what to fix).
 */
export async function exportCycloneDx(ctx: OrgContext, specVersion: CycloneDxSpecVersion = "1.6"): Promise<ExportFile> {
  assertCan(ctx, "reports:export");
  const now = new Date();
  const asOf = now.toISOString().slice(0, 10); // as today() reads it, from the same instant as the timestamp
  const live = await scoreOrganisation(ctx, asOf);
  if (!live.ok) {
    throw new AppError("CONFLICT", `The inventory cannot be scored yet (${live.issues.length} problem${live.issues.length === 1 ? "" : "s"}), so it cannot be exported as a BOM. The Scores page lists what to fix.`);
  }
  // Two things the inventory document does not carry: data flows' names and AI systems' purposes.
  const where = { organisationId: ctx.organisationId };
  const [flows, systems] = await Promise.all([
    db().dataFlow.findMany({ where, select: { id: true, name: true } }),
    db().aiSystem.findMany({ where, select: { id: true, description: true } }),
  ]);
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const descriptions = new Map(systems.map((s) => [s.id, s.description]));
  const byKey = (ids: Record<string, string>, values: Map<string, string>) => Object.fromEntries(Object.entries(ids).flatMap(([key, id]) => (values.get(id) ? [[key, values.get(id)!]] : [])));
  const bom = buildCycloneDxBom({
    specVersion,
    serialNumber: randomUUID(),
    timestamp: now.toISOString(),
    tool: { name: "Sovra", version: packageJson.version },
    organisationId: ctx.organisationId,
    document: live.document,
    result: live.result,
    rowIds: live.rowIds,
    dataFlowNames: byKey(live.rowIds.dataFlows, flowNames),
    systemDescriptions: byKey(live.rowIds.aiSystems, descriptions),
    skippedDataFlows: live.skippedDataFlows,
  });
  const file: ExportFile = { fileName: `sovra-${ctx.organisationSlug}-${asOf}-ai-bom.cdx.json`, contentType: CYCLONEDX_MEDIA_TYPE, body: serializeCycloneDxBom(bom) };
  await recordAudit(db(), ctx, { action: "export", entityType: "organisation", entityId: ctx.organisationId, after: { file: file.fileName, bytes: file.body.byteLength, specVersion } });
  return file;
}
