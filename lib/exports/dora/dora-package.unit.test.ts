import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring";
import { loadExample } from "@/scoring/testing/examples";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { parseEnv } from "@/lib/env";
import { leiSchema } from "@/lib/organisations/schemas";
import type { ExportSource } from "../source";
import { buildB0101, buildB0201, buildB0202, buildB0501, buildB0502, type DoraEntity } from "./build";
import { isValidLei, leiProblem, leiRemainder, normaliseLei } from "./lei";
import { supplyChainOf } from "./mapping";
import { buildDoraPackage, doraPackageName, packageTimestamp, unzipDoraPackage, zipDoraPackage, type DoraPackage, type DoraPackageFile } from "./package";
import { doraPackageQuerySchema } from "./package-options";
import { DORA_MODULE_TEMPLATES, DORA_TAXONOMY_ENTRY_POINT } from "./taxonomy";
import { DORA_TEMPLATES } from "./templates";
import { checkDoraPackage, DORA_RULES, MAX_FAILURES, type DoraRuleId } from "./validate";

const AS_OF = "2026-11-01";
const LEI = "529900T8BM49AURSDO55";
const CREATED = new Date("2026-12-01T10:00:00.123Z");

function sourceOf(doc: InventoryDocument): ExportSource {
  const results = scoreInventory(doc, { asOf: AS_OF });
  return {
    id: "00000000-0000-4000-8000-000000000001",
    asOf: AS_OF,
    createdAt: `${AS_OF}T10:00:00.000Z`,
    score: results.organisation.score,
    rating: results.organisation.rating,
    methodologyVersion: results.methodologyVersion,
    inputsHash: "ab".repeat(32),
    createdBy: null,
    inputs: doc,
    landscape: { catalogueEvents: [], active: results.landscape.active },
    results: { ...results, skippedDataFlows: 0, note: null },
  };
}

const bank = () => sourceOf(loadExample("uk-bank"));
const entity = (over: Partial<DoraEntity> = {}): DoraEntity => ({ lei: LEI, name: "Albion Bank plc", country: "GB", reportingDate: "2026-12-01", ...over });
const packageOf = (over: Partial<DoraEntity> = {}, source = bank()) =>
  buildDoraPackage(source, entity(over), { refDate: "2025-12-31", consolidation: "CON", currency: "EUR" }, { entryPoint: DORA_TAXONOMY_ENTRY_POINT, createdAt: CREATED });

const folderOf = (pkg: { fileName: string }) => pkg.fileName.slice(0, -4);
const fileOf = (pkg: Pick<DoraPackage, "fileName" | "files">, path: string) => pkg.files.find((f) => f.path === `${folderOf(pkg)}/${path}`)?.text;
const rowsOf = (pkg: Pick<DoraPackage, "fileName" | "files">, path: string) => parse(fileOf(pkg, path)!) as string[][];

/** A copy of the package with one file's rows changed (header included), as someone editing it by hand would. */
function editCsv(pkg: DoraPackage, path: string, change: (rows: string[][]) => string[][]): DoraPackage {
  return replaceFile(pkg, path, stringify(change(rowsOf(pkg, path).map((r) => [...r])), { record_delimiter: "\r\n" }));
}
function replaceFile(pkg: DoraPackage, path: string, text: string): DoraPackage {
  const full = `${folderOf(pkg)}/${path}`;
  return { ...pkg, files: pkg.files.map((f) => (f.path === full ? { ...f, text } : f)) };
}
function dropFile(pkg: DoraPackage, path: string): DoraPackage {
  return { ...pkg, files: pkg.files.filter((f) => f.path !== `${folderOf(pkg)}/${path}`) };
}
function addFile(pkg: DoraPackage, file: DoraPackageFile): DoraPackage {
  return { ...pkg, files: [...pkg.files, file] };
}
/** Renames the zip and its folder together (a package renamed consistently). */
function rename(pkg: DoraPackage, fileName: string): DoraPackage {
  const from = folderOf(pkg);
  const to = fileName.slice(0, -4);
  return { ...pkg, fileName, files: pkg.files.map((f) => ({ ...f, path: f.path.replace(`${from}/`, `${to}/`) })) };
}

const resultOf = (pkg: DoraPackage, id: DoraRuleId) => checkDoraPackage(pkg).find((c) => c.id === id)!;
const blockingFailures = (pkg: DoraPackage) => checkDoraPackage(pkg).filter((c) => c.blocksDownload && !c.passed);

describe("the LEI (ISO 17442)", () => {
  it.each(["529900T8BM49AURSDO55", "5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394", "INR2EJN1ERAN0W5ZP974"])("accepts the issued LEI %s: its MOD 97-10 remainder is 1", (lei) => {
    expect(leiRemainder(lei)).toBe(1);
    expect(isValidLei(lei)).toBe(true);
    expect(leiProblem(lei)).toBeNull();
  });

  it.each([
    ["a wrong check digit", "529900T8BM49AURSDO56", /check digits .* do not match/],
    ["swapped check digits", "5493001KJTIIGC8Y1R21", /check digits .* do not match/],
    ["two characters swapped in the body", "529900T8BM49AURSOD55", /check digits .* do not match/],
    ["a mistyped letter", "7LTWFZYICNSX8D621K68", /check digits .* do not match/],
    ["19 characters", "529900T8BM49AURSDO5", /20 characters; this one has 19/],
    ["21 characters", "529900T8BM49AURSDO555", /20 characters; this one has 21/],
    ["lower case (not normalised)", "529900t8bm49aursdo55", /capital letters/],
    ["a hyphen", "529900T8BM49-URSDO55", /capital letters/],
    ["letters as check digits", "529900T8BM49AURSDOAB", /must be digits/],
  ])("refuses %s", (_what, lei, message) => {
    expect(isValidLei(lei)).toBe(false);
    expect(leiProblem(lei)).toMatch(message);
  });

  it("writes what a person typed as an LEI: no spaces, upper case", () => {
    expect(normaliseLei(" 5299 00t8bm49aursdo55 ")).toBe(LEI);
    expect(leiRemainder("52-99")).toBeNaN();
  });

  it("makes check digits that validate, and catches every single-character substitution of the same kind", () => {
    const alnum = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split(""));
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 18, maxLength: 18 }), fc.nat(17), fc.nat(35), (body, at, pick) => {
        const base = body.join("");
        const check = String(98 - leiRemainder(`${base}00`)).padStart(2, "0");
        const lei = `${base}${check}`;
        expect(isValidLei(lei)).toBe(true);
        // Same class (digit for digit, letter for letter): the difference is k * 10^n with 0 < |k| < 97, never a multiple of 97.
        const pool = /\d/.test(base[at]!) ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const other = pool[pick % pool.length]!;
        if (other === base[at]) return;
        expect(isValidLei(`${base.slice(0, at)}${other}${base.slice(at + 1)}${check}`)).toBe(false);
      }),
    );
  });

  it("is what the organisation's settings accept: upper-cased, blank clears it, a bad check digit refused", () => {
    expect(leiSchema.parse(" 529900t8bm49aursdo55")).toBe(LEI);
    expect(leiSchema.parse("  ")).toBeNull();
    const bad = leiSchema.safeParse("529900T8BM49AURSDO56");
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/check digits/);
  });
});

describe("the ICT service supply chain (B_05.02)", () => {
  it.each([
    ["a direct API: the lab alone at rank 1", "direct-api", "anthropic", undefined, [{ rank: 1, provider: "anthropic" }]],
    ["self-hosted open weights: the publisher at rank 1", "self-hosted", "meta", undefined, [{ rank: 1, provider: "meta" }]],
    [
      "a cloud marketplace: the cloud at rank 1, the lab at rank 2 for it",
      "cloud-marketplace",
      "anthropic",
      "aws",
      [
        { rank: 1, provider: "aws" },
        { rank: 2, provider: "anthropic", recipient: "aws" },
      ],
    ],
    [
      "third-party hosting: the host at rank 1, the publisher at rank 2",
      "third-party-hosted",
      "mistral",
      "ovh",
      [
        { rank: 1, provider: "ovh" },
        { rank: 2, provider: "mistral", recipient: "ovh" },
      ],
    ],
    ["a model its own cloud sells: one link", "cloud-marketplace", "google", "google", [{ rank: 1, provider: "google" }]],
    ["a marketplace route without a recorded cloud: the lab", "cloud-marketplace", "anthropic", undefined, [{ rank: 1, provider: "anthropic" }]],
  ] as const)("%s", (_what, path, vendor, cloud, chain) => {
    expect(supplyChainOf(path, vendor, cloud)).toEqual(chain);
  });
});

describe("the package's templates", () => {
  it("B_01.01: one row for the entity, with its LEI, name, country and reporting date; type and authority filled when given, else gaps", () => {
    const bare = buildB0101(entity());
    expect(bare.rows).toEqual([[LEI, "Albion Bank plc", "eba_GA:GB", "", "", "2026-12-01"]]);
    expect(bare.gaps.map((g) => g.column)).toEqual(["c0040", "c0050"]);
    const full = buildB0101(entity({ entityType: "eba_CT:x12", competentAuthority: "Bank of England" }));
    expect(full.rows[0]!.slice(3, 5)).toEqual(["eba_CT:x12", "Bank of England"]);
    expect(full.gaps).toEqual([]);
    expect(buildB0101(entity({ lei: "" })).gaps.find((g) => g.column === "c0010")!.note).toMatch(/Record the organisation's LEI under Settings/);
  });

  it("B_02.01: one standalone arrangement per dependency, under the reference B_02.02 uses, costs as gaps", () => {
    const s = bank();
    const t = buildB0201(s);
    expect(t.rows.map((r) => r[0])).toEqual(buildB0202(s).rows.map((r) => r[0]));
    expect(new Set(t.rows.map((r) => r[1]))).toEqual(new Set(["eba_CO:x1"]));
    expect(t.gaps.filter((g) => g.column === "c0050" && g.kind === "missing")).toHaveLength(s.inputs.dependencies.length);
    expect(t.gaps.filter((g) => g.column === "c0020" && g.kind === "review")).toHaveLength(s.inputs.dependencies.length);
  });

  it("B_02.02 carries the entity's LEI in the package and lists it as a gap without", () => {
    const s = bank();
    expect(new Set(buildB0202(s, { lei: LEI }).rows.map((r) => r[1]))).toEqual(new Set([LEI]));
    expect(buildB0202(s, { lei: LEI }).gaps.some((g) => g.column === "c0020")).toBe(false);
    expect(buildB0202(s).gaps.filter((g) => g.column === "c0020")).toHaveLength(s.inputs.dependencies.length);
  });

  it("B_05.02: a marketplace route is the cloud at rank 1 and the lab at rank 2 for it; a direct API the lab at rank 1", () => {
    const s = bank();
    const t = buildB0502(s);
    const rowsOfContract = (ref: string) => t.rows.map((r, i) => ({ r, row: i + 1 })).filter((x) => x.r[0] === ref);
    const note = (row: number, column: string) => t.gaps.find((g) => g.row === row && g.column === column)?.note ?? "";
    // The bank reaches Claude through AWS's marketplace.
    const claude = rowsOfContract("SOVRA-kyc-extraction/claude");
    expect(claude.map((x) => x.r[4])).toEqual(["1", "2"]);
    expect(note(claude[0]!.row, "c0030")).toMatch(/Provider: Amazon Web Services \(rank 1\)/);
    expect(note(claude[1]!.row, "c0030")).toMatch(/Provider: Anthropic \(rank 2\)/);
    expect(note(claude[1]!.row, "c0060")).toMatch(/code of Amazon Web Services, which sub-contracts this service to Anthropic/);
    expect(note(claude[0]!.row, "c0060")).toBe("");
    const direct = s.inputs.dependencies.find((d) => d.accessPath === "direct-api" || d.accessPath === "self-hosted")!;
    expect(rowsOfContract(`SOVRA-${direct.key}`).map((x) => x.r[4])).toEqual(["1"]);
    // The service type is the contract's, at every rank.
    const types = new Map(buildB0202(s).rows.map((r) => [r[0], r[5]]));
    for (const r of t.rows) expect(r[1]).toBe(types.get(r[0]));
  });

  it("B_05.01 declares the sub-contractors of B_05.02 too, asking the annual expense of direct providers only", () => {
    // Without its direct API route, the bank reaches Anthropic only through AWS's marketplace: a sub-contractor.
    const doc = loadExample("uk-bank");
    const kept = (x: { dependency: string }) => x.dependency !== "dev-assistant/claude";
    const t = buildB0501(sourceOf({ ...doc, dependencies: doc.dependencies.filter((d) => d.key !== "dev-assistant/claude"), fallbacks: doc.fallbacks.filter(kept), dataFlows: doc.dataFlows.filter(kept) }));
    expect(t.rows.map((r) => r[4])).toContain("Anthropic");
    const row = (name: string) => t.rows.findIndex((r) => r[4] === name) + 1;
    const expense = (name: string) => t.gaps.some((g) => g.row === row(name) && g.column === "c0100");
    expect(expense("Amazon Web Services")).toBe(true);
    expect(expense("Anthropic")).toBe(false);
    // With it, Anthropic is a direct provider too, whose expense is asked.
    const direct = buildB0501(bank());
    expect(direct.gaps.some((g) => g.row === direct.rows.findIndex((r) => r[4] === "Anthropic") + 1 && g.column === "c0100")).toBe(true);
  });
});

describe("the report package", () => {
  it("is one folder named as the zip, by the EBA's convention, with the metadata, parameters, filing indicators and one file per reported template", () => {
    const pkg = packageOf();
    expect(pkg.fileName).toBe(`${LEI}.CON_GB_DORA010100_DORA_2025-12-31_20261201100000123.zip`);
    expect(pkg.files.map((f) => f.path.slice(folderOf(pkg).length + 1))).toEqual([
      "META-INF/reportPackage.json",
      "reports/report.json",
      "reports/parameters.csv",
      "reports/FilingIndicators.csv",
      "reports/b_01.01.csv",
      "reports/b_02.01.csv",
      "reports/b_02.02.csv",
      "reports/b_05.01.csv",
      "reports/b_05.02.csv",
      "reports/b_07.01.csv",
    ]);
    expect(JSON.parse(fileOf(pkg, "META-INF/reportPackage.json")!)).toEqual({ documentInfo: { documentType: "https://xbrl.org/report-package/2023" } });
    expect(JSON.parse(fileOf(pkg, "reports/report.json")!)).toEqual({ documentInfo: { documentType: "https://xbrl.org/2021/xbrl-csv", extends: [DORA_TAXONOMY_ENTRY_POINT] } });
    expect(rowsOf(pkg, "reports/parameters.csv")).toEqual([
      ["name", "value"],
      ["entityID", `rs:${LEI}.CON`],
      ["refPeriod", "2025-12-31"],
      ["baseCurrency", "iso4217:EUR"],
      ["decimalsInteger", "0"],
      ["decimalsMonetary", "-3"],
    ]);
    const indicators = rowsOf(pkg, "reports/FilingIndicators.csv");
    expect(indicators[0]).toEqual(["templateID", "reported"]);
    expect(indicators.slice(1).map((r) => r[0])).toEqual([...DORA_MODULE_TEMPLATES]);
    expect(indicators.filter((r) => r[1] === "true").map((r) => r[0])).toEqual(["B_01.01", "B_02.01", "B_02.02", "B_05.01", "B_05.02", "B_07.01"]);
    for (const t of pkg.tables) expect(rowsOf(pkg, `reports/${t.template.fileName}`)[0]).toEqual(DORA_TEMPLATES[t.template.id].columns.map((c) => c.code));
  });

  it("files a template with nothing to report as not reported, without a file", () => {
    const doc = loadExample("uk-bank");
    const pkg = packageOf({}, sourceOf({ ...doc, dependencies: [], fallbacks: [], dataFlows: [] }));
    const indicators = new Map(rowsOf(pkg, "reports/FilingIndicators.csv").slice(1) as [string, string][]);
    expect(indicators.get("B_01.01")).toBe("true");
    for (const t of ["B_02.01", "B_02.02", "B_05.01", "B_05.02", "B_07.01"]) {
      expect(indicators.get(t)).toBe("false");
      expect(fileOf(pkg, `reports/${t.toLowerCase()}.csv`)).toBeUndefined();
    }
    expect(blockingFailures(pkg)).toEqual([]);
  });

  it("names the reporting basis and currency chosen, and extends the entry point it is given", () => {
    const pkg = buildDoraPackage(bank(), entity(), { refDate: "2025-03-31", consolidation: "IND", currency: "SEK" }, { entryPoint: "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.1/mod/dora.json", createdAt: CREATED });
    expect(pkg.fileName).toMatch(new RegExp(`^${LEI}\\.IND_GB_DORA010100_DORA_2025-03-31_\\d{17}\\.zip$`));
    expect(rowsOf(pkg, "reports/parameters.csv")).toContainEqual(["entityID", `rs:${LEI}.IND`]);
    expect(rowsOf(pkg, "reports/parameters.csv")).toContainEqual(["baseCurrency", "iso4217:SEK"]);
    expect(JSON.parse(fileOf(pkg, "reports/report.json")!).documentInfo.extends).toEqual(["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.1/mod/dora.json"]);
    expect(blockingFailures(pkg)).toEqual([]);
  });

  it("zips and unzips to the same files", () => {
    const pkg = packageOf();
    const zip = zipDoraPackage(pkg, CREATED);
    expect([...zip.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(unzipDoraPackage(zip)).toEqual(pkg.files);
  });

  it("stamps the name with the creation time to the millisecond, in UTC", () => {
    expect(packageTimestamp(new Date("2026-03-31T09:05:07.042Z"))).toBe("20260331090507042");
    expect(doraPackageName(LEI, "CON", "DE", "2025-12-31", new Date("2026-03-31T09:05:07.042Z"))).toBe(`${LEI}.CON_DE_DORA010100_DORA_2025-12-31_20260331090507042.zip`);
  });

  it("takes its options from one schema: defaults CON and EUR, refuses an unknown basis, currency or entity type", () => {
    expect(doraPackageQuerySchema.parse({})).toEqual({ consolidation: "CON", currency: "EUR" });
    const bad = doraPackageQuerySchema.safeParse({ consolidation: "SUB", currency: "USD", entityType: "bank", refDate: "31/12/2025" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["consolidation", "currency", "entityType", "refDate"]);
  });

  it("lets the taxonomy entry point be overridden by a DORA module's URL only", () => {
    expect(parseEnv({ SOVRA_DORA_TAXONOMY_ENTRY_POINT: "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.1/mod/dora.json" }).SOVRA_DORA_TAXONOMY_ENTRY_POINT).toMatch(/4\.1/);
    expect(parseEnv({}).SOVRA_DORA_TAXONOMY_ENTRY_POINT).toBeUndefined();
    expect(() => parseEnv({ SOVRA_DORA_TAXONOMY_ENTRY_POINT: "https://example.com/corep.json" })).toThrow(/SOVRA_DORA_TAXONOMY_ENTRY_POINT/);
  });
});

describe("the checks before download", () => {
  it("pass every rule that refuses the download on a package Sovra made, and list the cells to complete without refusing it", () => {
    const checks = checkDoraPackage(packageOf());
    expect(checks.map((c) => c.id)).toEqual(Object.keys(DORA_RULES));
    expect(checks.filter((c) => c.blocksDownload && !c.passed)).toEqual([]);
    const complete = checks.find((c) => c.id === "complete")!;
    expect(complete).toMatchObject({ blocksDownload: false, passed: false });
    expect(complete.failures).toContain("B_05.01, Identification code of the ICT third-party service provider (c0010): empty in 7 of 7 rows.");
    expect(complete.failures).toContain("B_01.01, Type of entity (c0040): empty in 1 of 1 row.");
    // Chosen in the form, the entity's type and authority are no longer to complete.
    const filled = checkDoraPackage(packageOf({ entityType: "eba_CT:x12", competentAuthority: "PRA" })).find((c) => c.id === "complete")!;
    expect(filled.failures.some((f) => f.startsWith("B_01.01"))).toBe(false);
  });

  const good = () => packageOf();
  const cases: [DoraRuleId, string, () => DoraPackage, RegExp][] = [
    ["structure", "a file that is not part of a report package", () => addFile(good(), { path: `${folderOf(good())}/reports/notes.txt`, text: "hi" }), /reports\/notes\.txt is not part of a DORA report package/],
    ["structure", "parameters.csv missing", () => dropFile(good(), "reports/parameters.csv"), /has no reports\/parameters\.csv/],
    ["structure", "a file outside the package's folder", () => addFile(good(), { path: "reports/b_05.01.csv", text: "c0010" }), /not inside the folder named as the zip/],
    ["structure", "a template Sovra does not fill", () => addFile(good(), { path: `${folderOf(good())}/reports/b_06.01.csv`, text: "c0010\r\nF1\r\n" }), /b_06\.01\.csv is a template Sovra does not fill/],
    ["metadata", "another report package type", () => replaceFile(good(), "META-INF/reportPackage.json", '{"documentInfo":{"documentType":"https://xbrl.org/report-package/2023/xbri"}}'), /declares the document type .*xbri.*; a report package declares/],
    ["metadata", "report.json not JSON", () => replaceFile(good(), "reports/report.json", "{"), /report\.json is not valid JSON/],
    ["metadata", "report.json extending another module", () => replaceFile(good(), "reports/report.json", '{"documentInfo":{"documentType":"https://xbrl.org/2021/xbrl-csv","extends":["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/corep/4.0/mod/corep_of.json"]}}'), /extend exactly one taxonomy entry point, the DORA module's/],
    ["parameters", "amounts not in thousands", () => editCsv(good(), "reports/parameters.csv", (rows) => rows.map((r) => (r[0] === "decimalsMonetary" ? [r[0], "0"] : r))), /gives decimalsMonetary as "0"; it must be -3/],
    ["parameters", "no base currency", () => editCsv(good(), "reports/parameters.csv", (rows) => rows.filter((r) => r[0] !== "baseCurrency")), /does not give baseCurrency/],
    ["parameters", "an impossible reference date", () => editCsv(good(), "reports/parameters.csv", (rows) => rows.map((r) => (r[0] === "refPeriod" ? [r[0], "2025-02-30"] : r))), /gives refPeriod as "2025-02-30"/],
    ["lei", "no LEI recorded", () => packageOf({ lei: "" }), /Record the organisation's LEI under Settings/],
    ["lei", "a bad check digit", () => packageOf({ lei: "529900T8BM49AURSDO56" }), /The LEI 529900T8BM49AURSDO56 is not valid: The check digits/],
    ["lei", "B_02.02 naming another entity", () => editCsv(good(), "reports/b_02.02.csv", (rows) => rows.map((r, i) => (i === 2 ? [r[0]!, "5493001KJTIIGC8Y1R12", ...r.slice(2)] : r))), /B_02\.02 row 2 gives 5493001KJTIIGC8Y1R12 as the LEI of the entity using the service/],
    ["lei", "B_01.01 and parameters.csv disagreeing", () => editCsv(good(), "reports/b_01.01.csv", (rows) => [rows[0]!, ["5493001KJTIIGC8Y1R12", ...rows[1]!.slice(1)]]), /B_01\.01 gives the LEI 5493001KJTIIGC8Y1R12 but parameters\.csv gives 529900T8BM49AURSDO55/],
    ["file-name", "another framework code", () => rename(good(), good().fileName.replace("DORA010100", "DORA010000")), /does not follow the EBA's naming convention/],
    ["file-name", "a reference date other than refPeriod", () => rename(good(), good().fileName.replace("2025-12-31", "2024-12-31")), /reference date is 2024-12-31 but parameters\.csv's refPeriod is 2025-12-31/],
    ["file-name", "a timestamp that is no time", () => rename(good(), good().fileName.replace(/_\d{17}\.zip$/, "_20261399250000000.zip")), /timestamp 20261399250000000 is not a date and time/],
    ["file-name", "another country than the entity's", () => rename(good(), good().fileName.replace("_GB_", "_FR_")), /country is FR but B_01\.01 gives the entity's country as GB/],
    ["filing-indicators", "a reported template said not reported", () => editCsv(good(), "reports/FilingIndicators.csv", (rows) => rows.map((r) => (r[0] === "B_05.02" ? [r[0], "false"] : r))), /B_05\.02 is reported as false, but its file is in the package/],
    ["filing-indicators", "a template reported without a file", () => editCsv(good(), "reports/FilingIndicators.csv", (rows) => rows.map((r) => (r[0] === "B_06.01" ? [r[0], "true"] : r))), /B_06\.01 is reported but the package has no file for it/],
    ["filing-indicators", "a template left out of the indicators", () => editCsv(good(), "reports/FilingIndicators.csv", (rows) => rows.filter((r) => r[0] !== "B_99.01")), /does not say whether B_99\.01 is reported/],
    ["filing-indicators", "a reported template whose file has no rows", () => editCsv(good(), "reports/b_07.01.csv", (rows) => rows.slice(0, 1)), /B_07\.01 is reported but its file has no rows/],
    ["column-codes", "a column code that is not the template's", () => editCsv(good(), "reports/b_05.01.csv", (rows) => [rows[0]!.map((c) => (c === "c0050" ? "c0055" : c)), ...rows.slice(1)]), /b_05\.01\.csv misses c0050 and has c0055, not a column of B_05\.01/],
    ["column-codes", "columns out of order", () => editCsv(good(), "reports/b_07.01.csv", (rows) => rows.map((r) => [r[1]!, r[0]!, ...r.slice(2)])), /b_07\.01\.csv has its columns in another order than the EBA's/],
    ["column-codes", "a row with a cell missing", () => editCsv(good(), "reports/b_02.01.csv", (rows) => rows.map((r, i) => (i === 1 ? r.slice(0, 4) : r))), /b_02\.01\.csv row 1 has 4 cells for 5 columns/],
    ["value-domains", "words where the EBA expects a code", () => editCsv(good(), "reports/b_07.01.csv", (rows) => rows.map((r, i) => (i === 1 ? [...r.slice(0, 4), "easily substitutable", ...r.slice(5)] : r))), /B_07\.01 row 1, Substitutability of the ICT third-party service provider \(c0050\): "easily substitutable" is not one of the EBA's codes/],
    ["value-domains", "a country that is not one", () => editCsv(good(), "reports/b_05.01.csv", (rows) => rows.map((r, i) => (i === 1 ? [...r.slice(0, 7), "eba_GA:XX", ...r.slice(8)] : r))), /"eba_GA:XX" is not a country as the EBA codes it/],
    ["value-domains", "an impossible date", () => editCsv(good(), "reports/b_01.01.csv", (rows) => [rows[0]!, [...rows[1]!.slice(0, 5), "2026-02-30"]]), /B_01\.01 row 1, Date of the reporting \(c0060\): "2026-02-30" is not a date/],
    ["references", "an assessment of a contract B_02.01 does not declare", () => editCsv(good(), "reports/b_07.01.csv", (rows) => rows.map((r, i) => (i === 1 ? ["SOVRA-unknown", ...r.slice(1)] : r))), /B_07\.01 row 1 refers to the contract SOVRA-unknown, which B_02\.01 does not declare/],
    ["references", "a declared contract without its specific information", () => editCsv(good(), "reports/b_02.02.csv", (rows) => rows.filter((r) => r[0] !== "SOVRA-kyc-extraction/claude")), /The contract SOVRA-kyc-extraction\/claude of B_02\.01 has no row in B_02\.02/],
    ["references", "a sub-contractor without the provider at rank 1", () => editCsv(good(), "reports/b_05.02.csv", (rows) => rows.filter((r) => !(r[0] === "SOVRA-kyc-extraction/claude" && r[4] === "1"))), /contract SOVRA-kyc-extraction\/claude has a provider at rank 2 but none at rank 1/],
    ["references", "a recipient at rank 1", () => editCsv(good(), "reports/b_05.02.csv", (rows) => rows.map((r, i) => (i === 1 ? [...r.slice(0, 5), LEI, "eba_qCO:qx2000"] : r))), /is at rank 1 but names a recipient/],
    ["references", "a provider B_05.01 does not declare", () => editCsv(good(), "reports/b_02.02.csv", (rows) => rows.map((r, i) => (i === 1 ? [r[0]!, r[1]!, "HWUPKR0MPOU8FGXBT394", "eba_qCO:qx2000", ...r.slice(4)] : r))), /B_02\.02 row 1 names the provider HWUPKR0MPOU8FGXBT394, which B_05\.01 does not declare/],
  ];

  it.each(cases)("fail the %s rule on a package with %s, in plain words", (id, _what, broken, message) => {
    const pkg = broken();
    const result = resultOf(pkg, id);
    expect(result.passed).toBe(false);
    expect(result.failures.join("\n")).toMatch(message);
    for (const failure of result.failures) expect(failure).not.toMatch(/\$\.|\[object|undefined|NaN|documentInfo\./);
  });

  it("pass the references when the identification codes are filled in consistently, and follow the recipient to the rank above", () => {
    // A risk officer fills the providers' LEIs in B_05.01 and wherever the providers are named.
    const codes = ["HWUPKR0MPOU8FGXBT394", "INR2EJN1ERAN0W5ZP974", "7LTWFZYICNSX8D621K86", "5493001KJTIIGC8Y1R12", "213800D1EI4B9WTWWD28", "549300MLUDYVRQOOXS22", "529900T8BM49AURSDO55"];
    let pkg = good();
    const names = rowsOf(pkg, "reports/b_05.01.csv").slice(1).map((r) => r[4]!);
    const code = (name: string) => codes[names.indexOf(name)]!;
    pkg = editCsv(pkg, "reports/b_05.01.csv", (rows) => rows.map((r, i) => (i === 0 ? r : [code(r[4]!), "eba_qCO:qx2000", ...r.slice(2)])));
    pkg = editCsv(pkg, "reports/b_05.02.csv", (rows) =>
      rows.map((r) => {
        if (r[0] !== "SOVRA-kyc-extraction/claude") return r;
        return r[4] === "1" ? [...r.slice(0, 2), code("Amazon Web Services"), "eba_qCO:qx2000", "1", "", ""] : [...r.slice(0, 2), code("Anthropic"), "eba_qCO:qx2000", "2", code("Amazon Web Services"), "eba_qCO:qx2000"];
      }),
    );
    expect(resultOf(pkg, "references").passed).toBe(true);
    const wrongRecipient = editCsv(pkg, "reports/b_05.02.csv", (rows) => rows.map((r) => (r[0] === "SOVRA-kyc-extraction/claude" && r[4] === "2" ? [...r.slice(0, 5), code("Meta"), "eba_qCO:qx2000"] : r)));
    expect(resultOf(wrongRecipient, "references").failures.join("\n")).toMatch(/the recipient .* is not a provider of the contract SOVRA-kyc-extraction\/claude at rank 1/);
  });

  it("keep each rule's list short: the first failures, then how many more", () => {
    const pkg = editCsv(good(), "reports/b_02.02.csv", (rows) => [rows[0]!, ...Array.from({ length: 40 }, () => [...rows[1]!.slice(0, 17), "full"])]);
    const failures = resultOf(pkg, "value-domains").failures;
    expect(failures).toHaveLength(MAX_FAILURES + 1);
    expect(failures.at(-1)).toBe("… and 15 more of the same kind.");
  });
});
