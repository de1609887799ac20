import ExcelJS from "exceljs";
import { neutralise } from "@/lib/inventory/tabular";
import { DIMENSIONS } from "@/scoring/options";
import { FACTORS } from "@/scoring/engine/factors/types";
import { buildAiActInventory, type CurrentSystemFacts } from "./ai-act";
import type { ExportSource } from "./source";

// The full assessment as a workbook for risk officers: every sheet is built from the frozen
// assessment only, so each figure traces to it (the Summary names its id, date and inputs hash).
// Plain values only, never formulas; text neutralised against formula injection as in the
// inventory export (lib/inventory/tabular.ts).

type Cell = string | number | boolean | null;
export interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** Column widths in characters (default from the header). */
  widths?: number[];
}

export const ASSESSMENT_SHEETS = ["Summary", "Vendors", "AI systems", "Dependencies", "Fallbacks", "Data flows", "Findings", "Policy events", "EU AI Act", "Methodology"] as const;

const yes = (b: boolean | undefined) => (b === undefined ? "" : b ? "yes" : "no");

/** The assessment's sheets as plain tables (pure; the workbook writer below only lays them out). */
export function buildAssessmentSheets(source: ExportSource, current?: CurrentSystemFacts): Sheet[] {
  const doc = source.inputs;
  const r = source.results;
  const name = <T extends { key: string; name: string }>(xs: readonly T[] | undefined) => {
    const m = new Map((xs ?? []).map((x) => [x.key, x.name]));
    return (k: string | undefined) => (k === undefined ? "" : (m.get(k) ?? k));
  };
  const vendorName = name(doc.vendors);
  const modelName = name(doc.models);
  const systemName = name(doc.aiSystems);
  const officeName = name(doc.offices);
  const deps = new Map((doc.dependencies ?? []).map((d) => [d.key, d]));
  const depLabel = (k: string) => {
    const d = deps.get(k);
    return d ? `${systemName(d.system)} → ${modelName(d.model)}` : k;
  };
  const depResults = new Map(r.dependencies.map((d) => [d.key, d]));
  const docVendors = new Map((doc.vendors ?? []).map((v) => [v.key, v]));
  const models = new Map((doc.models ?? []).map((m) => [m.key, m]));
  const systemRows = new Map((doc.aiSystems ?? []).map((s) => [s.key, s]));
  const ai = buildAiActInventory(source, current);

  return [
    {
      name: "Summary",
      headers: ["Item", "Value"],
      widths: [34, 90],
      rows: [
        ["Organisation", r.organisation.name],
        ["Assessment id", source.id],
        ["Scored as of", source.asOf],
        ["Frozen at", source.createdAt],
        ["Frozen by", source.createdBy ? `${source.createdBy.name} <${source.createdBy.email}>` : ""],
        ["Methodology version", source.methodologyVersion],
        ["Inputs hash (SHA-256 of the inventory document)", source.inputsHash],
        ["Sovereignty score (0-100, higher is more sovereign)", r.organisation.score],
        ["Rating", r.organisation.rating],
        ["Profile", r.organisation.profile],
        ...DIMENSIONS.map((d): Cell[] => [`Dimension: ${d}`, r.organisation.dimensions[d]]),
        ["AI systems", r.organisation.systemCount],
        ["Dependencies", r.organisation.dependencyCount],
        ...Object.entries(r.organisation.concentration).map(([axis, c]): Cell[] => [`Concentration (HHI) by ${axis}`, Math.round(c.hhi * 1000) / 1000]),
        ["Policy events in force", r.landscape.active.length],
        ["Data flows left out when frozen", r.skippedDataFlows ?? 0],
        ["Note", r.note ?? ""],
      ],
    },
    {
      name: "Vendors",
      headers: ["Vendor", "Type", "HQ country", "Ultimate parent", "Parent country", "Access type", "Dependencies", "AI systems", "Score", "Rating", "Profile", "EU CSF (indicative)"],
      rows: r.vendors.map((v) => {
        const d = docVendors.get(v.key);
        return [v.name, d?.type ?? "", v.hqCountry, d?.ultimateParent?.name ?? "", v.ultimateParentCountry ?? "", v.accessType, v.dependencyCount, v.systemCount, v.score, v.rating, v.profile, v.seal.overall];
      }),
    },
    {
      name: "AI systems",
      headers: ["AI system", "Owner", "Criticality", "Tolerated downtime (hours)", "Offices", "Dependencies", "Weakest dependency", "Score", "Rating", "Profile"],
      rows: r.systems.map((s) => {
        const d = systemRows.get(s.key);
        return [s.name, d?.owner ?? "", s.criticality, d?.toleratedDowntimeHours ?? "", (d?.offices ?? []).map(officeName).join("; "), s.dependencies.length, depLabel(s.weakestDependency), s.score, s.rating, s.profile];
      }),
    },
    {
      name: "Dependencies",
      headers: ["AI system", "Model", "Vendor", "Access path", "Cloud", "Hosting country", "Data sensitivity", "Exit plan documented", "Exit plan reviewed", "Best fallback", "Restricted by", "Score", "Rating", "Profile"],
      rows: r.dependencies.map((d) => {
        const row = deps.get(d.key);
        return [systemName(d.system), modelName(d.model), vendorName(d.vendor), d.accessPath, vendorName(d.cloud), d.hostingCountry, d.sensitivity, yes(row?.exitPlan?.documented), row?.exitPlan?.lastReviewed ?? "", d.bestFallback ?? "", d.restrictedBy.join("; "), d.score, d.rating, d.profile];
      }),
    },
    {
      name: "Fallbacks",
      headers: ["For dependency", "Fallback model", "Vendor", "Access path", "Cloud", "Hosting country", "Last tested", "Switch time (hours)", "Tolerated downtime (hours)", "Quality parity measured", "Exit plan", "Exit plan URL"],
      rows: (doc.fallbacks ?? []).map((f) => {
        const dep = deps.get(f.dependency);
        const model = models.get(f.model);
        return [depLabel(f.dependency), modelName(f.model), vendorName(model?.vendor), f.accessPath, vendorName(f.cloud), f.hostingRegion?.country ?? "", f.lastTested ?? "never", f.switchTimeHours ?? "", dep ? (systemRows.get(dep.system)?.toleratedDowntimeHours ?? "") : "", yes(f.qualityParityMeasured), f.exitPlan ?? "", f.exitPlanUrl ?? ""];
      }),
    },
    {
      name: "Data flows",
      headers: ["From office", "Dependency", "Categories", "Processing country", "Volume", "Transfer mechanism", "Encrypted"],
      rows: (doc.dataFlows ?? []).map((f) => [officeName(f.fromOffice), depLabel(f.dependency), f.categories.join("; "), depResults.get(f.dependency)?.hostingCountry ?? "", f.volume ?? "", f.transferMechanism ?? "", yes(f.encrypted)]),
    },
    {
      name: "Findings",
      headers: ["AI system", "Dependency", "Factor", "Points lost", "Explanation", "Sources"],
      widths: [24, 36, 34, 12, 90, 50],
      rows: r.findings.map((f) => [systemName(f.system), depLabel(f.dependency), FACTORS.find((x) => x.id === f.factor)?.label ?? f.factor, f.pointsLost, f.sentence, f.sources.map((s) => s.ref).join("; ")]),
    },
    {
      name: "Policy events",
      headers: ["Key", "Title", "Type", "In force since"],
      rows: r.landscape.active.map((e) => [e.key, e.title, e.type, e.effectiveDate]),
    },
    { name: "EU AI Act", headers: ai.headers, rows: ai.rows },
    {
      name: "Methodology",
      headers: ["Factor", "Dimension", "Maximum points in its dimension", "What it measures"],
      widths: [30, 16, 14, 70],
      rows: [
        ...FACTORS.map((f): Cell[] => [f.id, f.dimension, f.max, f.label]),
        [],
        ["Version", source.methodologyVersion, "", "Scores are the sum of the named factors, weighted by dimension; see docs/METHODOLOGY.md."],
        ["Ratings", "", "", "Very Low < 35 ≤ Low < 50 ≤ Medium < 65 ≤ High < 80 ≤ Very High (default thresholds)."],
      ],
    },
  ];
}

/** Writes sheets as a workbook: bold frozen header, plain values, neutralised text. */
export async function writeSheets(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sovra";
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = s.headers.map((header, i) => ({ header, width: s.widths?.[i] ?? Math.min(40, Math.max(12, header.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const cells of s.rows) sheet.addRow(cells.map((c) => (typeof c === "string" ? neutralise(c) : c)));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const writeAssessmentXlsx = (source: ExportSource, current?: CurrentSystemFacts) => writeSheets(buildAssessmentSheets(source, current));
