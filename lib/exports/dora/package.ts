import { stringify } from "csv-stringify/sync";
import { unzipSync, zipSync } from "fflate";
import type { ExportSource } from "../source";
import { writeDoraCsv } from "../csv";
import { buildB0101, buildB0201, buildB0202, buildB0501, buildB0502, buildB0701, type DoraEntity, type DoraTable } from "./build";
import {
  DECIMALS_INTEGER,
  DECIMALS_MONETARY,
  DORA_FRAMEWORK_CODE,
  DORA_MODULE,
  DORA_MODULE_TEMPLATES,
  REPORT_PACKAGE_DOCUMENT_TYPE,
  templateCode,
  XBRL_CSV_DOCUMENT_TYPE,
  type Consolidation,
  type DoraCurrency,
} from "./taxonomy";

// The DORA Register of Information as supervisors receive it: an xBRL-CSV report package
// (decision 045). One folder named as the zip, holding META-INF/reportPackage.json and reports/
// with report.json (extends the taxonomy's DORA module), parameters.csv (the entity, reference
// date, currency, decimals), FilingIndicators.csv (every template of the module, reported or not)
// and one b_XX.YY.csv per reported template. Pure, apart from the zip's bytes.

export interface DoraPackageOptions {
  /** The reference date of the register (refPeriod), YYYY-MM-DD. */
  refDate: string;
  consolidation: Consolidation;
  currency: DoraCurrency;
}

export interface DoraPackageSettings {
  /** The taxonomy entry point report.json extends (lib/exports/dora/taxonomy.ts, SOVRA_DORA_TAXONOMY_ENTRY_POINT). */
  entryPoint: string;
  /** When the package is made: the file name's timestamp and the zip entries' dates. */
  createdAt: Date;
}

/** A file of the package, its path from the zip's root (the folder included). */
export interface DoraPackageFile {
  path: string;
  text: string;
}

export interface DoraPackage {
  fileName: string;
  files: DoraPackageFile[];
  /** The templates built, reported or not (for the checks and the gaps). */
  tables: DoraTable[];
}

/**
 * The EBA's creation timestamp: UTC, year to milliseconds, digits only.
 * @example packageTimestamp(new Date("2026-03-31T09:05:07.042Z")) // "20260331090507042"
 */
export const packageTimestamp = (d: Date) => d.toISOString().replace(/[-:TZ.]/g, "");

/**
 * The zip's name by the EBA's convention: report subject (LEI and consolidation), country,
 * framework code and version, module, reference date, creation timestamp.
 * @example doraPackageName("529900T8BM49AURSDO55", "CON", "DE", "2025-12-31", new Date("2026-03-31T09:05:07.042Z"))
 * //=> "529900T8BM49AURSDO55.CON_DE_DORA010100_DORA_2025-12-31_20260331090507042.zip"
 */
export const doraPackageName = (lei: string, consolidation: Consolidation, country: string, refDate: string, createdAt: Date) =>
  `${lei}.${consolidation}_${country}_${DORA_FRAMEWORK_CODE}_${DORA_MODULE}_${refDate}_${packageTimestamp(createdAt)}.zip`;

const csv = (rows: string[][]) => stringify(rows, { record_delimiter: "\r\n" });
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every file of the package for a frozen assessment and the entity; templates without rows get a negative filing indicator and no file. */
export function buildDoraPackage(source: ExportSource, entity: DoraEntity, options: DoraPackageOptions, settings: DoraPackageSettings): DoraPackage {
  const tables = [buildB0101(entity), buildB0201(source), buildB0202(source, entity), buildB0501(source), buildB0502(source), buildB0701(source)];
  const reported = new Set(tables.filter((t) => t.rows.length > 0).map((t) => templateCode(t.template.id)));
  const fileName = doraPackageName(entity.lei, options.consolidation, entity.country, options.refDate, settings.createdAt);
  const folder = fileName.slice(0, -".zip".length);
  const files: DoraPackageFile[] = [
    { path: "META-INF/reportPackage.json", text: json({ documentInfo: { documentType: REPORT_PACKAGE_DOCUMENT_TYPE } }) },
    { path: "reports/report.json", text: json({ documentInfo: { documentType: XBRL_CSV_DOCUMENT_TYPE, extends: [settings.entryPoint] } }) },
    {
      path: "reports/parameters.csv",
      text: csv([
        ["name", "value"],
        ["entityID", `rs:${entity.lei}.${options.consolidation}`],
        ["refPeriod", options.refDate],
        ["baseCurrency", `iso4217:${options.currency}`],
        ["decimalsInteger", DECIMALS_INTEGER],
        ["decimalsMonetary", DECIMALS_MONETARY],
      ]),
    },
    { path: "reports/FilingIndicators.csv", text: csv([["templateID", "reported"], ...DORA_MODULE_TEMPLATES.map((t) => [t, String(reported.has(t))])]) },
    ...tables.filter((t) => t.rows.length > 0).map((t) => ({ path: `reports/${t.template.fileName}`, text: writeDoraCsv(t) })),
  ];
  return { fileName, files: files.map((f) => ({ ...f, path: `${folder}/${f.path}` })), tables };
}

/** The package as a zip (deflated, entries dated when it was made). */
export function zipDoraPackage(pkg: Pick<DoraPackage, "files">, createdAt: Date): Uint8Array {
  const encoder = new TextEncoder();
  return zipSync(Object.fromEntries(pkg.files.map((f) => [f.path, [encoder.encode(f.text), { mtime: createdAt }]])), { level: 6 });
}

/** A zip's files as text, in the order stored (tests, and checking a package from elsewhere). */
export function unzipDoraPackage(bytes: Uint8Array): DoraPackageFile[] {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return Object.entries(unzipSync(bytes))
    .filter(([path]) => !path.endsWith("/"))
    .map(([path, data]) => ({ path, text: decoder.decode(data) }));
}
