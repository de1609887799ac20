import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring";
import { loadExample } from "@/scoring/testing/examples";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { buildAiActInventory, providerDocumentationDuty, systemicRiskOf, AI_ACT_HEADERS } from "./ai-act";
import { ASSESSMENT_SHEETS, buildAssessmentSheets, writeAssessmentXlsx } from "./assessment-xlsx";
import { writeDoraCsv, writeGapsCsv } from "./csv";
import { buildB0202, buildB0501, buildB0701, DORA_BUILDERS, doraGaps } from "./dora/build";
import { IMPACT_BY_CRITICALITY, highestSensitiveness, reintegrationOf, relianceOf, SENSITIVENESS_BY_CATEGORY, SERVICE_TYPE_BY_ACCESS_PATH, substitutabilityOf, nonSubstitutabilityReasonOf, type FallbackFacts } from "./dora/mapping";
import { DORA_TEMPLATES, isAllowedValue, SUBSTITUTABILITY } from "./dora/templates";
import type { ExportSource } from "./source";

const AS_OF = "2026-11-01";

/** A frozen assessment of an example inventory, as the database would hand it over. */
function sourceOf(doc: InventoryDocument, patch: Partial<ExportSource> = {}): ExportSource {
  const results = scoreInventory(doc, { asOf: AS_OF });
  return {
    id: "00000000-0000-4000-8000-000000000001",
    asOf: AS_OF,
    createdAt: `${AS_OF}T10:00:00.000Z`,
    score: results.organisation.score,
    rating: results.organisation.rating,
    methodologyVersion: results.methodologyVersion,
    inputsHash: "ab".repeat(32),
    createdBy: { name: "Rita Risk", email: "risk@example.test" },
    inputs: doc,
    landscape: { catalogueEvents: [], active: results.landscape.active },
    results: { ...results, skippedDataFlows: 0, note: null },
    ...patch,
  };
}

const bank = () => sourceOf(loadExample("uk-bank"));
const fb = (over: Partial<FallbackFacts> = {}): FallbackFacts => ({ testedRecently: true, switchFits: true, qualityParityMeasured: true, selfHosted: false, ...over });

describe("the DORA mapping", () => {
  it.each([
    ["no fallback", [], "eba_ZZ:x959"],
    ["an untested fallback", [fb({ testedRecently: false })], "eba_ZZ:x960"],
    ["a tested fallback slower than tolerated", [fb({ switchFits: false })], "eba_ZZ:x961"],
    ["a tested fallback without measured quality parity", [fb({ qualityParityMeasured: false })], "eba_ZZ:x961"],
    ["a tested fallback in time and at parity", [fb()], "eba_ZZ:x962"],
    ["an untested and a drilled fallback: the best counts", [fb({ testedRecently: false }), fb()], "eba_ZZ:x962"],
  ] as const)("rates substitutability with %s as %s", (_what, fallbacks, code) => {
    expect(substitutabilityOf(fallbacks)).toBe(code);
  });

  it("rates a self-hosted dependency at least medium complexity: its publisher cannot switch it off", () => {
    expect(substitutabilityOf([], "self-hosted")).toBe("eba_ZZ:x961");
    expect(substitutabilityOf([fb({ testedRecently: false })], "self-hosted")).toBe("eba_ZZ:x961");
    expect(substitutabilityOf([fb()], "self-hosted")).toBe("eba_ZZ:x962");
    expect(substitutabilityOf([], "direct-api")).toBe("eba_ZZ:x959");
  });

  it("gives the reason the ITS asks for only when not substitutable or highly complex", () => {
    expect(nonSubstitutabilityReasonOf("eba_ZZ:x959")).toBe("eba_ZZ:x963");
    expect(nonSubstitutabilityReasonOf("eba_ZZ:x960")).toBe("eba_ZZ:x964");
    expect(nonSubstitutabilityReasonOf("eba_ZZ:x961")).toBe("");
    expect(nonSubstitutabilityReasonOf("eba_ZZ:x962")).toBe("");
  });

  it("lowers the level of reliance by one step when a fallback exists, never below not significant", () => {
    expect(relianceOf("critical", false)).toBe("eba_ZZ:x797");
    expect(relianceOf("critical", true)).toBe("eba_ZZ:x796");
    expect(relianceOf("medium", false)).toBe("eba_ZZ:x795");
    expect(relianceOf("low", true)).toBe("eba_ZZ:x794");
  });

  it("rates reintegration easy when self-hosted or with a drilled self-hosted fallback, difficult when that fallback is untested, else highly complex", () => {
    expect(reintegrationOf("self-hosted", [])).toBe("eba_ZZ:x798");
    expect(reintegrationOf("direct-api", [fb({ selfHosted: true })])).toBe("eba_ZZ:x798");
    expect(reintegrationOf("direct-api", [fb({ selfHosted: true, testedRecently: false })])).toBe("eba_ZZ:x966");
    expect(reintegrationOf("direct-api", [fb()])).toBe("eba_ZZ:x967");
  });

  it("maps every access path, data category and criticality to a code the template allows", () => {
    const allowed = (template: "b_02.02" | "b_07.01", code: string, value: string) => isAllowedValue(DORA_TEMPLATES[template].columns.find((c) => c.code === code)!, value);
    for (const v of Object.values(SERVICE_TYPE_BY_ACCESS_PATH)) expect(allowed("b_02.02", "c0060", v)).toBe(true);
    for (const v of Object.values(SENSITIVENESS_BY_CATEGORY)) expect(allowed("b_02.02", "c0170", v)).toBe(true);
    for (const v of Object.values(IMPACT_BY_CRITICALITY)) expect(allowed("b_07.01", "c0100", v)).toBe(true);
    expect(SUBSTITUTABILITY.map((s) => s.code).sort()).toEqual(["eba_ZZ:x959", "eba_ZZ:x960", "eba_ZZ:x961", "eba_ZZ:x962"]);
  });

  it("rates a dependency's data by the most sensitive category it carries, including what it sends itself", () => {
    expect(highestSensitiveness([])).toBe("");
    expect(highestSensitiveness(["public", "internal"])).toBe("eba_ZZ:x791");
    expect(highestSensitiveness(["internal", "personal"])).toBe("eba_ZZ:x792");
    expect(highestSensitiveness(["personal", "special-category", "public"])).toBe("eba_ZZ:x793");
  });
});

describe("the DORA templates", () => {
  it("number their columns c0010, c0020, ... in steps of ten, as the ITS does", () => {
    for (const t of Object.values(DORA_TEMPLATES)) expect(t.columns.map((c) => c.code)).toEqual(t.columns.map((_, i) => `c${String((i + 1) * 10).padStart(4, "0")}`));
  });

  it("refuse a code outside a closed set and accept an empty cell", () => {
    const c0050 = DORA_TEMPLATES["b_07.01"].columns[4]!;
    expect(isAllowedValue(c0050, "eba_ZZ:x962")).toBe(true);
    expect(isAllowedValue(c0050, "easily substitutable")).toBe(false);
    expect(isAllowedValue(c0050, "")).toBe(true);
    expect(isAllowedValue(DORA_TEMPLATES["b_05.01"].columns[7]!, "eba_GA:XX")).toBe(false);
  });
});

describe("the DORA builders", () => {
  it("write one B_05.01 row per contracted provider with its HQ country, and list the ultimate parent in the gaps", () => {
    const t = buildB0501(bank());
    const names = t.rows.map((r) => r[4]);
    expect(names).toEqual([...names].sort((a, b) => a!.localeCompare(b!)));
    // The bank reaches Claude through AWS: AWS is the contracted provider, not Anthropic.
    expect(names).toContain("Amazon Web Services");
    const aws = t.rows.find((r) => r[4] === "Amazon Web Services")!;
    expect(aws[6]).toBe("eba_CT:x212");
    expect(aws[7]).toBe("eba_GA:US");
    expect(t.gaps.filter((g) => g.subject === "Provider: Amazon Web Services").map((g) => g.column)).toEqual(expect.arrayContaining(["c0010", "c0020", "c0110", "c0120"]));
    expect(t.gaps.find((g) => g.subject === "Provider: Amazon Web Services" && g.column === "c0110")!.note).toMatch(/Amazon\.com, Inc\. \(US\)/);
  });

  it("write one B_02.02 and one B_07.01 row per dependency, linked by the same reference", () => {
    const s = bank();
    const a = buildB0202(s);
    const b = buildB0701(s);
    expect(a.rows).toHaveLength(s.inputs.dependencies.length);
    expect(a.rows.map((r) => r[0])).toEqual(b.rows.map((r) => r[0]));
    const kyc = b.rows.find((r) => r[0] === "SOVRA-kyc-extraction/claude")!;
    // A drilled, in-time self-hosted fallback at parity: easily substitutable and easy to reintegrate.
    expect(kyc[4]).toBe("eba_ZZ:x962");
    expect(kyc[5]).toBe("");
    expect(kyc[7]).toBe("eba_BT:x28");
    expect(kyc[8]).toBe("eba_ZZ:x798");
    const kycContract = a.rows.find((r) => r[0] === "SOVRA-kyc-extraction/claude")!;
    expect(kycContract[5]).toBe("eba_TA:S18");
    expect(kycContract[12]).toBe("eba_GA:GB");
  });

  it("rates a dependency without any fallback as not substitutable with no alternative providers", () => {
    const doc = loadExample("uk-bank");
    const s = sourceOf({ ...doc, fallbacks: [] });
    const selfHosted = new Set(doc.dependencies.filter((d) => d.accessPath === "self-hosted").map((d) => `SOVRA-${d.key}`));
    expect(selfHosted.size).toBeGreaterThan(0);
    for (const row of buildB0701(s).rows) {
      if (selfHosted.has(row[0]!)) {
        expect(row[4]).toBe("eba_ZZ:x961"); // self-hosted: medium at worst
        continue;
      }
      expect(row[4]).toBe("eba_ZZ:x959");
      expect(row[5]).toBe("eba_ZZ:x963");
      expect(row[10]).toBe("eba_BT:x29");
      expect(row[11]).toBe("");
    }
  });

  it.each(["uk-bank", "frankfurt-manufacturer", "us-startup"])("fill only allowed codes in every column of every template for %s", (name) => {
    const s = sourceOf(loadExample(name));
    for (const build of Object.values(DORA_BUILDERS)) {
      const t = build(s);
      for (const row of t.rows) {
        expect(row).toHaveLength(t.template.columns.length);
        row.forEach((cell, i) => expect(isAllowedValue(t.template.columns[i]!, cell), `${t.template.id} ${t.template.columns[i]!.code} = ${cell}`).toBe(true));
      }
    }
  });

  it("list every empty mandatory cell as a gap", () => {
    const s = bank();
    const gaps = doraGaps(s);
    for (const build of Object.values(DORA_BUILDERS)) {
      const t = build(s);
      t.rows.forEach((row, r) =>
        row.forEach((cell, i) => {
          const col = t.template.columns[i]!;
          if (cell === "" && col.requirement === "mandatory") expect(gaps.some((g) => g.file === t.template.id && g.row === r + 1 && g.column === col.code), `${t.template.id} row ${r + 1} ${col.code}`).toBe(true);
        }),
      );
    }
  });
});

describe("the CSV files", () => {
  it("head a DORA CSV with the column codes, without a BOM, and neutralise free text only", () => {
    const s = bank();
    s.inputs.vendors[0]!.name = "=HYPERLINK(\"x\")";
    const csv = writeDoraCsv(buildB0501(s));
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parse(csv) as string[][];
    expect(header).toEqual(DORA_TEMPLATES["b_05.01"].columns.map((c) => c.code));
    expect(rows.some((r) => r[4] === "'=HYPERLINK(\"x\")")).toBe(true);
    expect(rows.every((r) => r[7]!.startsWith("eba_GA:"))).toBe(true);
    expect(csv).toContain("\r\n");
  });

  it("write the gaps for people: with a BOM, one line per gap", () => {
    const gaps = doraGaps(bank());
    const csv = writeGapsCsv(gaps);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect((parse(csv.slice(1)) as string[][]).length).toBe(gaps.length + 1);
  });

  it("tell a missing value from one Sovra filled in, in the gaps' Kind column", () => {
    const gap = { file: "b_05.01", row: 1, column: "c0010", label: "LEI", subject: "Provider: X", note: "n" };
    const csv = writeGapsCsv([{ ...gap, kind: "missing" }, { ...gap, kind: "review" }]);
    const [header, missing, review] = parse(csv.slice(1)) as string[][];
    const kind = header!.indexOf("Kind");
    expect(missing![kind]).toBe("missing: fill in");
    expect(review![kind]).toBe("filled by Sovra: confirm");
  });

  it("leave a coded DORA cell as it is, even one that starts like a formula", () => {
    const table = buildB0501(bank());
    const coded = table.template.columns.findIndex((c) => c.type !== "alphanumerical");
    const free = table.template.columns.findIndex((c) => c.type === "alphanumerical");
    table.rows[0]![coded] = "-1";
    table.rows[0]![free] = "-1";
    const [, first] = parse(writeDoraCsv(table)) as string[][];
    expect(first![coded]).toBe("-1");
    expect(first![free]).toBe("'-1");
  });
});

describe("the EU AI Act deployer inventory", () => {
  it("presumes systemic risk only above 10^25 FLOP and exempts open models without it from provider documentation", () => {
    expect(systemicRiskOf("above-1e26")).toBe("yes");
    expect(systemicRiskOf("1e25-1e26")).toBe("yes");
    expect(systemicRiskOf("below-1e25")).toBe("no");
    expect(systemicRiskOf(undefined)).toBe("unknown");
    expect(providerDocumentationDuty("open", "no")).toMatch(/^exempt/);
    expect(providerDocumentationDuty("open", "yes")).toMatch(/^owed/);
    expect(providerDocumentationDuty("closed", "no")).toMatch(/^owed/);
  });

  it("has one row per AI system with its models, providers and data categories, and leaves the Art. 26 duties to the deployer", () => {
    const s = bank();
    const inv = buildAiActInventory(s);
    expect(inv.headers).toEqual([...AI_ACT_HEADERS]);
    expect(inv.rows).toHaveLength(s.inputs.aiSystems.length);
    const col = (h: string) => inv.headers.indexOf(h);
    const kyc = inv.rows.find((r) => r[0] === s.inputs.aiSystems.find((x) => x.key === "kyc-extraction")!.name)!;
    expect(kyc[col("Models")]).toContain("Claude Sonnet");
    expect(kyc[col("Providers (HQ country)")]).toContain("Anthropic (US)");
    expect(String(kyc[col("Data categories sent")])).not.toBe("");
    expect(kyc[col("Art. 26(6) logs kept at least six months")]).toBe("");
  });
});

describe("the assessment workbook", () => {
  it("has every sheet, names the assessment it comes from, and writes text that cannot run as a formula", async () => {
    const s = bank();
    s.inputs.aiSystems[0]!.owner = "@SUM(1+1)";
    const sheets = buildAssessmentSheets(s);
    expect(sheets.map((x) => x.name)).toEqual([...ASSESSMENT_SHEETS]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeAssessmentXlsx(s)).buffer as ArrayBuffer);
    const summary = workbook.getWorksheet("Summary")!;
    const values = summary.getColumn(2).values.map(String);
    expect(values).toContain(s.id);
    expect(values).toContain(s.inputsHash);
    const systems = workbook.getWorksheet("AI systems")!;
    const owners = systems.getColumn(2).values.map(String);
    expect(owners).toContain("'@SUM(1+1)");
    systems.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    expect(workbook.getWorksheet("Vendors")!.rowCount).toBe(s.results.vendors.length + 1);
  });
});
