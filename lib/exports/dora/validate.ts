import { parse } from "csv-parse/sync";
import { leiProblem } from "./lei";
import type { DoraPackageFile } from "./package";
import { CONSOLIDATIONS, DORA_ENTRY_POINT_PATTERN, DORA_FRAMEWORK_CODE, DORA_MODULE, DORA_MODULE_TEMPLATES, REPORT_PACKAGE_DOCUMENT_TYPE, XBRL_CSV_DOCUMENT_TYPE } from "./taxonomy";
import { DORA_PACKAGE_TEMPLATE_IDS, DORA_TEMPLATES, isAllowedValue, type DoraPackageTemplateId, type Template } from "./templates";

// The checks a supervisor's intake runs on a DORA report package, run by Sovra before it lets
// the package go (decision 045): structure, metadata, parameters, the entity's LEI, the file
// name, filing indicators, column codes, value domains and the references between templates.
// They read the files, not Sovra's data, so a package broken by hand fails them as a supervisor
// would see it. Each failure is a sentence for a risk officer. Pure.
//
// Two kinds: rules whose failure means the package is malformed (blocksDownload: the download is
// refused until they pass) and one that lists the mandatory cells still empty (Sovra does not
// hold providers' LEIs, contract dates or costs): the package is then a draft to complete.

export const DORA_RULE_IDS = ["structure", "metadata", "parameters", "lei", "file-name", "filing-indicators", "column-codes", "value-domains", "references", "complete"] as const;
export type DoraRuleId = (typeof DORA_RULE_IDS)[number];

export interface DoraCheck {
  id: DoraRuleId;
  /** The rule, in words. */
  rule: string;
  /** A failure refuses the download: the package would not be a well-formed DORA report package. */
  blocksDownload: boolean;
  passed: boolean;
  /** Each failure in words (at most MAX_FAILURES, then how many more). */
  failures: string[];
}

export const DORA_RULES: Record<DoraRuleId, { rule: string; blocksDownload: boolean }> = {
  structure: { rule: "The package is one folder named as the zip, holding META-INF/reportPackage.json and reports/ with report.json, parameters.csv, FilingIndicators.csv and the templates' files, and nothing else.", blocksDownload: true },
  metadata: { rule: "reportPackage.json declares an XBRL report package, and report.json an xBRL-CSV report extending the DORA taxonomy module.", blocksDownload: true },
  parameters: { rule: "parameters.csv gives the entity, the reference date, the base currency and the decimals as the EBA's filing rules ask.", blocksDownload: true },
  lei: { rule: "The organisation's LEI is recorded and valid (ISO 17442 check digits), and the same in the file name, parameters.csv, B_01.01 and B_02.02.", blocksDownload: true },
  "file-name": { rule: `The zip is named by the EBA's convention {LEI}.{CON or IND}_{country}_${DORA_FRAMEWORK_CODE}_${DORA_MODULE}_{reference date}_{timestamp}.zip, agreeing with parameters.csv and B_01.01.`, blocksDownload: true },
  "filing-indicators": { rule: "FilingIndicators.csv lists every template of the DORA module once: reported (true) exactly when its file is in the package with rows, not reported (false) and without a file otherwise.", blocksDownload: true },
  "column-codes": { rule: "Each template's file is headed by the EBA's column codes for that template, in order, and every row has one cell per column.", blocksDownload: true },
  "value-domains": { rule: "Every coded cell holds a value the EBA allows in its column: its closed set of codes, a country, a currency, a date or a number.", blocksDownload: true },
  references: { rule: "The templates agree with each other: every contract in B_02.02, B_05.02 and B_07.01 is in B_02.01 and every B_02.01 contract in B_02.02; every provider named in B_02.02, B_05.02 and B_07.01 is in B_05.01; each supply chain in B_05.02 starts at rank 1 and each sub-contractor's recipient is the provider one rank above.", blocksDownload: true },
  complete: { rule: "Every mandatory cell is filled. Sovra leaves empty what it does not hold (providers' LEIs, contract dates, costs, audits): complete them before filing.", blocksDownload: false },
};

export const MAX_FAILURES = 25;

/** A template's file as read: header and rows (data rows numbered from 1, as the gaps count them). */
interface Sheet {
  template: Template;
  header: string[];
  rows: string[][];
  /** Cell of a row by column code ("" when the column is absent). */
  cell: (row: string[], code: string) => string;
}

function readCsv(text: string): string[][] | null {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return null;
  }
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRealDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const documentType = (value: unknown) => (value as { documentInfo?: { documentType?: unknown } } | undefined)?.documentInfo?.documentType;
const title = (id: DoraPackageTemplateId) => id.toUpperCase();

/** Collects a rule's failures, keeping the first MAX_FAILURES and counting the rest. */
class Failures {
  private readonly items: string[] = [];
  private more = 0;
  add(message: string) {
    if (this.items.length < MAX_FAILURES) this.items.push(message);
    else this.more++;
  }
  list(): string[] {
    return this.more === 0 ? this.items : [...this.items, `… and ${this.more} more of the same kind.`];
  }
}

/**
 * Checks a DORA report package (its zip name and files) rule by rule, in the order of DORA_RULE_IDS.
 * @example checkDoraPackage(buildDoraPackage(...)).filter((c) => !c.passed) // what to fix
 */
export function checkDoraPackage(pkg: { fileName: string; files: readonly DoraPackageFile[] }): DoraCheck[] {
  const out = Object.fromEntries(DORA_RULE_IDS.map((id) => [id, new Failures()])) as Record<DoraRuleId, Failures>;
  const folder = pkg.fileName.endsWith(".zip") ? pkg.fileName.slice(0, -".zip".length) : null;

  // ---- structure: which files are where -------------------------------------------------------
  const byPath = new Map<string, string>();
  if (folder === null) out.structure.add(`The file ${pkg.fileName} is not a .zip.`);
  for (const f of pkg.files) {
    if (folder === null || !f.path.startsWith(`${folder}/`)) {
      out.structure.add(`${f.path} is not inside the folder named as the zip (${folder ?? "the file's name"}): a report package holds exactly one folder.`);
      continue;
    }
    byPath.set(f.path.slice(folder.length + 1), f.text);
  }
  const FIXED = ["META-INF/reportPackage.json", "reports/report.json", "reports/parameters.csv", "reports/FilingIndicators.csv"];
  for (const path of FIXED) if (!byPath.has(path)) out.structure.add(`The package has no ${path}.`);
  const templateFiles = new Map<DoraPackageTemplateId, string>();
  for (const [path, text] of byPath) {
    if (FIXED.includes(path)) continue;
    const m = /^reports\/(b_\d{2}\.\d{2})\.csv$/.exec(path);
    const id = m ? (m[1] as DoraPackageTemplateId) : null;
    if (id && (DORA_PACKAGE_TEMPLATE_IDS as readonly string[]).includes(id)) templateFiles.set(id, text);
    else if (m && (DORA_MODULE_TEMPLATES as readonly string[]).includes(m[1]!.toUpperCase())) out.structure.add(`${path} is a template Sovra does not fill, so it cannot check it: it does not belong in Sovra's package.`);
    else out.structure.add(`${path} is not part of a DORA report package: remove it.`);
  }

  // ---- metadata -------------------------------------------------------------------------------
  const reportPackage = byPath.has(FIXED[0]!) ? readJson(byPath.get(FIXED[0]!)!) : null;
  if (reportPackage === undefined) out.metadata.add("META-INF/reportPackage.json is not valid JSON.");
  else if (reportPackage !== null && documentType(reportPackage) !== REPORT_PACKAGE_DOCUMENT_TYPE)
    out.metadata.add(`META-INF/reportPackage.json declares the document type "${String(documentType(reportPackage))}"; a report package declares ${REPORT_PACKAGE_DOCUMENT_TYPE}.`);
  const report = byPath.has(FIXED[1]!) ? readJson(byPath.get(FIXED[1]!)!) : null;
  if (report === undefined) out.metadata.add("reports/report.json is not valid JSON.");
  else if (report !== null) {
    if (documentType(report) !== XBRL_CSV_DOCUMENT_TYPE) out.metadata.add(`reports/report.json declares the document type "${String(documentType(report))}"; an xBRL-CSV report declares ${XBRL_CSV_DOCUMENT_TYPE}.`);
    const ext = (report as { documentInfo?: { extends?: unknown } }).documentInfo?.extends;
    if (!Array.isArray(ext) || ext.length !== 1 || typeof ext[0] !== "string" || !DORA_ENTRY_POINT_PATTERN.test(ext[0]))
      out.metadata.add("reports/report.json must extend exactly one taxonomy entry point, the DORA module's (…/mod/dora.json).");
  }

  // ---- parameters -----------------------------------------------------------------------------
  const parameters = new Map<string, string>();
  const paramRows = byPath.has(FIXED[2]!) ? readCsv(byPath.get(FIXED[2]!)!) : [];
  if (paramRows === null) out.parameters.add("reports/parameters.csv is not a readable CSV file.");
  else if (byPath.has(FIXED[2]!)) {
    const [head, ...rows] = paramRows;
    if (head?.join(",") !== "name,value") out.parameters.add("reports/parameters.csv must start with the header name,value.");
    for (const [name = "", value = ""] of rows) {
      if (parameters.has(name)) out.parameters.add(`reports/parameters.csv gives ${name} twice.`);
      parameters.set(name, value);
    }
    const expected: Record<string, { ok: (v: string) => boolean; what: string }> = {
      entityID: { ok: (v) => new RegExp(`^rs:[^.]*\\.(${CONSOLIDATIONS.join("|")})$`).test(v), what: "rs:{LEI}.CON or rs:{LEI}.IND" },
      refPeriod: { ok: isRealDate, what: "the reference date as YYYY-MM-DD" },
      baseCurrency: { ok: (v) => /^iso4217:[A-Z]{3}$/.test(v), what: "a currency as iso4217:EUR" },
      decimalsInteger: { ok: (v) => v === "0", what: "0" },
      decimalsMonetary: { ok: (v) => v === "-3", what: "-3 (amounts in thousands)" },
    };
    for (const [name, { ok, what }] of Object.entries(expected)) {
      const value = parameters.get(name);
      if (value === undefined) out.parameters.add(`reports/parameters.csv does not give ${name} (${what}).`);
      else if (!ok(value)) out.parameters.add(`reports/parameters.csv gives ${name} as "${value}"; it must be ${what}.`);
    }
    for (const name of parameters.keys()) if (!(name in expected)) out.parameters.add(`reports/parameters.csv gives ${name}, which is not a parameter of the EBA's filing rules.`);
  }

  // ---- the templates' files -------------------------------------------------------------------
  const sheets = new Map<DoraPackageTemplateId, Sheet>();
  for (const [id, text] of templateFiles) {
    const template = DORA_TEMPLATES[id];
    const rows = readCsv(text);
    if (rows === null || rows.length === 0) {
      out["column-codes"].add(`reports/${template.fileName} is not a readable CSV file with a header row.`);
      continue;
    }
    const [header, ...data] = rows as [string[], ...string[][]];
    const codes = template.columns.map((c) => c.code);
    if (header.join(",") !== codes.join(",")) {
      const missing = codes.filter((c) => !header.includes(c));
      const unknown = header.filter((c) => !codes.includes(c));
      const parts = [missing.length ? `misses ${missing.join(", ")}` : "", unknown.length ? `has ${unknown.join(", ")}, not a column of ${title(id)}` : ""].filter(Boolean);
      out["column-codes"].add(`reports/${template.fileName} ${parts.length ? parts.join(" and ") : "has its columns in another order than the EBA's"}: ${title(id)} has ${codes[0]} to ${codes.at(-1)}, in order.`);
    }
    data.forEach((row, i) => {
      if (row.length !== header.length) out["column-codes"].add(`reports/${template.fileName} row ${i + 1} has ${row.length} cells for ${header.length} columns.`);
    });
    const index = new Map(header.map((code, i) => [code, i]));
    sheets.set(id, { template, header, rows: data, cell: (row, code) => (index.has(code) ? (row[index.get(code)!] ?? "") : "") });
  }

  // ---- value domains --------------------------------------------------------------------------
  for (const { template, header, rows } of sheets.values()) {
    const columns = header.map((code) => template.columns.find((c) => c.code === code));
    rows.forEach((row, r) =>
      row.forEach((value, i) => {
        const column = columns[i];
        if (!column || value === "") return;
        const bad = !isAllowedValue(column, value) || (column.type === "date" && !isRealDate(value));
        if (bad) out["value-domains"].add(`${title(template.id)} row ${r + 1}, ${column.label} (${column.code}): "${value}" is not ${describeDomain(column.type)}.`);
      }),
    );
  }

  // ---- filing indicators ----------------------------------------------------------------------
  const indicatorRows = byPath.has(FIXED[3]!) ? readCsv(byPath.get(FIXED[3]!)!) : [];
  if (indicatorRows === null) out["filing-indicators"].add("reports/FilingIndicators.csv is not a readable CSV file.");
  else if (byPath.has(FIXED[3]!)) {
    const [head, ...rows] = indicatorRows;
    if (head?.join(",") !== "templateID,reported") out["filing-indicators"].add("reports/FilingIndicators.csv must start with the header templateID,reported.");
    const seen = new Map<string, string>();
    for (const [templateID = "", reported = ""] of rows) {
      if (!(DORA_MODULE_TEMPLATES as readonly string[]).includes(templateID)) out["filing-indicators"].add(`FilingIndicators.csv names ${templateID || "an empty template"}, which is not a template of the DORA module.`);
      else if (seen.has(templateID)) out["filing-indicators"].add(`FilingIndicators.csv names ${templateID} twice.`);
      else if (reported !== "true" && reported !== "false") out["filing-indicators"].add(`FilingIndicators.csv says "${reported}" for ${templateID}; it must be true or false.`);
      seen.set(templateID, reported);
    }
    for (const t of DORA_MODULE_TEMPLATES) if (!seen.has(t)) out["filing-indicators"].add(`FilingIndicators.csv does not say whether ${t} is reported.`);
    for (const [templateID, reported] of seen) {
      const id = templateID.toLowerCase() as DoraPackageTemplateId;
      const present = templateFiles.has(id);
      if (reported === "true" && !present) out["filing-indicators"].add(`${templateID} is reported but the package has no file for it.`);
      if (reported === "true" && present && (sheets.get(id)?.rows.length ?? 0) === 0) out["filing-indicators"].add(`${templateID} is reported but its file has no rows: report it as false and leave the file out.`);
      if (reported === "false" && present) out["filing-indicators"].add(`${templateID} is reported as false, but its file is in the package: a template not reported must be absent.`);
    }
    for (const id of templateFiles.keys()) if (!seen.has(title(id))) out["filing-indicators"].add(`The package has a file for ${title(id)} but FilingIndicators.csv does not list it.`);
  }

  // ---- the entity's LEI -----------------------------------------------------------------------
  const entityId = parameters.get("entityID") ?? "";
  const fromParameters = /^rs:([^.]*)\./.exec(entityId)?.[1] ?? "";
  const b0101 = sheets.get("b_01.01");
  const fromB0101 = b0101?.rows[0] ? b0101.cell(b0101.rows[0], "c0010") : "";
  const fromName = folder?.split(".")[0] ?? "";
  if (b0101 && b0101.rows.length !== 1) out.lei.add(`B_01.01 has ${b0101.rows.length} rows; it has one, the entity maintaining the register.`);
  if (!fromParameters && !fromB0101) {
    out.lei.add("The organisation's LEI is not recorded. Record the organisation's LEI under Settings → Organisation: the supervisor identifies the entity by it in the file name, parameters.csv and B_01.01.");
  } else {
    const lei = fromParameters || fromB0101;
    const problem = leiProblem(lei);
    if (problem) out.lei.add(`The LEI ${lei} is not valid: ${problem} Correct it under Settings → Organisation.`);
    if (fromParameters && fromB0101 && fromParameters !== fromB0101) out.lei.add(`B_01.01 gives the LEI ${fromB0101} but parameters.csv gives ${fromParameters}.`);
    if (fromName !== lei) out.lei.add(`The file name starts with ${fromName || "no LEI"}, not the entity's LEI ${lei}.`);
    const b0202 = sheets.get("b_02.02");
    b0202?.rows.forEach((row, r) => {
      const user = b0202.cell(row, "c0020");
      if (user && user !== lei) out.lei.add(`B_02.02 row ${r + 1} gives ${user} as the LEI of the entity using the service, not the entity's LEI ${lei}.`);
    });
  }

  // ---- file name ------------------------------------------------------------------------------
  if (folder !== null) {
    const m = new RegExp(`^([^._]*)\\.(${CONSOLIDATIONS.join("|")})_([A-Z]{2})_${DORA_FRAMEWORK_CODE}_${DORA_MODULE}_(\\d{4}-\\d{2}-\\d{2})_(\\d{17})$`).exec(folder);
    if (!m) out["file-name"].add(`${pkg.fileName} does not follow the EBA's naming convention {LEI}.{CON or IND}_{country}_${DORA_FRAMEWORK_CODE}_${DORA_MODULE}_{reference date}_{timestamp}.zip.`);
    else {
      const [, , consolidation, country, refDate, stamp] = m as unknown as [string, string, string, string, string, string];
      const entityConsolidation = /\.(\w+)$/.exec(entityId)?.[1];
      if (entityConsolidation && entityConsolidation !== consolidation) out["file-name"].add(`The file name says ${consolidation} but parameters.csv's entityID says ${entityConsolidation}.`);
      const refPeriod = parameters.get("refPeriod");
      if (refPeriod && refPeriod !== refDate) out["file-name"].add(`The file name's reference date is ${refDate} but parameters.csv's refPeriod is ${refPeriod}.`);
      const entityCountry = b0101?.rows[0] ? b0101.cell(b0101.rows[0], "c0030").replace(/^eba_GA:/, "") : "";
      if (entityCountry && entityCountry !== country) out["file-name"].add(`The file name's country is ${country} but B_01.01 gives the entity's country as ${entityCountry}.`);
      const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}.${stamp.slice(14)}Z`;
      if (Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso) out["file-name"].add(`The file name's timestamp ${stamp} is not a date and time (year, month, day, hours, minutes, seconds, milliseconds).`);
    }
  }

  // ---- references between templates ----------------------------------------------------------
  checkReferences(sheets, out.references);

  // ---- completeness (does not block) ----------------------------------------------------------
  // The entity's own LEI is the lei rule's: it blocks.
  const entityLeiColumns = new Set(["b_01.01 c0010", "b_02.02 c0020"]);
  for (const id of DORA_PACKAGE_TEMPLATE_IDS) {
    const sheet = sheets.get(id);
    if (!sheet) continue;
    for (const column of sheet.template.columns) {
      if (column.requirement !== "mandatory" || !sheet.header.includes(column.code) || entityLeiColumns.has(`${id} ${column.code}`)) continue;
      const empty = sheet.rows.filter((row) => sheet.cell(row, column.code) === "").length;
      if (empty > 0) out.complete.add(`${title(id)}, ${column.label} (${column.code}): empty in ${empty} of ${sheet.rows.length} row${sheet.rows.length === 1 ? "" : "s"}.`);
    }
  }

  return DORA_RULE_IDS.map((id) => {
    const failures = out[id].list();
    return { id, ...DORA_RULES[id], passed: failures.length === 0, failures };
  });
}

function describeDomain(type: Template["columns"][number]["type"]): string {
  switch (type) {
    case "country":
      return "a country as the EBA codes it (eba_GA: and two letters)";
    case "date":
      return "a date as YYYY-MM-DD";
    case "natural-number":
      return "a whole number";
    case "monetary":
      return "an amount";
    case "currency":
      return "a currency as the EBA codes it (eba_CU: and three letters)";
    default:
      return "one of the EBA's codes for this column";
  }
}

function checkReferences(sheets: Map<DoraPackageTemplateId, Sheet>, failures: Failures) {
  const b0201 = sheets.get("b_02.01");
  const b0202 = sheets.get("b_02.02");
  const b0501 = sheets.get("b_05.01");
  const b0502 = sheets.get("b_05.02");
  const b0701 = sheets.get("b_07.01");

  // Contracts: B_02.01 is where each contractual arrangement is declared.
  const contracts = new Set<string>();
  b0201?.rows.forEach((row, r) => {
    const ref = b0201.cell(row, "c0010");
    if (ref === "") return; // an empty key is listed by the completeness rule
    if (contracts.has(ref)) failures.add(`B_02.01 row ${r + 1} declares the contract ${ref} a second time.`);
    contracts.add(ref);
  });
  for (const [sheet, name] of [[b0202, "B_02.02"], [b0502, "B_05.02"], [b0701, "B_07.01"]] as const) {
    sheet?.rows.forEach((row, r) => {
      const ref = sheet.cell(row, "c0010");
      if (ref !== "" && !contracts.has(ref)) failures.add(`${name} row ${r + 1} refers to the contract ${ref}, which B_02.01 does not declare.`);
    });
  }
  const specified = new Set(b0202?.rows.map((row) => b0202.cell(row, "c0010")) ?? []);
  for (const ref of contracts) if (!specified.has(ref)) failures.add(`The contract ${ref} of B_02.01 has no row in B_02.02 (which ICT service, for which function).`);

  // Providers: B_05.01 is where each provider is declared, by its identification code and type of code.
  const providers = new Set<string>();
  b0501?.rows.forEach((row, r) => {
    const code = b0501.cell(row, "c0010");
    if (code === "") return;
    const key = `${code}\u0000${b0501.cell(row, "c0020")}`;
    if (providers.has(key)) failures.add(`B_05.01 row ${r + 1} declares the provider ${code} a second time.`);
    providers.add(key);
  });
  const named = (code: string, type: string) => code === "" || providers.has(`${code}\u0000${type}`);
  b0202?.rows.forEach((row, r) => {
    if (!named(b0202.cell(row, "c0030"), b0202.cell(row, "c0040"))) failures.add(`B_02.02 row ${r + 1} names the provider ${b0202.cell(row, "c0030")}, which B_05.01 does not declare (with that type of code).`);
  });
  b0701?.rows.forEach((row, r) => {
    if (!named(b0701.cell(row, "c0020"), b0701.cell(row, "c0030"))) failures.add(`B_07.01 row ${r + 1} names the provider ${b0701.cell(row, "c0020")}, which B_05.01 does not declare (with that type of code).`);
  });
  // The contract's provider, where B_02.02 names it, for B_05.02's rank 1 and B_07.01.
  const providerOfContract = new Map<string, string>();
  b0202?.rows.forEach((row) => {
    const code = b0202.cell(row, "c0030");
    if (code !== "") providerOfContract.set(b0202.cell(row, "c0010"), code);
  });
  b0701?.rows.forEach((row, r) => {
    const code = b0701.cell(row, "c0020");
    const contracted = providerOfContract.get(b0701.cell(row, "c0010"));
    if (code !== "" && contracted !== undefined && code !== contracted) failures.add(`B_07.01 row ${r + 1} assesses ${code} for the contract ${b0701.cell(row, "c0010")}, whose provider in B_02.02 is ${contracted}.`);
  });

  // Supply chains: per contract and service, ranks 1, 2, ... without holes; a sub-contractor's recipient is a provider one rank above.
  if (!b0502) return;
  const chains = new Map<string, { contract: string; rank: number; provider: string; recipient: string; row: number }[]>();
  b0502.rows.forEach((row, r) => {
    const provider = b0502.cell(row, "c0030");
    if (!named(provider, b0502.cell(row, "c0040"))) failures.add(`B_05.02 row ${r + 1} names the provider ${provider}, which B_05.01 does not declare (with that type of code).`);
    const recipient = b0502.cell(row, "c0060");
    if (!named(recipient, b0502.cell(row, "c0070"))) failures.add(`B_05.02 row ${r + 1} names the recipient ${recipient}, which B_05.01 does not declare (with that type of code).`);
    const rankText = b0502.cell(row, "c0050");
    const rank = /^\d+$/.test(rankText) ? Number(rankText) : NaN;
    if (!(rank >= 1)) {
      if (rankText !== "") failures.add(`B_05.02 row ${r + 1} gives the rank "${rankText}"; ranks start at 1 (the provider the entity contracts with).`);
      return;
    }
    if (rank === 1 && recipient !== "") failures.add(`B_05.02 row ${r + 1} is at rank 1 but names a recipient: only a sub-contractor (rank 2 and above) has one.`);
    const contract = b0502.cell(row, "c0010");
    const chain = `${contract}\u0000${b0502.cell(row, "c0020")}`;
    const links = chains.get(chain) ?? [];
    links.push({ contract, rank, provider, recipient, row: r + 1 });
    chains.set(chain, links);
  });
  for (const links of chains.values()) {
    const contract = links[0]!.contract;
    const ranks = new Set(links.map((l) => l.rank));
    for (const link of links) {
      if (link.rank > 1 && !ranks.has(link.rank - 1)) failures.add(`B_05.02 row ${link.row}: the contract ${contract} has a provider at rank ${link.rank} but none at rank ${link.rank - 1}.`);
      if (link.rank > 1 && link.recipient !== "") {
        const above = links.filter((l) => l.rank === link.rank - 1 && l.provider !== "").map((l) => l.provider);
        if (above.length > 0 && !above.includes(link.recipient)) failures.add(`B_05.02 row ${link.row}: the recipient ${link.recipient} is not a provider of the contract ${contract} at rank ${link.rank - 1}.`);
      }
      const contracted = providerOfContract.get(contract);
      if (link.rank === 1 && link.provider !== "" && contracted !== undefined && link.provider !== contracted)
        failures.add(`B_05.02 row ${link.row} puts ${link.provider} at rank 1 of the contract ${contract}, whose provider in B_02.02 is ${contracted}.`);
    }
  }
}
